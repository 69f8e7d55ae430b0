import GRDB

/// A catalog rule's source text, for evaluating it on events.
public struct RuleSource: Sendable, Hashable {
    public var id: String
    public var sourcePath: String
    public var yaml: String
}

extension AppDatabase {
    /// The YAML of the detection rules a search selects (correlations and filters are left out), in
    /// the search's order; one read transaction.
    public func ruleSources(matching query: RuleQuery) throws -> [RuleSource] {
        var query = query
        query.kinds = ["rule"]
        return try writer.read { db in
            let ids = try RuleSearch.search(db, query).map(\.id)
            guard !ids.isEmpty else { return [] }
            let rows = try Row.fetchAll(db, sql: "SELECT id, source_path, yaml FROM rule WHERE id IN (\(RuleSearch.placeholders(ids.count)))",
                                        arguments: StatementArguments(ids))
            let byID = Dictionary(rows.map { ($0["id"] as String, RuleSource(id: $0["id"], sourcePath: $0["source_path"], yaml: $0["yaml"])) },
                                  uniquingKeysWith: { a, _ in a })
            return ids.compactMap { byID[$0] }
        }
    }
}
