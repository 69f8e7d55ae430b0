import Foundation

/// Checks parsed Sigma documents against SigmaHQ conventions and adds warnings with positions.
///
/// Errors (what the spec forbids) come from `SigmaParser`; this adds warnings only, never errors,
/// so a convention (an unknown ATT&CK tag, say) can never make a rule invalid.
public struct SigmaValidator: Sendable {
    /// Warning identifiers not to report.
    public var disabled: Set<String>
    /// ATT&CK catalog for the ATT&CK tag warnings; without it those checks are skipped.
    public var attack: AttackKnowledge?
    /// Rule ids and names correlations and filters may reference; nil skips the check.
    public var knownRules: Set<String>?
    /// Stored versions of rules by id, to notice edits that did not update `modified`.
    public var previousVersions: [String: SigmaRule]
    /// SigmaHQ's title length limit.
    public var maxTitleLength = 110

    /// Tag namespaces of the spec's tags appendix.
    public static let tagNamespaces: Set<String> = ["attack", "car", "cve", "d3fend", "detection", "stp", "tlp"]

    public init(disabled: Set<String> = [], attack: AttackKnowledge? = nil, knownRules: Set<String>? = nil,
                previousVersions: [String: SigmaRule] = [:]) {
        self.disabled = disabled
        self.attack = attack
        self.knownRules = knownRules
        self.previousVersions = previousVersions
    }

    /// Parses and validates text: parser errors plus this validator's warnings.
    public func validate(text: String, path: String) -> SigmaFile {
        apply(to: SigmaParser.parseWithoutWarnings(text: text, path: path))
    }

    /// Parses and validates a file (I/O and encoding problems are errors).
    public func validateFile(atPath path: String) -> SigmaFile {
        apply(to: SigmaParser.parseFileWithoutWarnings(atPath: path))
    }

    /// Replaces the warnings of an already parsed file with this validator's.
    public func apply(to file: SigmaFile) -> SigmaFile {
        var out = file
        out.diagnostics = file.diagnostics.filter { $0.severity == .error } + warnings(for: file)
        return out
    }

    /// The warnings for every document of a parsed file, in document order.
    public func warnings(for file: SigmaFile) -> [Diagnostic] {
        var sink = WarningSink(disabled: disabled, path: file.path)
        let locator = TextLocator(text: file.text)
        for document in file.documents {
            switch document {
            case .rule(let rule): check(rule, locator: locator, sink: &sink)
            case .correlation(let c): check(c, locator: locator, sink: &sink)
            case .filter(let f): checkReferences(f.rules, kind: "filter", locator: locator, sink: &sink)
            }
        }
        return sink.diagnostics
    }

    struct WarningSink {
        let disabled: Set<String>
        let path: String
        var diagnostics: [Diagnostic] = []

        mutating func warn(_ code: WarningCode, _ message: String, at position: SourcePosition?) {
            guard !disabled.contains(code.rawValue) else { return }
            diagnostics.append(Diagnostic(.warning, code: code.rawValue, message, path: path, at: position))
        }
    }

    private func check(_ rule: SigmaRule, locator: TextLocator, sink: inout WarningSink) {
        let start = rule.keyPositions.values.min() ?? SourcePosition(line: 1, column: 1)
        let titleAt = rule.keyPositions["title"] ?? start
        if rule.description?.isEmpty ?? true {
            sink.warn(.missingDescription, "rule has no description", at: titleAt)
        }
        if rule.falsepositives.isEmpty {
            sink.warn(.missingFalsepositives, "rule lists no falsepositives", at: titleAt)
        }
        if rule.id == nil { sink.warn(.missingID, "rule has no id", at: titleAt) }
        if rule.level == nil { sink.warn(.missingLevel, "rule has no level", at: titleAt) }
        if rule.author?.isEmpty ?? true { sink.warn(.missingAuthor, "rule has no author", at: titleAt) }
        if rule.date == nil { sink.warn(.missingDate, "rule has no date", at: titleAt) }
        if let date = rule.date, let modified = rule.modified, modified < date {
            sink.warn(.modifiedBeforeDate, "modified \(modified) is earlier than date \(date)", at: rule.keyPositions["modified"])
        }
        if rule.title.count > maxTitleLength {
            sink.warn(.titleTooLong, "title is \(rule.title.count) characters, longer than \(maxTitleLength)", at: titleAt)
        }
        if let id = rule.id, let previous = previousVersions[id] {
            var a = previous, b = rule
            a.keyPositions = [:]; b.keyPositions = [:]
            a.modified = nil; b.modified = nil
            if a != b, rule.modified == nil || rule.modified == previous.modified {
                sink.warn(.missingModified, "rule differs from the stored version but 'modified' was not updated",
                          at: rule.keyPositions["modified"] ?? titleAt)
            }
        }
        checkTags(rule.tags, tagsAt: rule.keyPositions["tags"], locator: locator, sink: &sink)
        for (text, condition) in zip(rule.detection.conditionTexts, rule.detection.conditions) {
            if Self.containsAllOfThem(condition) {
                sink.warn(.allOfThem, "'all of them' in condition '\(text)'; prefer 'all of selection*' so filters can be added",
                          at: locator.find(text, after: rule.keyPositions["detection"]))
            }
        }
        if rule.detection.conditionTexts.count > 1 {
            sink.warn(.conditionList, "condition is a list of \(rule.detection.conditionTexts.count) conditions; each becomes its own query",
                      at: locator.find("condition:", after: rule.keyPositions["detection"]))
        }
    }

    private func check(_ c: CorrelationRule, locator: TextLocator, sink: inout WarningSink) {
        let titleAt = locator.find("title:", after: nil)
        if c.description?.isEmpty ?? true { sink.warn(.missingDescription, "correlation has no description", at: titleAt) }
        if c.title.count > maxTitleLength {
            sink.warn(.titleTooLong, "title is \(c.title.count) characters, longer than \(maxTitleLength)", at: titleAt)
        }
        checkTags(c.tags, tagsAt: locator.find("tags:", after: nil), locator: locator, sink: &sink)
        checkReferences(c.rules, kind: "correlation", locator: locator, sink: &sink)
    }

    private func checkReferences(_ refs: [String], kind: String, locator: TextLocator, sink: inout WarningSink) {
        guard let knownRules else { return }
        for ref in refs where !knownRules.contains(ref) {
            sink.warn(.unknownRuleReference, "\(kind) references rule '\(ref)', which is not known", at: locator.find(ref, after: nil))
        }
    }

    private func checkTags(_ tags: [String], tagsAt: SourcePosition?, locator: TextLocator, sink: inout WarningSink) {
        var seen: Set<String> = []
        var techniques: [(id: String, tactics: Set<String>)] = []
        var tacticTags: [(tag: String, tactic: String, at: SourcePosition?)] = []
        // Tags are found in file order from one moving cursor, so locating them all is linear in the text.
        var cursor = locator.cursor(at: tagsAt)
        for tag in tags {
            let at = locator.find(tag, from: &cursor) ?? tagsAt
            if !seen.insert(tag).inserted {
                sink.warn(.duplicateTag, "tag '\(tag)' appears twice", at: at)
                continue
            }
            let parts = tag.split(separator: ".", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let namespace = String(parts[0])
            let name = String(parts[1])
            if !Self.tagNamespaces.contains(namespace) {
                sink.warn(.unknownTagNamespace, "tag namespace '\(namespace)' of '\(tag)' is not one of \(Self.tagNamespaces.sorted().joined(separator: ", "))", at: at)
            }
            if namespace != "d3fend", !tag.unicodeScalars.allSatisfy({ Self.tagCharacters.contains($0) }) {
                sink.warn(.tagFormat, "tag '\(tag)' should use only lower-case letters, digits, '_', '-' and '.'", at: at)
            }
            guard namespace == "attack", let attack else { continue }
            let lower = name.lowercased()
            if Self.isTechniqueID(lower) {
                guard attack.techniques[lower] != nil else {
                    let version = attack.version.map { " \($0)" } ?? ""
                    sink.warn(.attackUnknownTechnique, "ATT&CK technique '\(name)' is not in the loaded ATT&CK\(version) catalog", at: at)
                    continue
                }
                if attack.deprecated.contains(lower) {
                    sink.warn(.attackDeprecatedTechnique, "ATT&CK technique '\(name)' is revoked or deprecated", at: at)
                }
                techniques.append((lower, attack.tactics(ofTechnique: lower) ?? []))
            } else if Self.isOtherAttackID(lower) {
                continue
            } else if !attack.tactics.contains(lower) {
                let version = attack.version.map { " \($0)" } ?? ""
                let dashed = lower.replacingOccurrences(of: "_", with: "-")
                let hint = dashed != lower && attack.tactics.contains(dashed) ? " (did you mean 'attack.\(dashed)'?)" : ""
                sink.warn(.attackUnknownTactic, "ATT&CK tactic '\(name)' is not in the loaded ATT&CK\(version) catalog\(hint)", at: at)
            } else {
                tacticTags.append((tag, lower, at))
            }
        }
        guard !techniques.isEmpty else { return }
        let covered = techniques.reduce(into: Set<String>()) { $0.formUnion($1.tactics) }
        var list: String?
        for (tag, tactic, at) in tacticTags where !covered.contains(tactic) {
            let list = list ?? {
                let text = techniques.map { "\($0.id) (\($0.tactics.sorted().joined(separator: ", ")))" }.joined(separator: "; ")
                list = text
                return text
            }()
            sink.warn(.attackTacticMismatch, "tactic tag '\(tag)' is not a tactic of the rule's techniques: \(list)", at: at)
        }
    }

    static let tagCharacters: Set<Unicode.Scalar> = Set("abcdefghijklmnopqrstuvwxyz0123456789_-.".unicodeScalars)

    /// `t1059`, `t1059.001`.
    static func isTechniqueID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 5, b[0] == UInt8(ascii: "t"), b[1...4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        if b.count == 5 { return true }
        return b.count == 9 && b[5] == UInt8(ascii: ".") && b[6...].allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Groups, software, data sources, mitigations, assets: `g0016`, `s0002`, `ds0009`, `m1042`, `a0001`.
    static func isOtherAttackID(_ s: String) -> Bool {
        for prefix in ["ds", "g", "s", "m", "a"] where s.hasPrefix(prefix) {
            let rest = s.dropFirst(prefix.count)
            if rest.count == 4, rest.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        }
        return false
    }

    static func containsAllOfThem(_ c: ConditionExpression) -> Bool {
        var stack = [c]
        while let e = stack.popLast() {
            switch e {
            case .selector(.all, nil, _): return true
            case .and(let cs), .or(let cs): stack.append(contentsOf: cs)
            case .not(let x): stack.append(x)
            default: continue
            }
        }
        return false
    }
}

/// Finds where a text occurs in a file, for warnings about values the model keeps without positions.
struct TextLocator {
    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// A place in the text to search on from: a line and an index in it, with that index's column.
    struct Cursor {
        var line: Int
        var index: Substring.Index
        var column: Int
    }

    /// A cursor at the start of `position`'s line (the file's start when nil).
    func cursor(at position: SourcePosition?) -> Cursor {
        let line = min(max((position?.line ?? 1) - 1, 0), max(lines.count - 1, 0))
        return Cursor(line: line, index: lines.isEmpty ? "".startIndex : lines[line].startIndex, column: 1)
    }

    /// The next occurrence at or after the cursor, which then moves past it.
    func find(_ needle: String, from cursor: inout Cursor) -> SourcePosition? {
        guard !needle.isEmpty else { return nil }
        var index = cursor.line
        while index < lines.count {
            let line = lines[index]
            let start = index == cursor.line ? cursor.index : line.startIndex
            let startColumn = index == cursor.line ? cursor.column : 1
            if let range = Self.range(of: needle, in: line, from: start) {
                let column = startColumn + line.unicodeScalars[start..<range.lowerBound].count
                cursor = Cursor(line: index, index: range.upperBound,
                                column: column + line.unicodeScalars[range].count)
                return SourcePosition(line: index + 1, column: column)
            }
            index += 1
        }
        return nil
    }

    /// The first byte-exact occurrence of `needle` from `start`. Foundation's `range(of:)` bridges to NSString on
    /// Linux and made locating thousands of tags the slowest part of a validation; a UTF-8 match always starts
    /// and ends on scalar boundaries.
    static func range(of needle: String, in line: Substring, from start: Substring.Index) -> Range<Substring.Index>? {
        line.utf8[start...].firstRange(of: needle.utf8)
    }

    /// The first occurrence at or after `position`'s line (the whole file when nil).
    func find(_ needle: String, after position: SourcePosition?) -> SourcePosition? {
        let first = max((position?.line ?? 1) - 1, 0)
        guard first < lines.count else { return position }
        for index in first..<lines.count {
            if let range = Self.range(of: needle, in: lines[index], from: lines[index].startIndex) {
                let column = lines[index].unicodeScalars[..<range.lowerBound].count + 1
                return SourcePosition(line: index + 1, column: column)
            }
        }
        return position
    }
}
