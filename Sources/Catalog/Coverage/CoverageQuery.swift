/// What `huntkb coverage` counts: the search filters plus the ATT&CK platforms of the matrix.
public struct CoverageQuery: Sendable, Hashable {
    /// The search filters; with no `statuses`, deprecated and unsupported rules are left out (they cover nothing).
    public var filter: RuleQuery
    /// ATT&CK platforms (`windows`, `linux`, `macos`, any case): only techniques of these platforms count.
    public var platforms: [String]
    /// Also list the live matrix techniques no rule covers.
    public var gaps: Bool

    public init(filter: RuleQuery = RuleQuery(), platforms: [String] = [], gaps: Bool = false) {
        self.filter = filter
        self.platforms = platforms
        self.gaps = gaps
    }

    /// Statuses that are never counted unless asked for by name.
    public static let inactiveStatuses: Set<String> = ["deprecated", "unsupported"]

    /// Whether a rule of this kind and status counts under this query.
    func counts(kind: String, status: String?) -> Bool {
        guard kind != "filter" else { return false }
        if filter.statuses.isEmpty, let status, Self.inactiveStatuses.contains(status) { return false }
        return true
    }
}
