import GRDB

extension AppDatabase {
    /// The rules a search returns with their stored query for one target (rules without one have none), in
    /// one read transaction.
    public func storedQueries(of query: RuleQuery, targetKey: String) throws -> (rules: [RuleSummary], queries: [StoredQuery]) {
        try writer.read { db in
            let results = try RuleSearch.search(db, query)
            return (results, try QueryStore.queries(db, ruleIDs: results.map(\.id), targetKey: targetKey))
        }
    }

    /// Regenerates missing or stale stored queries of these targets (all when `force`).
    public func refreshQueries(targetKeys: [String], force: Bool = false) throws -> QueryStore.RefreshReport {
        try QueryStore.refresh(self, targetKeys: targetKeys, force: force)
    }
}
