import Foundation

/// A rule tag split into its namespace and value, with normalized ATT&CK technique id or tactic name.
public struct NormalizedTag: Sendable, Hashable, Codable {
    /// The tag exactly as written in the rule.
    public var tag: String
    /// Lower-cased namespace (`attack`, `cve`, `detection`...), empty when the tag has no dot.
    public var namespace: String
    /// Lower-cased value after the namespace.
    public var value: String
    /// Upper-case technique id (`T1053.003`) for `attack.t1053.003`.
    public var technique: String?
    /// Tactic short name with hyphens (`privilege-escalation`) for `attack.privilege_escalation`.
    public var tactic: String?
}

/// Normalizes tags and user input naming ATT&CK techniques and tactics.
public enum TagNormalizer {
    /// Splits and normalizes one tag as written in a rule.
    public static func normalize(_ tag: String) -> NormalizedTag {
        let trimmed = tag.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        guard let dot = lower.firstIndex(of: ".") else {
            return NormalizedTag(tag: tag, namespace: "", value: lower, technique: nil, tactic: nil)
        }
        let namespace = String(lower[..<dot])
        let value = String(lower[lower.index(after: dot)...])
        var result = NormalizedTag(tag: tag, namespace: namespace, value: value, technique: nil, tactic: nil)
        guard namespace == "attack" else { return result }
        if let technique = techniqueID(value) {
            result.technique = technique
        } else if isTacticName(value) {
            result.tactic = value.replacingOccurrences(of: "_", with: "-")
        }
        return result
    }

    /// `t1053.003`, `T1053`, `attack.t1053.003` → `T1053.003` / `T1053`; nil when not a technique id.
    public static func techniqueID(_ text: String) -> String? {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s.hasPrefix("attack.") { s.removeFirst("attack.".count) }
        let bytes = Array(s.utf8)
        guard bytes.count == 5 || bytes.count == 9, bytes[0] == UInt8(ascii: "t") else { return nil }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { bytes[$0] >= 48 && bytes[$0] <= 57 } }
        guard digits(1..<5) else { return nil }
        if bytes.count == 9 {
            guard bytes[5] == UInt8(ascii: "."), digits(6..<9) else { return nil }
        }
        return s.uppercased()
    }

    /// `TA0003` / `ta0003` → `TA0003`; nil otherwise.
    public static func tacticID(_ text: String) -> String? {
        let s = text.trimmingCharacters(in: .whitespaces).uppercased()
        let bytes = Array(s.utf8)
        guard bytes.count == 6, s.hasPrefix("TA"), bytes[2...].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return s
    }

    /// A tactic name typed by a user or written in a tag: lower case, hyphens, no `attack.` prefix.
    public static func tacticName(_ text: String) -> String {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s.hasPrefix("attack.") { s.removeFirst("attack.".count) }
        return s.replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
    }

    /// Values of the attack namespace that name groups, software, data sources, mitigations or assets
    /// (`g0001`, `s0002`, `ds0005`, `m1001`, `a0001`) are not tactics; any other word is.
    private static func isTacticName(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        for prefix in ["g", "s", "ds", "m", "a"] where value.hasPrefix(prefix) {
            let rest = value.dropFirst(prefix.count)
            if !rest.isEmpty, rest.allSatisfy(\.isNumber) { return false }
        }
        return value.allSatisfy { $0.isLetter || $0 == "-" || $0 == "_" }
    }
}
