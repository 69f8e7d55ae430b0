import GRDB

extension AppDatabase {
    /// The rules matching `query`, in one read transaction.
    public func search(_ query: RuleQuery) throws -> [RuleSummary] {
        try writer.read { try RuleSearch.search($0, query) }
    }
}
