import Foundation
import SigmaKit

/// Which top-level keys of a rule changed between two stored versions, and its ATT&CK tags before and after.
///
/// Keys are compared on the parsed model with source positions cleared: moving lines, comments and whitespace
/// are not changes. Keys are the Sigma top-level keys (`correlation` and `filter` blocks count as one key each);
/// custom keys are compared one by one under their own names. A key that is absent, null or an empty list is
/// the same as no key.
struct RuleDiff: Sendable, Hashable {
    var fields: [String]
    var oldAttackTags: [String]
    var newAttackTags: [String]

    /// The spec's order of top-level keys, used to list changed keys; other keys follow alphabetically.
    static let keyOrder = ["title", "id", "name", "related", "taxonomy", "status", "description", "license", "author",
                           "references", "date", "modified", "logsource", "correlation", "filter", "detection", "fields",
                           "falsepositives", "level", "tags", "scope"]

    /// Both stored versions are parsed again (only rules whose bytes changed get here).
    static func compare(previous: RuleRecord, current: RuleRecord) -> RuleDiff {
        compare(old: document(previous), new: document(current))
    }

    /// Compares two parsed versions of one rule (nil: the version holds no document of that id).
    static func compare(old: SigmaDocument?, new: SigmaDocument?) -> RuleDiff {
        let a = Snapshot(old), b = Snapshot(new)
        var keys = Set(a.keys.keys).union(b.keys.keys)
        keys.remove("id")
        let changed = keys.filter { a.keys[$0] != b.keys[$0] }
        let fields = changed.sorted { x, y in
            let ix = keyOrder.firstIndex(of: x) ?? Int.max, iy = keyOrder.firstIndex(of: y) ?? Int.max
            return ix != iy ? ix < iy : x < y
        }
        return RuleDiff(fields: fields, oldAttackTags: a.attackTags, newAttackTags: b.attackTags)
    }

    /// Whether the ATT&CK tags differ as sets (order and case are not changes).
    var attackTagsChanged: Bool {
        Set(oldAttackTags.map { $0.lowercased() }) != Set(newAttackTags.map { $0.lowercased() })
    }

    /// The document of `record.id` in the record's stored YAML.
    static func document(_ record: RuleRecord) -> SigmaDocument? {
        document(id: record.id, in: SigmaParser.parseWithoutWarnings(text: record.yaml, path: record.sourcePath))
    }

    static func document(id: String, in file: SigmaFile) -> SigmaDocument? {
        file.documents.first { document in
            switch document {
            case .rule(let rule): rule.id?.lowercased() == id
            case .correlation(let rule): rule.id?.lowercased() == id
            case .filter(let filter): filter.id?.lowercased() == id
            }
        }
    }

    /// One top-level key's value, typed.
    enum Value: Hashable {
        case text(String)
        case list([String])
        case related([RelatedRule])
        case logsource(LogSource)
        case detection(Detections)
        case correlation(CorrelationBlock)
        case filter(rules: [String], detection: Detections)
        case flag(Bool)
        case expression(ConditionExpression)
    }

    /// The members of a correlation's `correlation:` block.
    struct CorrelationBlock: Hashable {
        var type: CorrelationType
        var rules: [String]
        var groupBy: [String]
        var timespan: String
        var conditions: [CorrelationCondition]
        var aliases: [String: [String: String]]
        var generate: Bool
        var extendedCondition: String?
    }

    struct Snapshot {
        var keys: [String: Value] = [:]
        var attackTags: [String] = []

        init(_ document: SigmaDocument?) {
            switch document {
            case .rule(let rule)?:
                text("title", rule.title)
                text("id", rule.id)
                text("name", rule.name)
                if !rule.related.isEmpty { keys["related"] = .related(rule.related) }
                text("taxonomy", rule.taxonomy)
                text("status", rule.status?.rawValue)
                text("description", rule.description)
                text("license", rule.license)
                text("author", rule.author)
                list("references", rule.references)
                text("date", rule.date)
                text("modified", rule.modified)
                keys["logsource"] = .logsource(rule.logsource)
                keys["detection"] = .detection(rule.detection.withoutPositions)
                list("fields", rule.fields)
                list("falsepositives", rule.falsepositives)
                text("level", rule.level?.rawValue)
                list("tags", rule.tags)
                list("scope", rule.scope)
                custom(rule.custom)
                attackTags = rule.tags.filter { $0.lowercased().hasPrefix("attack.") }
            case .correlation(let rule)?:
                text("title", rule.title)
                text("id", rule.id)
                text("name", rule.name)
                text("status", rule.status?.rawValue)
                text("description", rule.description)
                text("author", rule.author)
                text("date", rule.date)
                text("modified", rule.modified)
                text("level", rule.level?.rawValue)
                list("tags", rule.tags)
                list("references", rule.references)
                list("falsepositives", rule.falsepositives)
                keys["correlation"] = .correlation(CorrelationBlock(
                    type: rule.type, rules: rule.rules, groupBy: rule.groupBy, timespan: rule.timespan,
                    conditions: rule.conditions, aliases: rule.aliases, generate: rule.generate,
                    extendedCondition: rule.extendedCondition))
                if let expression = rule.extendedExpression { keys["extendedExpression"] = .expression(expression) }
                custom(rule.custom)
                attackTags = rule.tags.filter { $0.lowercased().hasPrefix("attack.") }
            case .filter(let filter)?:
                text("title", filter.title)
                text("id", filter.id)
                text("name", filter.name)
                text("description", filter.description)
                text("author", filter.author)
                text("date", filter.date)
                text("modified", filter.modified)
                keys["logsource"] = .logsource(filter.logsource)
                keys["filter"] = .filter(rules: filter.rules, detection: filter.detection.withoutPositions)
                keys["appliesToAnyRule"] = .flag(filter.appliesToAnyRule)
            case nil:
                break
            }
        }

        private mutating func text(_ key: String, _ value: String?) {
            if let value { keys[key] = .text(value) }
        }

        private mutating func list(_ key: String, _ value: [String]) {
            if !value.isEmpty { keys[key] = .list(value) }
        }

        /// Custom keys count as top-level keys of their own (their values are JSON text already).
        private mutating func custom(_ custom: [String: String]) {
            for (key, value) in custom where keys[key] == nil { keys[key] = .text(value) }
        }
    }
}

extension Detections {
    /// The same detections with every source position cleared, for comparisons that ignore layout.
    var withoutPositions: Detections {
        var copy = self
        copy.named = named.map { NamedDetection(name: $0.name, body: $0.body.withoutPositions(depth: 0)) }
        return copy
    }
}

extension DetectionGroup {
    /// Bounded like SigmaKit's own nesting limit.
    func withoutPositions(depth: Int) -> DetectionGroup {
        guard depth < 200 else { return self }
        var copy = self
        copy.position = nil
        copy.nodes = nodes.map { node in
            switch node {
            case .item(var item):
                item.position = nil
                return .item(item)
            case .group(let inner):
                return .group(inner.withoutPositions(depth: depth + 1))
            }
        }
        return copy
    }
}
