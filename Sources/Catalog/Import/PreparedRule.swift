import Foundation
import SigmaKit

/// Everything written for one Sigma document, built off the write transaction (in parallel).
struct PreparedRule: Sendable {
    var record: RuleRecord
    var tags: [NormalizedTag]
    var references: [String]
    var falsepositives: [String]
    var related: [RelatedRule]
    /// Where the id sits in the file, for duplicate-id messages.
    var idPosition: SourcePosition?
    /// Queries generated for the configured targets (detection rules only).
    var queries: [GeneratedQuery] = []
    /// The validator's warnings for this document, stored with the rule (`rule_warning`).
    var warnings: [Diagnostic] = []
    /// Identifiers, field names and values, indexed by FTS5 (stored there only, not in `rule`).
    var ftsDetection = ""
    /// The history's comparison with the stored version this rule replaces, made while planning.
    var diff: RuleImporter.PreparedDiff?

    /// The text indexed by FTS5 for this rule.
    var ftsTags: String { tags.map(\.tag).joined(separator: " ") }
    var ftsFalsePositives: String { falsepositives.joined(separator: "\n") }
}

/// Turns parsed Sigma documents into catalog rows.
enum RuleRowBuilder {
    /// Problems that make a document unfit for the catalog though SigmaKit accepted it.
    struct Rejection: Error {
        var message: String
        var position: SourcePosition?
    }

    static func prepare(_ document: SigmaDocument, yaml: String, hash: String, sourcePath: String) throws -> PreparedRule {
        switch document {
        case .rule(let rule):
            let id = try identity(rule.id, position: rule.keyPositions["id"])
            var record = base(id: id, kind: "rule", title: rule.title, yaml: yaml, hash: hash, sourcePath: sourcePath)
            record.name = rule.name
            record.status = rule.status?.rawValue
            record.level = rule.level?.rawValue
            record.levelRank = rule.level.map { $0.rank + 1 } ?? 0
            record.description = rule.description
            record.author = rule.author
            record.license = rule.license
            record.taxonomy = rule.taxonomy
            record.date = rule.date
            record.modified = rule.modified
            setLogSource(rule.logsource, on: &record)
            record.fields = RowJSON.strings(rule.fields)
            record.scope = RowJSON.strings(rule.scope)
            record.custom = RowJSON.stringMap(rule.custom)
            return PreparedRule(record: record, tags: rule.tags.map(TagNormalizer.normalize), references: rule.references,
                                falsepositives: rule.falsepositives, related: rule.related, idPosition: rule.keyPositions["id"],
                                ftsDetection: detectionText(rule.detection))
        case .correlation(let rule):
            let id = try identity(rule.id, position: nil)
            var record = base(id: id, kind: "correlation", title: rule.title, yaml: yaml, hash: hash, sourcePath: sourcePath)
            record.name = rule.name
            record.status = rule.status?.rawValue
            record.level = rule.level?.rawValue
            record.levelRank = rule.level.map { $0.rank + 1 } ?? 0
            record.description = rule.description
            record.author = rule.author
            record.date = rule.date
            record.modified = rule.modified
            record.custom = RowJSON.stringMap(rule.custom)
            return PreparedRule(record: record, tags: rule.tags.map(TagNormalizer.normalize), references: rule.references,
                                falsepositives: rule.falsepositives, related: [], idPosition: nil,
                                ftsDetection: ([rule.type.rawValue] + rule.rules + rule.groupBy).joined(separator: " "))
        case .filter(let filter):
            let id = try identity(filter.id, position: nil)
            var record = base(id: id, kind: "filter", title: filter.title, yaml: yaml, hash: hash, sourcePath: sourcePath)
            record.name = filter.name
            record.description = filter.description
            record.author = filter.author
            record.date = filter.date
            record.modified = filter.modified
            setLogSource(filter.logsource, on: &record)
            return PreparedRule(record: record, tags: [], references: [], falsepositives: [], related: [], idPosition: nil,
                                ftsDetection: (filter.rules + [detectionText(filter.detection)]).joined(separator: " "))
        }
    }

    private static func setLogSource(_ logsource: LogSource, on record: inout RuleRecord) {
        record.logsourceProduct = logsource.product
        record.logsourceCategory = logsource.category
        record.logsourceService = logsource.service
        record.logsourceDefinition = logsource.definition
        record.logsourceCustom = RowJSON.stringMap(logsource.custom)
    }

    /// The catalog identifies rules by their Sigma id, lower-cased (UUIDs compare case-insensitively).
    private static func identity(_ id: String?, position: SourcePosition?) throws -> String {
        guard let id = id?.trimmingCharacters(in: .whitespaces), !id.isEmpty else {
            throw Rejection(message: "rule has no 'id': the catalog identifies rules by their Sigma id", position: position)
        }
        return id.lowercased()
    }

    private static func base(id: String, kind: String, title: String, yaml: String, hash: String, sourcePath: String) -> RuleRecord {
        RuleRecord(
            id: id, kind: kind, title: title, name: nil, status: nil, level: nil, levelRank: 0, description: nil,
            author: nil, license: nil, taxonomy: nil, date: nil, modified: nil, logsourceProduct: nil,
            logsourceCategory: nil, logsourceService: nil, logsourceDefinition: nil, logsourceCustom: "{}",
            fields: "[]", scope: "[]", custom: "{}", yaml: yaml,
            contentHash: hash, sourcePath: sourcePath, importedAt: "")
    }

    /// Sorted-key JSON: the same value always gives the same text, so rows compare byte for byte.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Identifiers, field names and raw values, one per line, for the full-text index.
    static func detectionText(_ detections: Detections) -> String {
        var out: [String] = []
        func walk(_ group: DetectionGroup, depth: Int) {
            // SigmaKit bounds nesting; the guard keeps this safe whatever it accepts.
            guard depth < 64 else { return }
            for node in group.nodes {
                switch node {
                case .item(let item):
                    var parts: [String] = []
                    if let field = item.field { parts.append(field) }
                    for raw in item.rawValues {
                        switch raw {
                        case .string(let s): parts.append(s)
                        case .int(let i): parts.append(String(i))
                        case .double(let d): parts.append(String(d))
                        case .bool(let b): parts.append(String(b))
                        case .null: parts.append("null")
                        }
                    }
                    out.append(parts.joined(separator: " "))
                case .group(let inner):
                    walk(inner, depth: depth + 1)
                }
            }
        }
        for named in detections.named {
            out.append(named.name)
            walk(named.body, depth: 0)
        }
        out.append(contentsOf: detections.conditionTexts)
        return out.joined(separator: "\n")
    }
}
