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

    /// Parses a modifier name as written in a rule (case-sensitive, like the spec).
    public init?(name: String) {
        self.init(rawValue: name)
    }
}
