import GRDB

/// The one way a command turns what a user typed into a rule id: the whole id or a unique prefix of it
/// (case-insensitive), with a suggestion when nothing matches.
enum RuleIDResolver {
    static func resolve(_ db: Database, _ text: String) throws -> String {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !wanted.isEmpty else { throw CatalogError.ruleNotFound(text) }
        if try String.fetchOne(db, sql: "SELECT id FROM rule WHERE id = ?", arguments: [wanted]) != nil { return wanted }
        let matches = try String.fetchAll(db, sql: "SELECT id FROM rule WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 6",
                                          arguments: [RuleSearch.escapeLike(wanted) + "%"])
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw CatalogError.ambiguousRuleID(prefix: text, candidates: matches) }
        throw CatalogError.ruleNotFound(text, suggestion: try suggestion(db, wanted))
    }

    /// A rule id close to a mistyped one (edit distance ≤ 2 on the first 8 characters), or whose title it is.
    static func suggestion(_ db: Database, _ wanted: String) throws -> String? {
        let head = String(wanted.lowercased().prefix(8))
        if head.count >= 4 {
            var best: (Int, String)?
            for id in try String.fetchAll(db, sql: "SELECT id FROM rule") {
                let d = Suggestion.distance(head, String(id.prefix(8)), limit: 3)
                if d <= 2, (d, id) < (best?.0 ?? Int.max, best?.1 ?? "") { best = (d, id) }
            }
            if let best { return best.1 }
        }
        return try String.fetchOne(db, sql: "SELECT id FROM rule WHERE lower(title) = ? ORDER BY id LIMIT 1",
                                   arguments: [wanted.lowercased()])
    }
}
