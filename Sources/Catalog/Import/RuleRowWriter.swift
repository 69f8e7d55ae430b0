import GRDB
import SigmaKit

/// Writes one prepared rule: insert, update (children and full-text row replaced) or nothing when unchanged.
struct RuleRowWriter {
    let db: Database
    /// False on a catalog migrated only up to a schema before `rule_warning` (upgrade tests import into one).
    var storesWarnings = true

    /// `stored` false: the plan's snapshot holds no rule of this id, so there is no previous row to read.
    func upsert(_ rule: PreparedRule, importedAt: String, stored: Bool = true) throws -> RuleChange {
        var record = rule.record
        record.importedAt = importedAt
        // Free text is read through ExactText: GRDB's own String reading stops at a NUL.
        // Cached statements throughout: preparing this SQL again for every updated rule was a tenth of a sync.
        if stored, let found = try previousRow(id: record.id) {
            let (previous, rowid) = found
            if previous.sameContent(as: record) {
                // Same content found at another path (moved file): remember where it lives now.
                if previous.sourcePath != record.sourcePath {
                    try db.cachedStatement(sql: "UPDATE rule SET source_path = ? WHERE id = ?").executeExact([record.sourcePath, record.id])
                }
                try dropDetectionCopies(id: record.id)
                // Parsed again (new row format, stale queries): refresh the warnings, except `missing-modified`,
                // which describes the edit that produced this stored version and cannot be recomputed from it.
                guard storesWarnings else { return .unchanged(id: record.id, contentHash: record.contentHash) }
                let kept = try Row.fetchAll(db.cachedStatement(sql: "SELECT code, message, line, \"column\" FROM rule_warning WHERE rule_id = ? AND code = ? ORDER BY position"),
                                            arguments: [record.id, WarningCode.missingModified.rawValue])
                    .map { Diagnostic(.warning, code: $0[0], $0[1], at: Self.position(line: $0[2], column: $0[3])) }
                try writeWarnings(rule.warnings.filter { $0.code != WarningCode.missingModified.rawValue } + kept, ruleID: record.id)
                return .unchanged(id: record.id, contentHash: record.contentHash)
            }
            try update(record)
            for table in ["rule_tag", "rule_reference", "rule_falsepositive", "rule_related"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE rule_id = ?").execute(arguments: [record.id])
            }
            try db.cachedStatement(sql: "DELETE FROM rule_fts WHERE rowid = ?").execute(arguments: [rowid])
            try writeChildren(rule, rowid: rowid)
            try writeWarnings(rule.warnings, ruleID: record.id)
            return .updated(previous: previous, current: record)
        }
        try insert(record)
        try writeChildren(rule, rowid: db.lastInsertedRowID)
        try writeWarnings(rule.warnings, ruleID: record.id, replacing: false)
        return .added(record)
    }

    /// The stored row of `id` and its integer key (the full-text index's rowid), its text exact. Read by
    /// position: `Codable` decoding through a row copied by column name was a third of an updated rule's write.
    private func previousRow(id: String) throws -> (RuleRecord, Int64)? {
        let statement = try db.cachedStatement(sql: """
            SELECT key, id, kind, title, name, status, level, level_rank, description, author, license, taxonomy,
                   date, modified, logsource_product, logsource_category, logsource_service, logsource_definition,
                   logsource_custom, fields, scope, custom, yaml, content_hash, source_path, imported_at
            FROM rule WHERE id = ?
            """)
        // The row points into the statement while the cursor is on it: read every column before moving on.
        let cursor = try Row.fetchCursor(statement, arguments: [id])
        guard let row = try cursor.next() else { return nil }
        // Every byte of the column (nil for NULL), decoded once: the columns written here are all text.
        func text(_ i: Int) -> String? {
            (try? row.withUnsafeData(atIndex: i) { data in data.map { String(decoding: $0, as: UTF8.self) } }) ?? nil
        }
        let record = RuleRecord(
            id: text(1) ?? id, kind: text(2) ?? "", title: text(3) ?? "", name: text(4), status: text(5), level: text(6),
            levelRank: row[7] as Int? ?? 0, description: text(8), author: text(9), license: text(10), taxonomy: text(11),
            date: text(12), modified: text(13), logsourceProduct: text(14), logsourceCategory: text(15),
            logsourceService: text(16), logsourceDefinition: text(17), logsourceCustom: text(18) ?? "",
            fields: text(19) ?? "", scope: text(20) ?? "", custom: text(21) ?? "", yaml: text(22) ?? "",
            contentHash: text(23) ?? "", sourcePath: text(24) ?? "", importedAt: text(25) ?? "")
        let key = row[0] as Int64? ?? 0
        // Ran to its end (the id is unique), so the statement is done before the writes that follow.
        while try cursor.next() != nil {}
        return (record, key)
    }

    /// A cached statement: the record's `Codable` encoding cost more than the SQLite work itself.
    /// Free text is bound with its byte length (`executeExact`): GRDB's own binding stops at a NUL. The
    /// detection copies are no longer stored (`yaml` and the full-text index hold the detection).
    private func insert(_ r: RuleRecord) throws {
        try db.cachedStatement(sql: """
            INSERT INTO rule(id, kind, title, name, status, level, level_rank, description, author, license, taxonomy,
                             date, modified, logsource_product, logsource_category, logsource_service, logsource_definition,
                             logsource_custom, fields, scope, custom, detection_json, detection_text, yaml, content_hash,
                             source_path, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).executeExact([
                r.id, r.kind, r.title, r.name, r.status, r.level, r.levelRank, r.description, r.author, r.license,
                r.taxonomy, r.date, r.modified, r.logsourceProduct, r.logsourceCategory, r.logsourceService,
                r.logsourceDefinition, r.logsourceCustom, r.fields, r.scope, r.custom, "{}", "",
                r.yaml, r.contentHash, r.sourcePath, r.importedAt])
    }

    /// By id: the table's primary key is the integer key of the full-text index, which an update keeps.
    private func update(_ r: RuleRecord) throws {
        try db.cachedStatement(sql: """
            UPDATE rule SET kind = ?, title = ?, name = ?, status = ?, level = ?, level_rank = ?, description = ?,
                author = ?, license = ?, taxonomy = ?, date = ?, modified = ?, logsource_product = ?,
                logsource_category = ?, logsource_service = ?, logsource_definition = ?, logsource_custom = ?,
                fields = ?, scope = ?, custom = ?, detection_json = ?, detection_text = ?, yaml = ?, content_hash = ?,
                source_path = ?, imported_at = ?
            WHERE id = ?
            """).executeExact([
                r.kind, r.title, r.name, r.status, r.level, r.levelRank, r.description, r.author, r.license,
                r.taxonomy, r.date, r.modified, r.logsourceProduct, r.logsourceCategory, r.logsourceService,
                r.logsourceDefinition, r.logsourceCustom, r.fields, r.scope, r.custom, "{}", "",
                r.yaml, r.contentHash, r.sourcePath, r.importedAt, r.id])
    }

    /// Replaces the stored warnings of a rule.
    func writeWarnings(_ warnings: [Diagnostic], ruleID: String, replacing: Bool = true) throws {
        guard storesWarnings else { return }
        if replacing {
            try db.cachedStatement(sql: "DELETE FROM rule_warning WHERE rule_id = ?").execute(arguments: [ruleID])
        }
        guard !warnings.isEmpty else { return }
        let statement = try db.cachedStatement(sql: "INSERT INTO rule_warning(rule_id, position, code, message, line, \"column\") VALUES (?, ?, ?, ?, ?, ?)")
        for (i, warning) in warnings.enumerated() {
            try statement.executeExact([ruleID, i, warning.code, warning.message, warning.position?.line, warning.position?.column])
        }
    }

    /// Rows written before row format 3 hold two copies of the detection, each larger than the rule itself (a verbose
    /// JSON of the parsed model and the full-text source): `yaml` and the full-text index already hold it.
    private func dropDetectionCopies(id: String) throws {
        try db.cachedStatement(sql: "UPDATE rule SET detection_json = '{}', detection_text = '' WHERE id = ? AND (detection_json <> '{}' OR detection_text <> '')")
            .execute(arguments: [id])
    }

    private static func position(line: Int?, column: Int?) -> SourcePosition? {
        guard let line else { return nil }
        return SourcePosition(line: line, column: column ?? 1)
    }

    /// Inserts or replaces generated queries (success or failure) of one rule.
    func writeQueries(_ queries: [GeneratedQuery], ruleID: String, ruleHash: String, generatedAt: String) throws {
        guard !queries.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO rule_query(rule_id, target, pipeline, query, error, error_kind, generator_version, rule_hash, generated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(rule_id, target, pipeline) DO UPDATE SET
                query = excluded.query, error = excluded.error, error_kind = excluded.error_kind,
                generator_version = excluded.generator_version, rule_hash = excluded.rule_hash,
                generated_at = excluded.generated_at
            """)
        for generated in queries {
            let query: String?, error: String?, kind: String?
            switch generated.result {
            case .success(let text): (query, error, kind) = (text, nil, nil)
            case .failure(let failure): (query, error, kind) = (nil, failure.message, failure.kind.rawValue)
            }
            try statement.executeExact([ruleID, generated.target, generated.pipeline, query, error, kind,
                                        QueryGenerator.generatorVersion, ruleHash, generatedAt])
        }
    }

    /// Writes queries held back while their rules were written, in the table's key order: `rule_query` is keyed
    /// by (rule id, target, pipeline), and rows inserted in file order (random ids) split pages and left the
    /// table more than half empty (33 MB for 12 MB of text), which the commit and the checkpoint then wrote.
    /// In key order SQLite appends to full pages. The order is the keys' bytes, SQLite's BINARY collation.
    func writeQueries(_ pending: [PendingQuery]) throws {
        let sorted = pending.sorted { a, b in
            if a.ruleID != b.ruleID { return a.ruleID.utf8.lexicographicallyPrecedes(b.ruleID.utf8) }
            if a.query.target != b.query.target { return a.query.target.utf8.lexicographicallyPrecedes(b.query.target.utf8) }
            return a.query.pipeline.utf8.lexicographicallyPrecedes(b.query.pipeline.utf8)
        }
        for row in sorted {
            try writeQueries([row.query], ruleID: row.ruleID, ruleHash: row.ruleHash, generatedAt: row.generatedAt)
        }
    }

    private func writeChildren(_ rule: PreparedRule, rowid: Int64) throws {
        // Cached raw statements: record encoding per child row cost more than the SQLite work itself.
        let id = rule.record.id
        if !rule.tags.isEmpty {
            let statement = try db.cachedStatement(sql: "INSERT INTO rule_tag(rule_id, position, tag, namespace, value, technique, tactic) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for (i, tag) in rule.tags.enumerated() {
                try statement.executeExact([id, i, tag.tag, tag.namespace, tag.value, tag.technique, tag.tactic])
            }
        }
        if !rule.references.isEmpty {
            let statement = try db.cachedStatement(sql: "INSERT INTO rule_reference(rule_id, position, url) VALUES (?, ?, ?)")
            for (i, url) in rule.references.enumerated() { try statement.executeExact([id, i, url]) }
        }
        if !rule.falsepositives.isEmpty {
            let statement = try db.cachedStatement(sql: "INSERT INTO rule_falsepositive(rule_id, position, text) VALUES (?, ?, ?)")
            for (i, text) in rule.falsepositives.enumerated() { try statement.executeExact([id, i, text]) }
        }
        if !rule.related.isEmpty {
            let statement = try db.cachedStatement(sql: "INSERT INTO rule_related(rule_id, position, related_id, type) VALUES (?, ?, ?, ?)")
            for (i, related) in rule.related.enumerated() { try statement.executeExact([id, i, related.id, related.type]) }
        }
        let record = rule.record
        try db.cachedStatement(sql: "INSERT INTO rule_fts(rowid, title, description, tags, detection, falsepositives) VALUES (?, ?, ?, ?, ?, ?)")
            .executeExact([rowid, record.title, record.description ?? "", rule.ftsTags, rule.ftsDetection, rule.ftsFalsePositives])
    }
}

/// A generated query of a rule just written, waiting to be written in key order (`writeQueries(_:)`).
struct PendingQuery {
    var ruleID: String
    var ruleHash: String
    var generatedAt: String
    var query: GeneratedQuery
}
