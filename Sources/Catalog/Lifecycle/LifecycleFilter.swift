import GRDB

/// SQL predicates over `rule_lifecycle` for any query on `rule` (search, guides, exports).
///
/// Each returns a clause to AND into a WHERE on a `rule` alias, and its arguments. Removed rules (gone from their
/// source) stay in the catalog but are hidden from search and guides unless the user asks for them.
public enum LifecycleFilter {
    /// `NOT EXISTS` a removed mark for the rule.
    public static func notRemoved(alias: String = "r") -> String {
        "NOT EXISTS (SELECT 1 FROM rule_lifecycle l WHERE l.rule_id = \(alias).id AND l.removed_run IS NOT NULL)"
    }

    /// Only removed rules.
    public static func removedOnly(alias: String = "r") -> String {
        "EXISTS (SELECT 1 FROM rule_lifecycle l WHERE l.rule_id = \(alias).id AND l.removed_run IS NOT NULL)"
    }

    /// The rule's local status is one of `statuses` (case-insensitive); `none` matches rules without one.
    public static func localStatus(_ statuses: [String], alias: String = "r") -> (sql: String, arguments: [String]) {
        let lowered = statuses.map { $0.lowercased() }
        let named = lowered.filter { $0 != "none" }
        var alternatives: [String] = []
        if !named.isEmpty {
            let marks = Array(repeating: "?", count: named.count).joined(separator: ", ")
            alternatives.append("EXISTS (SELECT 1 FROM rule_lifecycle l WHERE l.rule_id = \(alias).id AND l.local_status IN (\(marks)))")
        }
        if lowered.contains("none") {
            alternatives.append("NOT EXISTS (SELECT 1 FROM rule_lifecycle l WHERE l.rule_id = \(alias).id AND l.local_status IS NOT NULL)")
        }
        return ("(" + alternatives.joined(separator: " OR ") + ")", named)
    }

    /// The rule belongs to one of `sources`.
    public static func source(_ sources: [String], alias: String = "r") -> (sql: String, arguments: [String]) {
        let marks = Array(repeating: "?", count: sources.count).joined(separator: ", ")
        return ("EXISTS (SELECT 1 FROM rule_lifecycle l WHERE l.rule_id = \(alias).id AND l.source IN (\(marks)))",
                sources.map { $0.lowercased() })
    }

    /// Whether the rule is currently removed from its source.
    public static func isRemoved(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT removed_run IS NOT NULL FROM rule_lifecycle WHERE rule_id = ?", arguments: [id]) ?? false
    }
}
