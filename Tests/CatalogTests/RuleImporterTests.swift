@testable import Catalog
import Foundation
import SigmaKit
import GRDB
import Testing

@Suite struct RuleImporterTests {
    @Test func importsThenReportsUnchangedThenUpdates() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "Alpha", tags: ["attack.t1053.003"]),
                            "sub/b.yaml": Fixtures.rule(id: Fixtures.id(2), title: "Beta"),
                            "sub/ignored.txt": "not a rule"], in: dir)
        let db = try AppDatabase.inMemory()
        let first = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(first.summary == "imported 2, updated 0, unchanged 0, rejected 0")
        #expect(first.changes.map(\.ruleID) == [Fixtures.id(1), Fixtures.id(2)])

        let second = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(second.summary == "imported 0, updated 0, unchanged 2, rejected 0")

        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "Alpha renamed", level: "high")], in: dir)
        let third = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(third.summary == "imported 0, updated 1, unchanged 1, rejected 0")
        guard case .updated(let previous, let current)? = third.changes.first else {
            Issue.record("expected an update first")
            return
        }
        #expect(previous.title == "Alpha" && current.title == "Alpha renamed")
        try db.writer.read { (db: Database) throws in
            let row = try #require(try RuleRecord.fetchOne(db, key: Fixtures.id(1)))
            #expect(row.level == "high" && row.levelRank == 4)
            #expect(row.sourcePath == dir.appendingPathComponent("a.yml").standardizedFileURL.path)
            // Children and the full-text row were replaced, not duplicated.
            #expect(try RuleTagRecord.filter(Column("rule_id") == Fixtures.id(1)).fetchCount(db) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rule_fts WHERE rule_fts MATCH 'renamed'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rule_fts") == 3)
        }
    }

    @Test func rejectedFilesAreSkippedAndTheRestImported() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write([
            "1-good.yml": Fixtures.rule(id: Fixtures.id(1), title: "Good"),
            "2-broken.yml": "title: [unclosed\n",
            "3-badlevel.yml": Fixtures.rule(id: Fixtures.id(3), title: "Bad level", level: "urgent"),
            "4-list.yml": "- a\n- b\n",
            "5-noid.yml": Fixtures.rule(id: Fixtures.id(5), title: "No id").replacingOccurrences(of: "id: \(Fixtures.id(5))\n", with: ""),
            "6-empty.yml": "",
        ], in: dir)
        let db = try AppDatabase.inMemory()
        // Named one by one, every bad file is rejected with its error...
        let named = try RuleImporter().run(paths: ["2-broken.yml", "3-badlevel.yml", "4-list.yml", "5-noid.yml", "6-empty.yml"]
            .map { dir.appendingPathComponent($0).path }, into: db)
        #expect(named.rejected == 5 && named.skipped.isEmpty)
        // ...while a folder walk skips the two that are not Sigma documents at all.
        let report = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(report.imported == 1)
        #expect(report.rejected == 3)
        #expect(report.skipped.map { ($0.path as NSString).lastPathComponent } == ["4-list.yml", "6-empty.yml"])
        #expect(report.skipped.allSatisfy { $0.reason == .notSigma })
        #expect(report.summary == "imported 1, updated 0, unchanged 0, rejected 3, skipped 2")
        let lines = named.rejections.map(\.description)
        #expect(throws: MissingRulePath.self) { try RuleImporter().run(paths: [dir.appendingPathComponent("missing.yml").path], into: db) }
        for (line, name) in zip(lines, ["2-broken.yml", "3-badlevel.yml", "4-list.yml", "5-noid.yml", "6-empty.yml"]) {
            #expect(line.contains("/\(name):"), "\(line)")
            #expect(line.range(of: #":\d+:\d+: error: "#, options: .regularExpression) != nil, "\(line)")
        }
        #expect(lines.contains { $0.contains("5-noid.yml") && $0.contains("no 'id'") })
        try db.writer.read { (db: Database) throws in
            #expect(try RuleRecord.fetchCount(db) == 2)  // the good rule and the seed
            #expect(try RuleRecord.fetchOne(db, key: Fixtures.id(3)) == nil)
        }
    }

    @Test func duplicateIdInOneImportNamesTheFirstFile() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(7), title: "First"),
                            "b.yml": Fixtures.rule(id: Fixtures.id(7), title: "Second")], in: dir)
        let db = try AppDatabase.inMemory()
        let report = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(report.imported == 1 && report.rejected == 1)
        let line = try #require(report.rejections.first).description
        #expect(line.contains("/b.yml:2:1: error: duplicate id \(Fixtures.id(7)): already imported from "), "\(line)")
        #expect(line.hasSuffix("/a.yml"))
        #expect(try db.rule(idOrPrefix: Fixtures.id(7)).title == "First")

        // An identical copy is a duplicate too, even when the fast path skips parsing it.
        try Fixtures.write(["b.yml": Fixtures.rule(id: Fixtures.id(7), title: "First")], in: dir)
        let again = try RuleImporter().run(paths: [dir.path], into: db)
        #expect(again.unchanged == 1 && again.rejected == 1)
    }

    @Test func tooLargeAndNonUTF8FilesAreRejected() throws {
        let dir = try Fixtures.tempDir()
        var importer = RuleImporter()
        importer.maxFileSize = 1000
        try Fixtures.write(["big.yml": Fixtures.rule(id: Fixtures.id(1), title: "Big", description: String(repeating: "x", count: 2000))], in: dir)
        try Data([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]).write(to: dir.appendingPathComponent("latin.yml"))
        let db = try AppDatabase.inMemory()
        let report = try importer.run(paths: [dir.path], into: db)
        #expect(report.rejected == 2)
        #expect(report.rejections.contains { $0.description.contains("big.yml:1:1: error: file is too large") })
        #expect(report.rejections.contains { $0.description.contains("latin.yml") && $0.description.contains("UTF-8") })
    }

    @Test func keepsEveryFieldIncludingCustomOnes() throws {
        let yaml = Fixtures.rule(id: Fixtures.id(9), title: "Full", tags: ["attack.t1059.001", "cve.2021-44228"],
                                 service: "auditd", modified: "2024-02-03",
                                 extra: """
                                 license: DRL-1.1
                                 references:
                                     - https://example.org/a
                                 related:
                                     - id: \(Fixtures.id(1))
                                       type: derived
                                 fields:
                                     - CommandLine
                                 my_custom_field: kept
                                 """)
        let (db, report) = try Fixtures.catalog([("full.yml", yaml)])
        #expect(report.imported == 1)
        let detail = try db.ruleDetail(idOrPrefix: "00000000-0000-4000-8000-000000000009")
        #expect(detail.rule.license == "DRL-1.1")
        #expect(detail.rule.modified == "2024-02-03" && detail.rule.date == "2020-01-01")
        #expect(detail.rule.logsourceService == "auditd")
        #expect(detail.rule.fields == #"["CommandLine"]"#)
        #expect(detail.rule.custom.contains("my_custom_field"))
        #expect(detail.rule.yaml == yaml)
        #expect(detail.rule.contentHash == SHA256.hex(text: yaml))
        #expect(detail.references == ["https://example.org/a"])
        #expect(detail.related.map(\.type) == ["derived"])
        #expect(detail.falsepositives == ["Administrators"])
        #expect(detail.tags.map(\.tag) == ["attack.t1059.001", "cve.2021-44228"])
        #expect(detail.tags[0].name == "Command and Scripting Interpreter: PowerShell")
    }

    @Test func idLookupByPrefix() throws {
        let (db, _) = try Fixtures.catalog([("a.yml", Fixtures.rule(id: "aaaa1111-0000-4000-8000-000000000001", title: "A")),
                                           ("b.yml", Fixtures.rule(id: "aaaa2222-0000-4000-8000-000000000002", title: "B"))])
        #expect(try db.rule(idOrPrefix: "AAAA1").title == "A")
        #expect(throws: CatalogError.self) { _ = try db.rule(idOrPrefix: "aaaa") }
        #expect(throws: CatalogError.ruleNotFound("ffff")) { _ = try db.rule(idOrPrefix: "ffff") }
        #expect(throws: CatalogError.ruleNotFound("a%")) { _ = try db.rule(idOrPrefix: "a%") }
    }

    @Test func correlationDocumentsAreStoredAsTheirKind() throws {
        let text = """
            title: Many failed logins
            id: \(Fixtures.id(20))
            status: test
            correlation:
                type: event_count
                rules:
                    - \(Fixtures.id(1))
                group-by:
                    - User
                timespan: 5m
                condition:
                    gte: 10
            level: high
            """
        let (db, report) = try Fixtures.catalog([("corr.yml", text)])
        #expect(report.rejected == 0, "\(report.rejections.map(\.description))")
        #expect(try db.rule(idOrPrefix: Fixtures.id(20)).kind == "correlation")
    }

    @Test func hookSeesChangesInsideTheTransaction() throws {
        let (db, first) = try Fixtures.catalog([("a.yml", Fixtures.rule(id: Fixtures.id(1), title: "A"))])
        guard case .added(let added)? = first.changes.first else {
            Issue.record("expected an added rule")
            return
        }
        #expect(added.id == Fixtures.id(1))
        let second = try db.writer.write {
            try RuleImporter().importTexts([(path: "a.yml", text: Fixtures.rule(id: Fixtures.id(1), title: "A"))], db: $0)
        }
        #expect(second.changes == [.unchanged(id: Fixtures.id(1), contentHash: SHA256.hex(text: Fixtures.rule(id: Fixtures.id(1), title: "A")))])
    }

    @Test func legacyGlobalCollectionIsOneRuleWithTheFileQueries() throws {
        let text = """
            action: global
            title: Collection
            id: \(Fixtures.id(30))
            status: test
            logsource:
                product: windows
            detection:
                condition: selection
            level: low
            ---
            logsource:
                service: security
            detection:
                selection:
                    EventID: 4624
            ---
            logsource:
                service: system
            detection:
                selection:
                    EventID: 7045
            """
        let (db, report) = try Fixtures.catalog([("collection.yml", text)], seed: false)
        #expect(report.imported == 1 && report.rejected == 0, "\(report.rejections.map(\.description))")
        let queries = try db.writer.read { try QueryStore.queries($0, ruleIDs: [Fixtures.id(30)], targetKey: "splunk") }
        #expect(queries.first?.query == "EventID=4624\nEventID=7045")
        #expect(try Fixtures.ids(db) { $0.text = "7045" } == [Fixtures.id(30)], "the second document's detection is searchable")
    }

    @Test func multiDocumentFilesWithDistinctIdsStoreEachAndRepeatedIdsAreRejected() throws {
        let a = Fixtures.rule(id: Fixtures.id(31), title: "One"), b = Fixtures.rule(id: Fixtures.id(32), title: "Two")
        let (db, report) = try Fixtures.catalog([("two.yml", a + "---\n" + b)], seed: false)
        #expect(report.imported == 2)
        #expect(try db.rule(idOrPrefix: Fixtures.id(32)).title == "Two")
        let mixed = a + "---\n" + b + "---\n" + Fixtures.rule(id: Fixtures.id(31), title: "One again")
        let (_, second) = try Fixtures.catalog([("mixed.yml", mixed)], seed: false)
        #expect(second.rejected == 1 && second.imported == 0)
        #expect(second.rejections.first?.message.contains("documents 1 and 3 of this file share it") == true)
    }
}
