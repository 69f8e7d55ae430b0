/// A value modifier of the Sigma specification (`field|contains|all`).
public enum Modifier: String, Sendable, Hashable, Codable, CaseIterable {
    case contains, startswith, endswith, all
    case base64, base64offset
    case utf16le, utf16be, utf16, wide
    case windash
    case re, i, m, s
    case cidr
    case exists
    case fieldref
    case gt, gte, lt, lte
    case expand
    case cased
    case neq
    /// Time modifiers (spec 2.1): extract a part of a date field as a number.
    case minute, hour, day, week, month, year

    /// Parses a modifier name as written in a rule (case-sensitive, like the spec); pySigma's long
    /// spellings of the regex flags (`ignorecase`, `multiline`, `dotall`) map to `i`, `m`, `s`.
    public init?(name: String) {
        switch name {
        case "ignorecase": self = .i
        case "multiline": self = .m
        case "dotall": self = .s
        default: self.init(rawValue: name)
        }
    }
}
