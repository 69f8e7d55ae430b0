@testable import Catalog
import Foundation
import GRDB
import SigmaKit
import Testing

/// Queries are held back while their rules are written and written in the table's key order.
@Suite struct ImportQueryOrderTests {
    static func queries(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT rule_id || ' ' || target || ' ' || pipeline || ' ' || coalesce(query, error) || ' ' || rule_hash
                FROM rule_query WHERE rule_id IN (SELECT id FROM rule WHERE source_path NOT LIKE 'huntkb-seed:%')
                ORDER BY rule_id, target, pipeline
                """)
        }
    }

    /// A run read whole (queries written once, at its end) stores what a run of one-file batches stores.
    @Test func aRunReadWholeStoresTheQueriesOfBatchedRuns() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String: String] = [:]
        // Ids in an order unlike the files' (the writes are reordered by id).
        for n in 1...40 { files[String(format: "rules/r%02d.yml", n)] = Fixtures.rule(id: Fixtures.id((n * 17) % 41 + 1), title: "Rule \(n)") }
        try Fixtures.write(files, in: dir)
        let whole = try AppDatabase.inMemory()
        let batched = try AppDatabase.inMemory()
        var importer = RuleImporter()
        importer.targetKeys = ["splunk", "lucene", "kusto/sentinel_asim"]
        var small = importer
        small.batchSize = 1
        let a = try importer.run(paths: [dir.path], source: "team", into: whole)
        let b = try small.run(paths: [dir.path], source: "team", into: batched)
        #expect(a.report.summary == b.report.summary)
        let stored = try Self.queries(whole)
        #expect(stored.count == 40 * 3)
        #expect(stored == (try Self.queries(batched)))

        // Every rule edited: the held-back queries replace the stored ones.
        for n in 1...40 { files[String(format: "rules/r%02d.yml", n)] = Fixtures.rule(id: Fixtures.id((n * 17) % 41 + 1), title: "Rule \(n)", selection: "Image|endswith: '/cron\(n)'") }
        try Fixtures.write(files, in: dir)
        let c = try importer.run(paths: [dir.path], source: "team", into: whole)
        _ = try small.run(paths: [dir.path], source: "team", into: batched)
        #expect(c.report.updated == 40)
        let updated = try Self.queries(whole)
        #expect(updated.count == 40 * 3 && updated != stored)
        #expect(updated.contains { $0.contains("cron7") })
        #expect(updated == (try Self.queries(batched)))
    }

    /// A file whose row the catalog refuses keeps none of its queries; the other files keep theirs.
    @Test func aFileTheCatalogRefusesLeavesNoQueries() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixtures.write([
            "a.yml": Fixtures.rule(id: Fixtures.id(1), title: "Kept"),
            "b.yml": Fixtures.rule(id: Fixtures.id(2), title: "Refused"),
            "c.yml": Fixtures.rule(id: Fixtures.id(3), title: "Also kept"),
        ], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        try db.writer.write { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER refuse BEFORE INSERT ON rule WHEN NEW.title = 'Refused'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
        var importer = RuleImporter()
        importer.targetKeys = ["splunk", "lucene"]
        let report = try importer.run(paths: [dir.path], into: db)
        #expect(report.imported == 2 && report.rejected == 1)
        #expect(report.rejections.first?.message.contains("rejected by the catalog") == true)
        let stored = try Self.queries(db)
        #expect(stored.count == 4)
        #expect(!stored.contains { $0.hasPrefix(Fixtures.id(2)) })
    }
}
