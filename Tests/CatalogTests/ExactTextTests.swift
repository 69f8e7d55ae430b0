@testable import Catalog
import Foundation
import GRDB
import Testing

/// Free text holding a NUL reaches SQLite whole (checked in SQL, where `instr` and `hex` see every byte) and comes
/// back whole, on insert and on update.
@Suite struct ExactTextTests {
    static func rule(_ n: Int, description: String) -> String {
        Fixtures.rule(id: Fixtures.id(n), title: "Nul \(n)", author: #""Ann\0Bo""#, description: description,
                      falsepositives: [#""fp\0one""#],
                      extra: "references:\n    - \"https://example.org/a\\0b\"\n",
                      selection: #"Image|endswith: "/cron\0tab""#)
    }

    /// Facts SQLite itself computes about one rule's stored text: NUL positions and byte lengths.
    static func stored(_ db: AppDatabase, id: String) throws -> [String: Int] {
        try db.writer.read { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT instr(r.description, char(0)) AS description, length(hex(r.description)) / 2 AS descriptionBytes,
                       instr(r.author, char(0)) AS author,
                       (SELECT instr(text, char(0)) FROM rule_falsepositive WHERE rule_id = r.id) AS falsepositive,
                       (SELECT instr(url, char(0)) FROM rule_reference WHERE rule_id = r.id) AS reference,
                       (SELECT instr(description, char(0)) FROM rule_fts WHERE rowid = r.rowid) AS fts,
                       (SELECT instr(detection, char(0)) FROM rule_fts WHERE rowid = r.rowid) AS ftsDetection,
                       (SELECT instr(query, char(0)) FROM rule_query WHERE rule_id = r.id AND target = 'splunk') AS query
                FROM rule r WHERE r.id = ?
                """, arguments: [id]))
            var out: [String: Int] = [:]
            for column in row.columnNames { out[column] = row[column] ?? -1 }
            return out
        }
    }

    @Test func freeTextWithANulIsStoredWhole() throws {
        let (db, report) = try Fixtures.catalog([("nul.yml", Self.rule(1, description: #""before\0after""#))])
        #expect(report.imported == 1, "\(report.rejected)")
        let facts = try Self.stored(db, id: Fixtures.id(1))
        #expect(facts == ["description": 7, "descriptionBytes": 12, "author": 4, "falsepositive": 3, "reference": 22,
                          "fts": 7, "ftsDetection": 22, "query": facts["query"] ?? 0])
        #expect((facts["query"] ?? 0) > 0, "the splunk query holds the value with its NUL")
    }

    @Test func freeTextWithANulIsReadBackWhole() throws {
        let (db, _) = try Fixtures.catalog([("nul.yml", Self.rule(2, description: #""before\0after""#))])
        let detail = try db.ruleDetail(idOrPrefix: Fixtures.id(2))
        #expect(detail.rule.description == "before\u{0}after")
        #expect(detail.rule.author == "Ann\u{0}Bo")
        #expect(detail.falsepositives == ["fp\u{0}one"])
        #expect(detail.references == ["https://example.org/a\u{0}b"])
        #expect(detail.queries.contains { ($0.query ?? "").contains("cron\u{0}tab") })
        // Searching still finds it: the text on either side of the NUL is indexed.
        #expect(try Fixtures.ids(db) { $0.text = "after" } == [Fixtures.id(2)])
    }

    @Test func anUpdatedRuleKeepsItsNul() throws {
        let db = try AppDatabase.inMemory(seed: false)
        _ = try db.writer.write { try RuleImporter().importTexts([(path: "nul.yml", text: Self.rule(3, description: #""one\0two""#))], db: $0) }
        let report = try db.writer.write {
            try RuleImporter().importTexts([(path: "nul.yml", text: Self.rule(3, description: #""before\0after""#))], db: $0)
        }
        #expect(report.updated == 1)
        #expect(try Self.stored(db, id: Fixtures.id(3))["description"] == 7)
        #expect(try db.ruleDetail(idOrPrefix: Fixtures.id(3)).rule.description == "before\u{0}after")
    }

    @Test func theStatementHelperBindsTheWholeStringWhereGRDBStopsAtTheNul() throws {
        let db = try AppDatabase.inMemory(seed: false)
        let (grdb, exact, back) = try db.writer.write { db in
            try db.execute(sql: "CREATE TEMP TABLE t(n INTEGER, x TEXT)")
            try db.execute(sql: "INSERT INTO t VALUES (1, ?)", arguments: ["a\u{0}b"])
            try db.cachedStatement(sql: "INSERT INTO t VALUES (?, ?)").executeExact([2, "a\u{0}b"])
            let hex = { (n: Int) in try String.fetchOne(db, sql: "SELECT hex(x) || ':' || typeof(x) FROM t WHERE n = ?", arguments: [n]) }
            return (try hex(1), try hex(2), try ExactText.string(db, sql: "SELECT x FROM t WHERE n = 2"))
        }
        // GRDB's own binding is the reason the catalog binds free text itself.
        #expect(grdb == "61:text")
        #expect(exact == "610062:text")
        #expect(back == "a\u{0}b")
    }
}
