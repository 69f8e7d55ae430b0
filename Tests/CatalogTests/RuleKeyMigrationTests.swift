@testable import Catalog
import Foundation
import GRDB
import Testing

/// `rule` has an explicit integer key, so VACUUM cannot renumber the rows the full-text index points at.
@Suite struct RuleKeyMigrationTests {
    /// Rules whose full-text row is not the rule's own (title compared), and rules with no full-text row.
    static func strayFullTextRows(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM rule r LEFT JOIN rule_fts f ON f.rowid = r.rowid
            WHERE f.rowid IS NULL OR f.title IS NOT r.title
            """) ?? -1
    }

    @Test func ruleHasAnIntegerPrimaryKey() throws {
        let db = try AppDatabase.inMemory(seed: false)
        let columns = try db.writer.read { try Row.fetchAll($0, sql: "SELECT name, type, pk FROM pragma_table_info('rule')") }
        let key = try #require(columns.first { $0["pk"] as Int == 1 })
        #expect(key["name"] as String == "key")
        #expect((key["type"] as String).uppercased() == "INTEGER")
        // The Sigma id is still unique, and still what other tables reference.
        let unique = try db.writer.read { try Bool.fetchOne($0, sql: "SELECT count(*) > 0 FROM pragma_index_list('rule') WHERE \"unique\" = 1 AND origin = 'u'") }
        #expect(unique == true)
    }

    @Test func vacuumKeepsTheFullTextIndexInStep() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("catalog.sqlite").path
        let rules = (1...6).map { n in ("r\(n).yml", Fixtures.rule(id: Fixtures.id(n), title: "Vacuum probe \(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"][n - 1])")) }
        try Fixtures.write(Dictionary(uniqueKeysWithValues: rules), in: dir)
        let db = try AppDatabase.open(path: path)
        _ = try RuleImporter().run(paths: [dir.path], into: db)
        // Gaps in the keys (rules deleted from the front and middle) are what VACUUM would close.
        try db.writer.write { db in
            for n in [1, 3] {
                let key = try Int64.fetchOne(db, sql: "SELECT rowid FROM rule WHERE id = ?", arguments: [Fixtures.id(n)])
                try db.execute(sql: "DELETE FROM rule WHERE id = ?", arguments: [Fixtures.id(n)])
                try db.execute(sql: "DELETE FROM rule_fts WHERE rowid = ?", arguments: [key])
            }
        }
        let before = try db.writer.read { try Row.fetchAll($0, sql: "SELECT id, rowid FROM rule ORDER BY id") }
        try db.writer.writeWithoutTransaction { try $0.execute(sql: "VACUUM") }
        let after = try db.writer.read { try Row.fetchAll($0, sql: "SELECT id, rowid FROM rule ORDER BY id") }
        #expect(before == after)
        #expect(try db.writer.read(Self.strayFullTextRows) == 0)
        let hits = try Fixtures.ids(db) { $0.text = "foxtrot" }
        #expect(hits == [Fixtures.id(6)])
    }
}
