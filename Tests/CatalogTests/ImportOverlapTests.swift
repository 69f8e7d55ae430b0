@testable import Catalog
import Foundation
import GRDB
import SigmaKit
import Testing

/// Imports whose parse and conversion overlap the write of the previous batch (file catalogs, several batches).
@Suite struct ImportOverlapTests {
    /// More files than one overlap batch, with a deprecated copy, a duplicate id and a broken file in late batches.
    static func writeSource(in dir: URL, count: Int, level: String = "medium") throws {
        var files: [String: String] = [:]
        for n in 1...count {
            files[String(format: "rules/r%04d.yml", n)] = Fixtures.rule(id: Fixtures.id(n), title: "Rule \(n)", level: level,
                                                                       tags: ["attack.t1059"])
        }
        files["deprecated/old.yml"] = Fixtures.rule(id: Fixtures.id(count), title: "Old copy", status: "deprecated")
        files["rules/r9998.yml"] = Fixtures.rule(id: Fixtures.id(3), title: "Duplicate of 3")
        files["rules/r9999.yml"] = "title: broken\nid: [\n"
        try Fixtures.write(files, in: dir)
    }

    @Test func overlappedBatchesWriteWhatOneSequentialRunWrites() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = RuleImporter.overlapBatchSize * 2 + 17
        try Self.writeSource(in: dir.appendingPathComponent("src"), count: count)
        let source = dir.appendingPathComponent("src").path
        // A file catalog (a pool: batches overlap) against an in-memory one (a queue: batches run one after another).
        let file = try AppDatabase.open(path: dir.appendingPathComponent("c.sqlite").path)
        let memory = try AppDatabase.inMemory()
        var importer = RuleImporter()
        importer.targetKeys = ["splunk"]
        let a = try importer.run(paths: [source], source: "team", into: file)
        let b = try importer.run(paths: [source], source: "team", into: memory)
        #expect(a.report.summary == b.report.summary)
        #expect(a.report.imported == count && a.report.rejected == 2)
        // Rejections come in path order although active files are written first.
        #expect(a.report.rejections.map { ($0.path as NSString).lastPathComponent } == ["r9998.yml", "r9999.yml"])
        #expect(a.report.skipped.map(\.reason) == [.supersededByActive])
        #expect(try ImportBatchTests.state(file) == ImportBatchTests.state(memory))
        #expect(try file.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rule_query WHERE target = 'splunk'") } ?? 0 >= count)

        // Unchanged, then every rule edited: the same outcome on both catalogs.
        let again = try importer.run(paths: [source], source: "team", into: file)
        #expect(again.report.unchanged == count && again.report.imported == 0 && again.run.events == 0)
        _ = try importer.run(paths: [source], source: "team", into: memory)
        try Self.writeSource(in: dir.appendingPathComponent("src"), count: count, level: "high")
        let c = try importer.run(paths: [source], source: "team", into: file)
        let d = try importer.run(paths: [source], source: "team", into: memory)
        #expect(c.report.updated == count && c.report.summary == d.report.summary)
        #expect(try ImportBatchTests.state(file) == ImportBatchTests.state(memory))
    }

    /// The snapshot every import starts with reads ids, hashes and paths from the covering index, not the rows
    /// (whose YAML comes first and made the scan read every overflow page).
    @Test func storedHashesAreReadFromTheCoveringIndex() throws {
        let db = try AppDatabase.inMemory()
        for sql in ["SELECT id, content_hash FROM rule", "SELECT id, content_hash, source_path FROM rule"] {
            let plan = try db.writer.read { try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN " + sql) }
                .map { $0["detail"] as String? ?? "" }.joined(separator: " ")
            #expect(plan.contains("COVERING INDEX rule_id_hash_path"), "\(sql): \(plan)")
        }
    }
}
