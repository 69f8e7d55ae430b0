@testable import Catalog
import Foundation
import GRDB
import SigmaKit
import Testing

/// The unchanged-file fast path and batched writes of large imports.
@Suite struct ImportBatchTests {
    /// Files of one source: a deprecated copy that sorts before its active file, a duplicate id, a broken file.
    static func writeSource(in dir: URL) throws {
        try Fixtures.write([
            "deprecated/a.yml": Fixtures.rule(id: Fixtures.id(1), title: "Old copy", status: "deprecated"),
            "rules/a.yml": Fixtures.rule(id: Fixtures.id(1), title: "Active", tags: ["attack.t1059"]),
            "rules/b.yml": Fixtures.rule(id: Fixtures.id(2), title: "Beta"),
            "rules/c.yml": Fixtures.rule(id: Fixtures.id(2), title: "Beta again"),
            "rules/d.yml": "title: broken\nid: [\n",
            "rules/e.yml": Fixtures.rule(id: Fixtures.id(3), title: "Gamma", level: "high"),
        ], in: dir)
    }

    static func state(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT id || ' ' || title || ' ' || content_hash || ' ' || (SELECT count(*) FROM rule_query q WHERE q.rule_id = rule.id)
                FROM rule WHERE source_path NOT LIKE 'seed:%' ORDER BY id
                """)
            + String.fetchAll(db, sql: "SELECT rule_id || ' ' || kind || ' ' || title FROM rule_event ORDER BY rule_id, kind")
        }
    }

    @Test func unchangedFilesAreNotParsedAgain() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeSource(in: dir)
        let db = try AppDatabase.inMemory()
        let importer = RuleImporter()
        _ = try importer.run(paths: [dir.path], source: "team", into: db)
        let files = importer.load(RuleFileCollector.collect([dir.path]).files)
        // Every file whose bytes are stored is counted unchanged without a parse; the broken file and the
        // deprecated copy (whose bytes the catalog does not hold) are parsed again.
        let parsed = try importer.prepare(files, database: db).parsed
        let names = zip(files, parsed).filter { $0.1 != nil }.map { ($0.0.input.displayPath as NSString).lastPathComponent }
        #expect(parsed.count == 6)
        #expect(names.sorted() == ["a.yml", "c.yml", "d.yml"])
        try Fixtures.write(["rules/e.yml": Fixtures.rule(id: Fixtures.id(3), title: "Gamma", level: "low")], in: dir)
        let edited = try importer.prepare(importer.load(RuleFileCollector.collect([dir.path]).files), database: db).parsed
        #expect(edited.filter { $0 != nil }.count == 4)
    }

    @Test func batchedImportWritesWhatOneBatchWrites() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeSource(in: dir)
        let whole = try AppDatabase.inMemory()
        let batched = try AppDatabase.inMemory()
        var small = RuleImporter()
        small.batchSize = 1
        let a = try RuleImporter().run(paths: [dir.path], source: "team", into: whole)
        let b = try small.run(paths: [dir.path], source: "team", into: batched)
        #expect(a.report.summary == b.report.summary)
        #expect(b.report.imported == 3 && b.report.rejected == 2 && b.report.unchanged == 0)
        // The active file wins over the deprecated copy even though the copy comes first in path order.
        #expect(b.report.skipped.map(\.reason) == [.supersededByActive])
        #expect(try batched.rule(idOrPrefix: Fixtures.id(1)).title == "Active")
        #expect(try Self.state(whole) == Self.state(batched))
        #expect(b.run.scope == "full" && b.run.added == 3)

        // A sync in batches: one edit, the rest unchanged, and the same history as one batch.
        try Fixtures.write(["rules/e.yml": Fixtures.rule(id: Fixtures.id(3), title: "Gamma", level: "low")], in: dir)
        let a2 = try RuleImporter().run(paths: [dir.path], source: "team", into: whole)
        let b2 = try small.run(paths: [dir.path], source: "team", into: batched)
        #expect(a2.report.summary == b2.report.summary)
        #expect(b2.report.updated == 1 && b2.report.unchanged == 2)
        #expect(try Self.state(whole) == Self.state(batched))
        #expect(try Self.state(batched).contains("\(Fixtures.id(3)) level Gamma"))
    }

    static func indexes(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name") }
    }

    @Test func aLargeFirstImportRebuildsTheIndexesItDropped() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeSource(in: dir)
        // No seed: six files into an empty catalog are "mostly new", so the indexes are dropped and rebuilt.
        let db = try AppDatabase.inMemory(seed: false)
        let before = try Self.indexes(db)
        #expect(before.contains { $0.contains("rule_query_target") })
        var importer = RuleImporter()
        importer.batchSize = 2
        let result = try importer.run(paths: [dir.path], source: "team", into: db)
        #expect(result.report.imported == 3)
        #expect(try Self.indexes(db) == before)
        #expect(try Fixtures.ids(db) { $0.techniques = ["T1059"] } == [Fixtures.id(1)])
    }

    @Test func aFailedBatchedRunLeavesTheCatalogAsItWas() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeSource(in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        let before = try Self.state(db)
        let indexes = try Self.indexes(db)
        var importer = RuleImporter()
        importer.batchSize = 1
        // Fails inside the run's transaction after the first batches were written.
        try db.writer.write { try $0.execute(sql: "CREATE TEMP TRIGGER stop AFTER INSERT ON rule_event BEGIN SELECT RAISE(ABORT, 'stop'); END") }
        #expect(throws: DatabaseError.self) { try importer.run(paths: [dir.path], source: "team", into: db) }
        #expect(try Self.state(db) == before)
        #expect(try Self.indexes(db) == indexes)
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM import_run WHERE source = 'team'") } == 0)
    }
}

@Suite struct RuleSummaryJSONTests {
    static func encoder(_ results: [RuleSummary]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(results), as: UTF8.self)
    }

    @Test func writesWhatTheEncoderWrites() throws {
        let tricky = RuleSummary(id: "a-1", kind: "rule", title: "Quote \" back \\ slash / tab \t nl \n cr \r bell \u{07} é 💥 \u{2028}",
                                 status: nil, level: "high", date: "2020-01-01", modified: nil, author: "",
                                 techniques: [], tactics: ["execution", "persistence"],
                                 logsource: .init(product: "windows", category: nil, service: "security"), path: "/x/y.yml")
        let plain = RuleSummary(id: "b", kind: "filter", title: "T", status: "test", level: nil, date: nil, modified: "2021-02-03",
                                author: nil, techniques: ["T1059", "T1059.001"], tactics: [],
                                logsource: .init(product: nil, category: nil, service: nil), path: "p")
        for results in [[], [tricky], [plain], [tricky, plain, tricky]] {
            #expect(RuleSummaryJSON.list(results) == (try Self.encoder(results)))
        }
    }

    @Test func writesTheSeedCatalogsSearchAsTheEncoderDoes() throws {
        let db = try AppDatabase.inMemory()
        let results = try db.search(RuleQuery())
        #expect(!results.isEmpty)
        #expect(RuleSummaryJSON.list(results) == (try Self.encoder(results)))
    }
}
