@testable import Catalog
import Foundation
import SigmaKit
import GRDB
import Testing

/// What a folder import of a SigmaHQ clone skips (counted, exit 0) and what it still rejects.
@Suite struct ImportSkipTests {
    @Test func nonSigmaYAMLFoundInFoldersIsSkippedAndCounted() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixtures.write([
            "rules/good.yml": Fixtures.rule(id: Fixtures.id(1), title: "Good"),
            // SigmaHQ's regression test metadata: a mapping with an id but no title or detection.
            "regression_data/rules/windows/x/info.yml": "id: \(Fixtures.id(9))\ndescription: N/A\nrule_metadata:\n  - id: \(Fixtures.id(1))\n    title: Good\n",
            "tests/settings.yml": "logsource:\n  product: windows\nbackends:\n  - splunk\n",
            "tests/list.yml": "- a\n- b\n",
            ".github/workflows/ci.yml": "name: CI\non: push\n",
            // A rule someone broke is still rejected: it has a title.
            "rules/broken.yml": "title: Broken\nlogsource:\n  product: linux\n",
        ], in: dir)
        let db = try AppDatabase.inMemory()
        let report = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(report.imported == 1)
        #expect(report.rejections.map { ($0.path as NSString).lastPathComponent } == ["broken.yml"])
        #expect(Set(report.skipped.map { ($0.path as NSString).lastPathComponent }) == ["info.yml", "settings.yml", "list.yml"])
        #expect(report.skipped.allSatisfy { $0.reason == .notSigma })
        #expect(report.summary == "imported 1, updated 0, unchanged 0, rejected 1, skipped 3")
    }

    @Test func retiredFilesCurrentSigmaRejectsAreSkippedWithTheirReason() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let aggregation = Fixtures.rule(id: Fixtures.id(2), title: "Old count").replacingOccurrences(
            of: "condition: selection", with: "condition: selection | count() by Host > 5")
        try Fixtures.write(["unsupported/windows/old.yml": aggregation,
                            "deprecated/linux/old.yml": aggregation.replacingOccurrences(of: Fixtures.id(2), with: Fixtures.id(3)),
                            "rules/linux/bad.yml": aggregation.replacingOccurrences(of: Fixtures.id(2), with: Fixtures.id(4))], in: dir)
        let db = try AppDatabase.inMemory()
        let report = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(report.skipped.map(\.reason) == [.retired, .retired])
        #expect(report.skipped.allSatisfy { $0.detail.contains("aggregation syntax") && $0.description.contains(": skipped (") })
        // The same aggregation in an active folder is something a person must look at.
        #expect(report.rejections.map { ($0.path as NSString).lastPathComponent } == ["bad.yml"])
        // Named on the command line, a retired file keeps its error.
        let named = try RuleImporter().run(paths: [dir.appendingPathComponent("unsupported/windows/old.yml").path], into: db)
        #expect(named.rejected == 1 && named.skipped.isEmpty)
    }

    @Test func activeFileWinsOverItsDeprecatedCopyWhateverThePathOrder() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // "deprecated/" sorts before "rules/": path order alone would keep the deprecated copy.
        try Fixtures.write(["deprecated/a.yml": Fixtures.rule(id: Fixtures.id(5), title: "Old copy", status: "deprecated"),
                            "rules/a.yml": Fixtures.rule(id: Fixtures.id(5), title: "Active")], in: dir)
        let db = try AppDatabase.inMemory()
        let report = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(report.rejected == 0)
        #expect(try db.rule(idOrPrefix: Fixtures.id(5)).title == "Active")
        let warning = try #require(report.warnings.first)
        #expect(warning.hasPrefix("\(dir.path)/deprecated/a.yml: warning: duplicate id \(Fixtures.id(5))"))
        #expect(warning.contains("rules/a.yml wins"))
        #expect(report.skipped.map(\.reason) == [.supersededByActive])
        // Again, with the active file on the unchanged fast path (its ids come from the catalog, not a parse).
        let again = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(again.rejected == 0 && again.unchanged == 1 && again.skipped.map(\.reason) == [.supersededByActive])
    }

    @Test func missingPathRecordsNoRun() throws {
        let dir = try Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixtures.write(["rules/a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A")], in: dir)
        let db = try AppDatabase.inMemory()
        let runs = { try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM import_run") ?? 0 } }
        let before = try runs()
        #expect(throws: MissingRulePath.self) {
            try RuleImporter().run(paths: [dir.appendingPathComponent("rules").path, "/nonexistent/huntkb"], source: nil, into: db)
        }
        #expect(try runs() == before)
        #expect(throws: CatalogError.ruleNotFound(Fixtures.id(1))) { try db.rule(idOrPrefix: Fixtures.id(1)) }
    }
}
