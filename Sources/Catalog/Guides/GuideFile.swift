import Foundation
import SigmaKit
import Yams

/// A problem in a hunt-guide YAML file or in a scenario or note given on the command line, with its position.
public struct GuideFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int = 1, column: Int = 1, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: error: message`
    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// A false-positive scenario as written in a guide file or given to `huntkb fp add`.
public struct ScenarioDraft: Sendable, Hashable {
    public var title: String
    public var description: String
    public var exclusion: String
    public var exampleFilter: String
    public var exampleLanguage: String
    /// A Sigma filter document (YAML text).
    public var filter: String?
    public var author: String?
    /// `YYYY-MM-DD`; nil means "today" when stored.
    public var created: String?
    public var updated: String?
    /// Where the scenario starts in its file (1 when not from a file).
    public var line: Int
    /// Fields HuntKB wrote because the scenario's source lacked them; the others are the author's words.
    public var completedFields: [String] = []
    /// HuntKB's reading of the author's exclusion guidance, shown beside the Sigma filter.
    public var translationNote: String?

    /// The scenario fields `completed_by_huntkb` may name.
    public static let completableFields = ["title", "description", "exclusion", "example_filter"]

    public init(title: String, description: String = "", exclusion: String = "", exampleFilter: String = "",
                exampleLanguage: String = "kql", filter: String? = nil, author: String? = nil,
                created: String? = nil, updated: String? = nil, line: Int = 1) {
        self.title = title
        self.description = description
        self.exclusion = exclusion
        self.exampleFilter = exampleFilter
        self.exampleLanguage = exampleLanguage
        self.filter = filter
        self.author = author
        self.created = created
        self.updated = updated
        self.line = line
    }
}

/// The notes and scenarios of one rule in a guide file.
public struct GuideFileRule: Sendable, Hashable {
    /// Lower-cased rule id.
    public var rule: String
    /// The rule title, informational (written by export, ignored by import).
    public var title: String?
    public var note: String?
    public var scenarios: [ScenarioDraft]
    /// Optional ADS-style sections (`ads:` in the file).
    public var ads: GuideADS?
    public var line: Int

    public init(rule: String, title: String? = nil, note: String? = nil, scenarios: [ScenarioDraft] = [], line: Int = 1) {
        self.rule = rule
        self.title = title
        self.note = note
        self.scenarios = scenarios
        self.line = line
    }
}

/// The note of one ATT&CK technique in a guide file.
public struct GuideFileTechnique: Sendable, Hashable {
    /// Upper-cased technique id.
    public var technique: String
    public var note: String?
    public var line: Int

    public init(technique: String, note: String? = nil, line: Int = 1) {
        self.technique = technique
        self.note = note
        self.line = line
    }
}

/// The human-editable YAML format of `seed/guides/*.yml`, `huntkb fp export` and `huntkb note export`.
public struct GuideFile: Sendable, Hashable {
    public var rules: [GuideFileRule]
    public var techniques: [GuideFileTechnique]

    public init(rules: [GuideFileRule] = [], techniques: [GuideFileTechnique] = []) {
        self.rules = rules
        self.techniques = techniques
    }

    /// Parses and checks a guide file: shape, required keys, dates, ids, and every Sigma filter document.
    public static func parse(text: String, path: String) throws -> GuideFile {
        if text.utf8.count > maxBytes {
            throw GuideFileError(path: path, message: "file too large (over \(maxBytes / 1_000_000) MB)")
        }
        if let line = tooDeep(text) {
            throw GuideFileError(path: path, line: line, message: "YAML nested too deeply (over \(maxDepth) levels)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlFailure(error, path: path)
        }
        guard let root else { return GuideFile() }
        var reader = GuideFileReader(path: path)
        return try reader.file(root)
    }

    static let maxBytes = 16_000_000
    static let maxDepth = 64

    /// The line where flow brackets or block indentation nest past `maxDepth`, so the recursive YAML composer
    /// never sees a pathological file.
    static func tooDeep(_ text: String) -> Int? {
        var depth = 0
        var line = 1
        var quote: UInt8?
        var atLineStart = true
        var indent = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
                indent = 0
                if quote == UInt8(ascii: "\n") { quote = nil }
                continue
            }
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { indent += 1; if indent > maxDepth * 4 { return line }; continue }
                atLineStart = false
            }
            if let q = quote {
                if byte == q { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return line }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: "#"): quote = UInt8(ascii: "\n")  // comment: skip to end of line
            default: break
            }
        }
        return nil
    }

    /// A Yams error as a one-line message at its position.
    static func yamlFailure(_ error: YamlError, path: String) -> GuideFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return GuideFileError(path: path, line: mark.line, column: mark.column, message: "not valid YAML: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return GuideFileError(path: path, line: context.mark.line, column: context.mark.column,
                                  message: "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))")
        default:
            let oneLine = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
            return GuideFileError(path: path, message: "not valid YAML: \(oneLine)")
        }
    }

    /// `T1234` or `T1234.567` (upper case).
    public static func isTechniqueID(_ id: String) -> Bool {
        id.wholeMatch(of: /T[0-9]{4}(\.[0-9]{3})?/) != nil
    }

    /// `YYYY-MM-DD` with a plausible month and day.
    public static func isDate(_ text: String) -> Bool {
        guard let m = text.wholeMatch(of: /([0-9]{4})-([0-9]{2})-([0-9]{2})/),
              let month = Int(m.2), let day = Int(m.3) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Checks a scenario's Sigma filter: one filter document, no errors, and its `rules:` naming the rule.
    public static func checkFilter(_ yaml: String, rule: String, path: String, line: Int) throws -> SigmaFilter {
        let parsed = SigmaParser.parse(text: yaml, path: path)
        if let error = parsed.errors.first {
            let position = error.position ?? SourcePosition(line: 0, column: 1)
            throw GuideFileError(path: path, line: line + max(0, position.line), column: max(1, position.column),
                                 message: "invalid Sigma filter: \(error.message)")
        }
        let filters = parsed.documents.compactMap { doc -> SigmaFilter? in
            if case .filter(let f) = doc { return f } else { return nil }
        }
        guard filters.count == 1, parsed.documents.count == 1, let filter = filters.first else {
            throw GuideFileError(path: path, line: max(1, line), message: "invalid Sigma filter: expected exactly one filter document (title, logsource, filter: rules/selection/condition)")
        }
        let named = filter.rules.map { $0.lowercased() }
        if !named.contains(rule.lowercased()) && !named.contains("any") {
            throw GuideFileError(path: path, line: max(1, line), message: "invalid Sigma filter: its rules: list does not name rule \(rule)")
        }
        return filter
    }
}

/// Walks a composed YAML tree into a `GuideFile`, failing on the first problem with its position.
private struct GuideFileReader {
    let path: String

    func fail(_ node: Node?, _ message: String) -> GuideFileError {
        GuideFileError(path: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message)
    }

    func pairs(_ node: Node, _ what: String) throws -> [(key: String, value: Node)] {
        guard case .mapping(let mapping) = node else { throw fail(node, "\(what) must be a map") }
        var out: [(key: String, value: Node)] = []
        var seen = Set<String>()
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw fail(key, "keys must be plain text") }
            if seen.contains(scalar.string) { throw fail(key, "duplicate key '\(scalar.string)'") }
            seen.insert(scalar.string)
            out.append((scalar.string, value))
        }
        return out
    }

    func list(_ node: Node, _ what: String) throws -> [Node] {
        if case .scalar(let s) = node, isNull(s) { return [] }
        guard case .sequence(let seq) = node else { throw fail(node, "\(what) must be a list") }
        return Array(seq)
    }

    func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A text value; numbers, dates and booleans are taken as written.
    func text(_ node: Node, _ key: String) throws -> String? {
        guard case .scalar(let scalar) = node else { throw fail(node, "'\(key)' must be text, not a list or map") }
        return isNull(scalar) ? nil : scalar.string
    }

    func date(_ node: Node, _ key: String) throws -> String? {
        guard let value = try text(node, key) else { return nil }
        guard GuideFile.isDate(value) else { throw fail(node, "'\(key)' must be a date YYYY-MM-DD, not '\(value)'") }
        return value
    }

    mutating func file(_ root: Node) throws -> GuideFile {
        if case .scalar(let s) = root, isNull(s) { return GuideFile() }
        var result = GuideFile()
        for (key, value) in try pairs(root, "a guide file") {
            switch key {
            case "rules":
                var seen = Set<String>()
                for item in try list(value, "'rules'") {
                    let entry = try rule(item)
                    if seen.contains(entry.rule) { throw fail(item, "rule \(entry.rule) appears twice; merge its entries") }
                    seen.insert(entry.rule)
                    result.rules.append(entry)
                }
            case "techniques":
                var seen = Set<String>()
                for item in try list(value, "'techniques'") {
                    let entry = try technique(item)
                    if seen.contains(entry.technique) { throw fail(item, "technique \(entry.technique) appears twice") }
                    seen.insert(entry.technique)
                    result.techniques.append(entry)
                }
            default:
                throw fail(value, "unknown key '\(key)' (expected rules, techniques)")
            }
        }
        return result
    }

    func rule(_ node: Node) throws -> GuideFileRule {
        var id: String?
        var entry = GuideFileRule(rule: "", line: node.mark?.line ?? 1)
        var scenarioNodes: [Node] = []
        for (key, value) in try pairs(node, "a rules entry") {
            switch key {
            case "rule": id = try text(value, key)
            case "title": entry.title = try text(value, key)
            case "note": entry.note = try text(value, key)
            case "scenarios": scenarioNodes = try list(value, "'scenarios'")
            case "ads": entry.ads = try ads(value)
            default: throw fail(value, "unknown key '\(key)' in a rules entry (expected rule, title, note, scenarios, ads)")
            }
        }
        guard let id, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(node, "a rules entry needs 'rule: <rule id>'")
        }
        entry.rule = id.trimmingCharacters(in: .whitespaces).lowercased()
        var titles = Set<String>()
        for scenarioNode in scenarioNodes {
            let scenario = try self.scenario(scenarioNode, rule: entry.rule)
            if titles.contains(scenario.title) {
                throw fail(scenarioNode, "rule \(entry.rule) has two scenarios titled '\(scenario.title)'")
            }
            titles.insert(scenario.title)
            entry.scenarios.append(scenario)
        }
        return entry
    }

    func scenario(_ node: Node, rule: String) throws -> ScenarioDraft {
        var draft = ScenarioDraft(title: "", line: node.mark?.line ?? 1)
        var filterNode: Node?
        for (key, value) in try pairs(node, "a scenario") {
            switch key {
            case "title": draft.title = (try text(value, key) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            case "description": draft.description = try text(value, key) ?? ""
            case "exclusion": draft.exclusion = try text(value, key) ?? ""
            case "example_filter": draft.exampleFilter = try text(value, key) ?? ""
            case "example_language": draft.exampleLanguage = try text(value, key) ?? "kql"
            case "filter":
                draft.filter = try text(value, key)
                filterNode = value
            case "author": draft.author = try text(value, key)
            case "translation_note": draft.translationNote = try text(value, key)
            case "completed_by_huntkb":
                for item in try list(value, "'completed_by_huntkb'") {
                    guard let name = try text(item, key), ScenarioDraft.completableFields.contains(name) else {
                        throw fail(item, "'completed_by_huntkb' lists scenario fields: \(ScenarioDraft.completableFields.joined(separator: ", "))")
                    }
                    if !draft.completedFields.contains(name) { draft.completedFields.append(name) }
                }
            case "created": draft.created = try date(value, key)
            case "updated": draft.updated = try date(value, key)
            default:
                throw fail(value, "unknown key '\(key)' in a scenario (expected title, description, exclusion, example_filter, example_language, filter, translation_note, completed_by_huntkb, author, created, updated)")
            }
        }
        if draft.title.isEmpty { throw fail(node, "a scenario needs a non-empty 'title'") }
        if let filter = draft.filter {
            // Block scalars start on the line after the key; the filter's own line numbers count from there.
            let start = (filterNode?.mark?.line ?? draft.line)
            _ = try GuideFile.checkFilter(filter, rule: rule, path: path, line: start)
        }
        return draft
    }

    func ads(_ node: Node) throws -> GuideADS {
        var ads = GuideADS()
        for (key, value) in try pairs(node, "'ads'") {
            switch key {
            case "goal": ads.goal = try text(value, key)
            case "blind_spots": ads.blindSpots = try text(value, key)
            case "validation": ads.validation = try text(value, key)
            case "response": ads.response = try text(value, key)
            case "priority": ads.priority = try text(value, key)
            default: throw fail(value, "unknown key '\(key)' in 'ads' (expected goal, blind_spots, validation, response, priority)")
            }
        }
        return ads
    }

    func technique(_ node: Node) throws -> GuideFileTechnique {
        var id: String?
        var entry = GuideFileTechnique(technique: "", line: node.mark?.line ?? 1)
        for (key, value) in try pairs(node, "a techniques entry") {
            switch key {
            case "technique": id = try text(value, key)
            case "note": entry.note = try text(value, key)
            default: throw fail(value, "unknown key '\(key)' in a techniques entry (expected technique, note)")
            }
        }
        let upper = (id ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard GuideFile.isTechniqueID(upper) else {
            throw fail(node, "a techniques entry needs 'technique: <ATT&CK id>' like T1053.003, not '\(id ?? "")'")
        }
        entry.technique = upper
        return entry
    }
}
