import Foundation
import GRDB
import SigmaKit

/// Runs `RuleQuery` against the catalog; results sorted by level (critical first), then title, then id.
public enum RuleSearch {
    static let validStatuses = ["stable", "test", "experimental", "deprecated", "unsupported"]
    static let validLevels = ["informational", "low", "medium", "high", "critical"]

    /// A refused technique or tactic is a bad filter value (a usage error for the CLI).
    static func attackInput(_ parse: () throws -> String) throws -> String {
        do {
            return try parse()
        } catch let refusal as AttackInput.Refusal {
            throw CatalogError.invalidFilter(refusal.description)
        }
    }

    enum IDText: Equatable {
        /// Only an id can look like this (it has the dashes of a UUID).
        case fullOrDashed(String)
        /// A hex word that may be an id prefix or a word of the text, e.g. `6b14` or `4688`.
        case maybe(String)
    }

    /// Whether search text is (the start of) a rule id, so that pasting an id into a search finds the rule.
    static func idText(_ text: String) -> IDText? {
        let lower = text.lowercased()
        guard lower.count >= 3, lower.allSatisfy({ $0.isHexDigit || $0 == "-" }), lower.first?.isHexDigit == true else { return nil }
        if lower.contains("-") {
            return lower.wholeMatch(of: /[0-9a-f]{8}(-[0-9a-f]{0,12})*/) != nil ? .fullOrDashed(lower) : nil
        }
        return lower.contains(where: \.isNumber) ? .maybe(lower) : nil
    }

    public static func search(_ db: Database, _ query: RuleQuery) throws -> [RuleSummary] {
        let (sql, arguments) = try statement(db, query)
        var results: [RuleSummary] = []
        do {
            // A cursor read by position: no row copies, no column-name lookups (a large result's main cost).
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                results.append(RuleSummary(id: row[0], kind: row[1], title: row[2], status: row[3], level: row[4],
                                           date: row[5], modified: row[6], author: row[7], techniques: [], tactics: [],
                                           logsource: .init(product: row[8], category: row[9], service: row[10]),
                                           path: row[11]))
            }
        } catch let error as DatabaseError where isFTSError(error) {
            throw CatalogError.malformedSearchText(text: query.text ?? "", reason: error.message ?? "syntax error")
        }
        try attachTags(db, &results)
        return results
    }

    /// The SQL of a search and its arguments; refuses bad filter values.
    static func statement(_ db: Database, _ query: RuleQuery) throws -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []

        if let text = query.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            let fts = "r.rowid IN (SELECT rowid FROM rule_fts WHERE rule_fts MATCH ?)"
            switch Self.idText(text) {
            case .fullOrDashed(let prefix):
                // A pasted id: FTS5 would read its dashes as operators.
                clauses.append("r.id LIKE ?")
                arguments.append(prefix + "%")
            case .maybe(let prefix):
                clauses.append("(r.id LIKE ? OR \(fts))")
                arguments += [prefix + "%", text]
            case nil:
                clauses.append(fts)
                arguments.append(text)
            }
        }
        if !query.techniques.isEmpty {
            var alternatives: [String] = []
            for input in query.techniques {
                let id = try attackInput { try AttackInput.technique(db, input) }
                if id.contains(".") {
                    alternatives.append("SELECT rule_id FROM rule_tag WHERE technique = ?")
                    arguments.append(id)
                } else {
                    // The technique and its sub-techniques ("T1053.…") all sort in [T1053, T1053/) ('/' follows
                    // '.'): one index range. Written as `= ? OR (> ? AND < ?)` SQLite ran a multi-index OR,
                    // collecting the tag table's keys in a temporary set: 40 ms for 12,000 tags, against 1 ms.
                    alternatives.append("SELECT rule_id FROM rule_tag WHERE technique >= ? AND technique < ? AND (technique = ? OR technique > ?)")
                    arguments.append(contentsOf: [id, id + "/", id, id + "."])
                }
            }
            // One subquery per technique, not an OR of them, for the same reason.
            clauses.append("r.id IN (\(alternatives.joined(separator: " UNION ALL ")))")
        }
        if !query.tactics.isEmpty {
            var names: [String] = []
            for input in query.tactics {
                names.append(try attackInput { try AttackInput.tactic(db, input) })
            }
            clauses.append("r.id IN (SELECT rule_id FROM rule_tag WHERE tactic IN (\(placeholders(names.count))))")
            arguments.append(contentsOf: names)
        }
        try addIn("r.status", query.statuses, valid: validStatuses, label: "status", &clauses, &arguments)
        try addIn("r.level", query.levels, valid: validLevels, label: "level", &clauses, &arguments)
        addNoCase("r.logsource_product", query.products, &clauses, &arguments)
        addNoCase("r.logsource_category", query.categories, &clauses, &arguments)
        addNoCase("r.logsource_service", query.services, &clauses, &arguments)
        addNoCase("r.kind", query.kinds, &clauses, &arguments)
        if !query.authors.isEmpty {
            clauses.append("(" + query.authors.map { _ in "r.author LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")")
            arguments.append(contentsOf: query.authors.map { "%" + escapeLike($0) + "%" })
        }
        if !query.includeRemoved {
            clauses.append(LifecycleFilter.notRemoved(alias: "r"))
        }
        if !query.sources.isEmpty {
            let filter = LifecycleFilter.source(query.sources, alias: "r")
            clauses.append(filter.sql)
            arguments.append(contentsOf: filter.arguments)
        }
        if !query.localStatuses.isEmpty {
            let filter = LifecycleFilter.localStatus(query.localStatuses, alias: "r")
            clauses.append(filter.sql)
            arguments.append(contentsOf: filter.arguments)
        }
        if let since = query.modifiedSince {
            clauses.append("COALESCE(r.modified, r.date) >= ?")
            arguments.append(try validDate(since, option: "--modified-since"))
        }
        if let before = query.modifiedBefore {
            clauses.append("COALESCE(r.modified, r.date) < ?")
            arguments.append(try validDate(before, option: "--modified-before"))
        }
        // With a limit and no text, the rules are walked in result order on the index of that order and the walk
        // stops at the limit: the planner otherwise reads every match by id and sorts them (10,000 rows read for
        // 50 shown on a 100,000-rule catalog). Text searches keep the planner's choice: a rare word would walk
        // the whole index.
        let walkInOrder = try query.limit != nil && !clauses.contains { $0.contains("rule_fts") }
            && Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'rule_rank_title_id')") == true
        var sql = """
            SELECT r.id, r.kind, r.title, r.status, r.level, r.date, r.modified, r.author,
                   r.logsource_product, r.logsource_category, r.logsource_service, r.source_path
            FROM rule r\(walkInOrder ? " INDEXED BY rule_rank_title_id" : "")
            """
        if !clauses.isEmpty { sql += "\nWHERE " + clauses.joined(separator: "\n  AND ") }
        sql += "\nORDER BY r.level_rank DESC, r.title, r.id"
        if let limit = query.limit {
            sql += "\nLIMIT ?"
            arguments.append(max(0, limit))
        }
        return (sql, StatementArguments(arguments))
    }

    /// Fills techniques and tactics from `rule_tag`, in tag order.
    static func attachTags(_ db: Database, _ results: inout [RuleSummary]) throws {
        guard !results.isEmpty else { return }
        var index: [String: Int] = [:]
        for (i, r) in results.enumerated() { index[r.id] = i }
        func apply(_ row: Row) {
            guard let i = index[row[0]] else { return }
            if let technique: String = row[1], !results[i].techniques.contains(technique) {
                results[i].techniques.append(technique)
            }
            if let tactic: String = row[2], !results[i].tactics.contains(tactic) {
                results[i].tactics.append(tactic)
            }
        }
        // Looked up by the results' ids (the tag table's primary key) rather than a scan of every tag: on a
        // 100,000-rule catalog the scan read half a million rows for ten thousand results. The ids go in as one
        // JSON array: a statement with a placeholder per id cost more to compile than to run.
        let ids = "[" + results.map { JSONText.quote($0.id) }.joined(separator: ",") + "]"
        let sql = """
            SELECT rule_id, technique, tactic FROM rule_tag
            WHERE rule_id IN (SELECT value FROM json_each(?)) AND (technique IS NOT NULL OR tactic IS NOT NULL)
            ORDER BY rule_id, position
            """
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [ids])
        while let row = try rows.next() { apply(row) }
    }

    private static func isFTSError(_ error: DatabaseError) -> Bool {
        let message = (error.message ?? "").lowercased()
        return error.resultCode == .SQLITE_ERROR && (message.contains("fts5") || message.contains("syntax error")
            || message.contains("no such column") || message.contains("unterminated") || message.contains("unknown special query"))
    }

    private static func addIn(_ column: String, _ values: [String], valid: [String], label: String,
                              _ clauses: inout [String], _ arguments: inout [any DatabaseValueConvertible]) throws {
        guard !values.isEmpty else { return }
        let lowered = values.map { $0.lowercased() }
        for value in lowered where !valid.contains(value) {
            throw CatalogError.invalidFilter("unknown \(label) '\(value)' (expected one of: \(valid.joined(separator: ", ")))")
        }
        clauses.append("\(column) IN (\(placeholders(lowered.count)))")
        arguments.append(contentsOf: lowered)
    }

    private static func addNoCase(_ column: String, _ values: [String],
                                  _ clauses: inout [String], _ arguments: inout [any DatabaseValueConvertible]) {
        guard !values.isEmpty else { return }
        clauses.append("\(column) COLLATE NOCASE IN (\(placeholders(values.count)))")
        arguments.append(contentsOf: values)
    }

    static func validDate(_ text: String, option: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day) else {
            throw CatalogError.invalidFilter("\(option): '\(text)' is not a date (expected YYYY-MM-DD)")
        }
        return text
    }

    static func placeholders(_ n: Int) -> String {
        Array(repeating: "?", count: n).joined(separator: ", ")
    }

    static func escapeLike(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
