import Foundation
import SigmaKit

/// Which top-level keys of a rule changed between two stored versions, and its ATT&CK tags before and after.
///
/// Both versions are parsed again (only rules whose bytes changed get here, so this is cheap) and compared key
/// by key on a position-free JSON form: moving lines, comments and whitespace are not changes. Keys are the
/// Sigma top-level keys (`correlation` and `filter` blocks count as one key each); custom keys are compared one
/// by one under their own names.
struct RuleDiff: Sendable, Hashable {
    var fields: [String]
    var oldAttackTags: [String]
    var newAttackTags: [String]

    /// The spec's order of top-level keys, used to list changed keys; other keys follow alphabetically.
    static let keyOrder = ["title", "id", "name", "related", "taxonomy", "status", "description", "license", "author",
                           "references", "date", "modified", "logsource", "correlation", "filter", "detection", "fields",
                           "falsepositives", "level", "tags", "scope"]

    static func compare(previous: RuleRecord, current: RuleRecord) -> RuleDiff {
        let old = snapshot(previous)
        let new = snapshot(current)
        var keys = Set(old.keys.keys).union(new.keys.keys)
        keys.remove("id")
        let changed = keys.filter { old.keys[$0] != new.keys[$0] }
        let fields = changed.sorted { a, b in
            let ia = keyOrder.firstIndex(of: a) ?? Int.max, ib = keyOrder.firstIndex(of: b) ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
        return RuleDiff(fields: fields, oldAttackTags: old.attackTags, newAttackTags: new.attackTags)
    }

    /// Whether the ATT&CK tags differ as sets (order and case are not changes).
    var attackTagsChanged: Bool {
        Set(oldAttackTags.map { $0.lowercased() }) != Set(newAttackTags.map { $0.lowercased() })
    }

    struct Snapshot {
        var keys: [String: String] = [:]
        var attackTags: [String] = []
    }

    /// Top-level key → canonical JSON text of its value, for the document of `record.id` in its file.
    static func snapshot(_ record: RuleRecord) -> Snapshot {
        let file = SigmaParser.parse(text: record.yaml, path: record.sourcePath)
        var snapshot = Snapshot()
        for document in file.documents {
            switch document {
            case .rule(let rule) where rule.id?.lowercased() == record.id:
                var object = jsonObject(rule)
                object["keyPositions"] = nil
                expandCustom(&object, rule.custom)
                snapshot.keys = canonical(object)
                snapshot.attackTags = rule.tags.filter { $0.lowercased().hasPrefix("attack.") }
                return snapshot
            case .correlation(let rule) where rule.id?.lowercased() == record.id:
                var object = jsonObject(rule)
                group(&object, into: "correlation",
                      ["type", "rules", "groupBy", "timespan", "conditions", "aliases", "generate", "extendedCondition"])
                expandCustom(&object, rule.custom)
                snapshot.keys = canonical(object)
                snapshot.attackTags = rule.tags.filter { $0.lowercased().hasPrefix("attack.") }
                return snapshot
            case .filter(let filter) where filter.id?.lowercased() == record.id:
                var object = jsonObject(filter)
                group(&object, into: "filter", ["rules", "detection"])
                snapshot.keys = canonical(object)
                return snapshot
            default:
                continue
            }
        }
        return snapshot
    }

    private static func jsonObject<T: Encodable>(_ value: T) -> [String: Any] {
        guard let data = try? JSONEncoder().encode(value),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    private static func group(_ object: inout [String: Any], into key: String, _ members: [String]) {
        var grouped: [String: Any] = [:]
        for member in members {
            if let value = object.removeValue(forKey: member) { grouped[member] = value }
        }
        object[key] = grouped
    }

    /// Custom keys are compared as separate top-level keys (their values are JSON text already).
    private static func expandCustom(_ object: inout [String: Any], _ custom: [String: String]) {
        object["custom"] = nil
        for (key, value) in custom where object[key] == nil {
            object[key] = value
        }
    }

    private static func canonical(_ object: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in object {
            let stripped = stripPositions(value, depth: 0)
            if stripped is NSNull { continue }
            if let array = stripped as? [Any], array.isEmpty { continue }
            if let dict = stripped as? [String: Any], dict.isEmpty { continue }
            guard JSONSerialization.isValidJSONObject([stripped]),
                  let data = try? JSONSerialization.data(withJSONObject: [stripped], options: [.sortedKeys]) else {
                out[key] = "\(stripped)"
                continue
            }
            out[key] = String(decoding: data, as: UTF8.self)
        }
        return out
    }

    /// Drops `position` keys at any depth (bounded: SigmaKit already bounds nesting).
    private static func stripPositions(_ value: Any, depth: Int) -> Any {
        guard depth < 200 else { return value }
        if let dict = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (k, v) in dict where k != "position" && k != "keyPositions" {
                out[k] = stripPositions(v, depth: depth + 1)
            }
            return out
        }
        if let array = value as? [Any] {
            return array.map { stripPositions($0, depth: depth + 1) }
        }
        return value
    }
}
