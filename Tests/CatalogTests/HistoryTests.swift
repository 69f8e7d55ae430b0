@testable import Catalog
import Foundation
import GRDB
import Testing

/// The rule files of the three-commit scenario, shared with the lifecycle tests.
enum Scenario {
    static let a = Fixtures.id(101), b = Fixtures.id(102), c = Fixtures.id(103), d = Fixtures.id(104)
    static let e = Fixtures.id(105), f = Fixtures.id(106)

    static let v1: [String: String] = [
        "rules/linux/a.yml": Fixtures.rule(id: a, title: "Alpha", status: "experimental", tags: ["attack.persistence", "attack.t1053.003"], date: "2020-01-01"),
        "rules/linux/b.yml": Fixtures.rule(id: b, title: "Bravo", status: "experimental", level: "high", tags: ["attack.execution"], date: "2020-02-01"),
        "rules/linux/c.yml": Fixtures.rule(id: c, title: "Charlie", status: "test", date: "2020-03-01"),
        "rules/linux/d.yml": Fixtures.rule(id: d, title: "Delta", status: "test", level: "low", date: "2020-04-01"),
        "rules/linux/e.yml": Fixtures.rule(id: e, title: "Echo", status: "stable", date: "2020-05-01"),
    ]

    /// Promote A, edit B, deprecate C (replaced by new F), remove D, move E under deprecated/.
    static let v2Changes: [String: String] = [
        "rules/linux/a.yml": Fixtures.rule(id: a, title: "Alpha", status: "test", tags: ["attack.persistence", "attack.t1053.003"], date: "2020-01-01", modified: "2021-06-01"),
        "rules/linux/b.yml": Fixtures.rule(id: b, title: "Bravo", status: "experimental", level: "critical", tags: ["attack.execution", "attack.t1059"],
                                           date: "2020-02-01", modified: "2021-06-01", selection: "Image|endswith: '/bash'"),
        "rules/linux/c.yml": Fixtures.rule(id: c, title: "Charlie", status: "deprecated", date: "2020-03-01", modified: "2021-06-01"),
        "rules/linux/f.yml": Fixtures.rule(id: f, title: "Foxtrot", status: "experimental", date: "2021-06-01",
                                           extra: "related:\n    - id: \(c)\n      type: obsolete\n"),
    ]

    /// Restore D, raise A's level.
    static let v3Changes: [String: String] = [
        "rules/linux/d.yml": v1["rules/linux/d.yml"]!,
        "rules/linux/a.yml": Fixtures.rule(id: a, title: "Alpha", status: "test", level: "high", tags: ["attack.persistence", "attack.t1053.003"],
                                           date: "2020-01-01", modified: "2022-01-01"),
    ]

    /// Builds the repository, importing after each commit; returns the repository and the catalog.
    static func run(_ body: (_ step: Int, _ repo: HistoryRepo, _ db: AppDatabase, _ result: SourceImportReport) throws -> Void) throws {
        let repo = try HistoryRepo.make()
        let db = try AppDatabase.inMemory(seed: false)
        try repo.write(v1)
        try repo.commit("v1", date: "2021-01-01T00:00:00Z", tag: "r2021-01-01")
        try body(1, repo, db, try RuleImporter().run(paths: [repo.root.path], source: "sigma", into: db))
        try repo.write(v2Changes)
        try repo.remove("rules/linux/d.yml")
        try repo.move("rules/linux/e.yml", "deprecated/linux/e.yml")
        try repo.commit("v2", date: "2021-06-02T00:00:00Z")
        try body(2, repo, db, try RuleImporter().run(paths: [repo.root.path], source: "sigma", into: db))
        try repo.write(v3Changes)
        try repo.commit("v3", date: "2022-01-02T00:00:00Z", tag: "r2022-01-02")
        try body(3, repo, db, try RuleImporter().run(paths: [repo.root.path], source: "sigma", into: db))
        try body(4, repo, db, try RuleImporter().run(paths: [repo.root.path], source: "sigma", into: db))
    }
}

@Suite struct HistoryTests {
    typealias E = HistoryProbe.Event

    @Test func threeCommitsRecordEveryKindOfEvent() throws {
        try Scenario.run { step, repo, db, result in
            let run = try #require(result.run.id)
            let events = try HistoryProbe.events(db, run: run, root: repo.root)
            let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(result.run.commitId == head)
            #expect(result.run.source == "sigma")
            #expect(result.run.scope == "full")
            #expect(result.run.finishedAt != nil)
            switch step {
            case 1:
                #expect(result.run.tag == "r2021-01-01")
                #expect(result.run.commitDate?.hasPrefix("2021-01-01T00:00:00") == true)
                #expect(events == [E(rule: Scenario.a, kind: "added", new: "experimental"), E(rule: Scenario.b, kind: "added", new: "experimental"),
                                   E(rule: Scenario.c, kind: "added", new: "test"), E(rule: Scenario.d, kind: "added", new: "test"),
                                   E(rule: Scenario.e, kind: "added", new: "stable")])
                #expect(result.run.added == 5 && result.run.events == 5)
            case 2:
                #expect(result.run.tag == nil)
                #expect(events == [
                    E(rule: Scenario.a, kind: "modified", old: nil, new: "2021-06-01", fields: ["status", "modified"]),
                    E(rule: Scenario.a, kind: "status", old: "experimental", new: "test"),
                    E(rule: Scenario.b, kind: "modified", old: nil, new: "2021-06-01", fields: ["modified", "detection", "level", "tags"]),
                    E(rule: Scenario.b, kind: "level", old: "high", new: "critical"),
                    E(rule: Scenario.b, kind: "tags", old: "attack.execution", new: "attack.execution, attack.t1059"),
                    E(rule: Scenario.c, kind: "modified", old: nil, new: "2021-06-01", fields: ["status", "modified"]),
                    E(rule: Scenario.c, kind: "deprecated", old: "test", new: "deprecated", detail: "status"),
                    E(rule: Scenario.f, kind: "added", new: "experimental"),
                    E(rule: Scenario.e, kind: "deprecated", old: "stable", new: "stable", detail: "deprecated/linux/e.yml"),
                    E(rule: Scenario.d, kind: "removed", old: "test", detail: "rules/linux/d.yml"),
                ], "\(events)")
                #expect(result.run.removed == 1 && result.run.restored == 0)
                #expect(try HistoryProbe.removed(db) == [Scenario.d])
                // The moved file's row points at its new place even though its bytes were unchanged.
                let path = try db.writer.read { try String.fetchOne($0, sql: "SELECT source_path FROM rule WHERE id = ?", arguments: [Scenario.e]) }
                #expect(path == repo.root.appendingPathComponent("deprecated/linux/e.yml").standardizedFileURL.path)
            case 3:
                #expect(result.run.tag == "r2022-01-02")
                #expect(events == [
                    E(rule: Scenario.a, kind: "modified", old: "2021-06-01", new: "2022-01-01", fields: ["modified", "level"]),
                    E(rule: Scenario.a, kind: "level", old: "medium", new: "high"),
                    E(rule: Scenario.d, kind: "restored", detail: "rules/linux/d.yml"),
                ], "\(events)")
                #expect(result.run.restored == 1)
                #expect(try HistoryProbe.removed(db).isEmpty)
            default:
                // Same commit again: nothing to record.
                #expect(events.isEmpty)
                #expect(result.run.events == 0 && result.run.unchanged == 6)
                #expect(result.runLine.hasSuffix("0 change events; removed 0, restored 0"))
            }
        }
    }

    @Test func reimportingAnUnchangedSourceRecordsNothing() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["x/a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A"), "x/b.yml": Fixtures.rule(id: Fixtures.id(2), title: "B")], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        let first = try RuleImporter().run(paths: [dir.path], source: nil, into: db)
        #expect(first.run.events == 2)
        let before = try HistoryProbe.eventCount(db)
        for _ in 0..<2 {
            let again = try RuleImporter().run(paths: [dir.path], source: nil, into: db)
            #expect(again.run.events == 0 && again.run.unchanged == 2)
            #expect(again.run.source == first.run.source)
        }
        #expect(try HistoryProbe.eventCount(db) == before)
        // Three runs recorded all the same.
        #expect(try db.writer.read { try ImportRunRecord.fetchCount($0) } == 3)
    }

    @Test func overlappingSourcesLatestImportWinsAndHistoryNamesTheSource() throws {
        let alpha = try Fixtures.tempDir(), beta = try Fixtures.tempDir()
        let shared = Fixtures.id(7)
        try Fixtures.write(["r/x.yml": Fixtures.rule(id: shared, title: "Shared", level: "medium")], in: alpha)
        try Fixtures.write(["r/x.yml": Fixtures.rule(id: shared, title: "Shared", level: "high"),
                            "r/y.yml": Fixtures.rule(id: Fixtures.id(8), title: "Only beta")], in: beta)
        let db = try AppDatabase.inMemory(seed: false)
        _ = try RuleImporter().run(paths: [alpha.path], source: "alpha", into: db)
        #expect(try HistoryProbe.owner(db, shared) == "alpha")

        let b = try RuleImporter().run(paths: [beta.path], source: "beta", into: db)
        var events = try HistoryProbe.events(db, run: b.run.id!)
        #expect(events == [E(rule: shared, kind: "source", old: "alpha", new: "beta"),
                           E(rule: shared, kind: "modified", fields: ["level"]),
                           E(rule: shared, kind: "level", old: "medium", new: "high"),
                           E(rule: Fixtures.id(8), kind: "added", new: "test")], "\(events)")
        #expect(try HistoryProbe.owner(db, shared) == "beta")
        #expect(try db.ruleDetail(idOrPrefix: shared).rule.level == "high")

        // The file disappears from alpha: alpha no longer owns the rule, so nothing is removed.
        try FileManager.default.removeItem(at: alpha.appendingPathComponent("r/x.yml"))
        try Fixtures.write(["r/z.yml": Fixtures.rule(id: Fixtures.id(9), title: "Only alpha")], in: alpha)
        let a2 = try RuleImporter().run(paths: [alpha.path], source: "alpha", into: db)
        events = try HistoryProbe.events(db, run: a2.run.id!)
        #expect(events == [E(rule: Fixtures.id(9), kind: "added", new: "test")], "\(events)")
        #expect(try HistoryProbe.removed(db).isEmpty)

        // Beta drops it: beta owns it, so it is removed; alpha bringing it back restores it under alpha.
        try FileManager.default.removeItem(at: beta.appendingPathComponent("r/x.yml"))
        let b2 = try RuleImporter().run(paths: [beta.path], source: "beta", into: db)
        #expect(try HistoryProbe.events(db, run: b2.run.id!) == [E(rule: shared, kind: "removed", old: "test", detail: beta.appendingPathComponent("r/x.yml").standardizedFileURL.path)])
        try Fixtures.write(["r/x.yml": Fixtures.rule(id: shared, title: "Shared", level: "medium")], in: alpha)
        let a3 = try RuleImporter().run(paths: [alpha.path], source: "alpha", into: db)
        events = try HistoryProbe.events(db, run: a3.run.id!)
        #expect(events.map(\.kind) == ["restored", "source", "modified", "level"], "\(events)")
        #expect(try HistoryProbe.owner(db, shared) == "alpha")
        #expect(try HistoryProbe.removed(db).isEmpty)
    }

    @Test func partialImportsNeverRemove() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["linux/a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A"),
                            "linux/b.yml": Fixtures.rule(id: Fixtures.id(2), title: "B"),
                            "windows/c.yml": Fixtures.rule(id: Fixtures.id(3), title: "C")], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        #expect(try RuleImporter().run(paths: [dir.path], source: "team", into: db).run.scope == "full")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("linux/b.yml"))

        // A single file, a sub-folder, a sibling folder: partial, no removals.
        let single = try RuleImporter().run(paths: [dir.appendingPathComponent("linux/a.yml").path], source: "team", into: db)
        #expect(single.run.scope == "partial" && single.run.removed == 0)
        #expect(single.runLine.contains("partial import"))
        let sub = try RuleImporter().run(paths: [dir.appendingPathComponent("linux").path], source: "team", into: db)
        #expect(sub.run.scope == "partial" && sub.run.removed == 0)
        #expect(try HistoryProbe.removed(db).isEmpty)

        // Another source's full import of the same folder does not remove team's rules either.
        let other = try RuleImporter().run(paths: [dir.appendingPathComponent("windows").path], source: "other", into: db)
        #expect(other.run.scope == "full" && other.run.removed == 0)

        // The root again: full, B is removed.
        let full = try RuleImporter().run(paths: [dir.path], source: "team", into: db)
        #expect(full.run.scope == "full")
        #expect(try HistoryProbe.removed(db) == [Fixtures.id(2)])
    }

    @Test func aMovedCloneIsAFullImportFromItsNewPlace() throws {
        let base = try Fixtures.tempDir()
        let old = base.appendingPathComponent("old"), new = base.appendingPathComponent("new")
        try Fixtures.write(["r/a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A"), "r/b.yml": Fixtures.rule(id: Fixtures.id(2), title: "B")], in: old)
        let db = try AppDatabase.inMemory(seed: false)
        _ = try RuleImporter().run(paths: [old.path], source: "s", into: db)
        try FileManager.default.moveItem(at: old, to: new)
        try FileManager.default.removeItem(at: new.appendingPathComponent("r/b.yml"))
        let moved = try RuleImporter().run(paths: [new.path], source: "s", into: db)
        #expect(moved.run.scope == "full" && moved.run.removed == 1 && moved.run.events == 1)
        #expect(try HistoryProbe.removed(db) == [Fixtures.id(2)])
        // The new place is now the root: importing it again is full; a sibling folder is not.
        #expect(try RuleImporter().run(paths: [new.path], source: "s", into: db).run.scope == "full")
        try Fixtures.write(["c.yml": Fixtures.rule(id: Fixtures.id(3), title: "C")], in: base.appendingPathComponent("other"))
        #expect(try RuleImporter().run(paths: [base.appendingPathComponent("other").path], source: "s", into: db).run.scope == "partial")
    }

    @Test func brokenOrMissingFilesDoNotRemoveTheirRules() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A"), "b.yml": Fixtures.rule(id: Fixtures.id(2), title: "B")], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        _ = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        try Fixtures.write(["b.yml": "title: [broken\n"], in: dir)
        let broken = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        #expect(broken.report.rejected == 1 && broken.run.rejected == 1 && broken.run.removed == 0)
        #expect(try HistoryProbe.removed(db).isEmpty)

        // A file read fine that now holds another id: the old id is gone from the source.
        try Fixtures.write(["b.yml": Fixtures.rule(id: Fixtures.id(3), title: "B renumbered")], in: dir)
        let renumbered = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        #expect(renumbered.run.added == 1 && renumbered.run.removed == 1)
        #expect(try HistoryProbe.removed(db) == [Fixtures.id(2)])
        try Fixtures.write(["b.yml": Fixtures.rule(id: Fixtures.id(2), title: "B")], in: dir)
        let back = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        #expect(back.run.restored == 1 && back.run.removed == 1)
        #expect(try HistoryProbe.removed(db) == [Fixtures.id(3)])

        // A mistyped root is refused before anything is recorded; an emptied root is not a full import.
        #expect(throws: (any Error).self) { try RuleImporter().run(paths: [dir.path + "-typo"], source: "s", into: db) }
        let empty = try Fixtures.tempDir()
        #expect(try RuleImporter().run(paths: [empty.path], source: "s", into: db).run.scope == "partial")
        // Even for a new source, a folder without rule files defines nothing.
        #expect(try RuleImporter().run(paths: [empty.path], source: "t", into: db).run.scope == "partial")
        #expect(try HistoryProbe.removed(db) == [Fixtures.id(3)])
    }

    @Test func sourceNamesAreDerivedAndChecked() throws {
        let dir = try Fixtures.tempDir().appendingPathComponent("My Rules (2024)")
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A")], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        #expect(try RuleImporter().run(paths: [dir.path], source: nil, into: db).run.source == "my-rules-2024")
        #expect(try RuleImporter().run(paths: [dir.appendingPathComponent("a.yml").path], source: nil, into: db).run.source == "my-rules-2024")
        #expect(SourceName.slug("SigmaHQ/sigma") == "sigmahq-sigma")
        #expect(SourceName.slug("--") == "")
        #expect(throws: LifecycleError.self) { try RuleImporter().run(paths: [dir.path], source: "bad name!", into: db) }
        #expect(throws: LifecycleError.self) { try RuleImporter().run(paths: [dir.path], source: "", into: db) }
        #expect(try SourceName.validate("Sigma-Core") == "sigma-core")
        // A git repository lends its folder name.
        let repo = try HistoryRepo.make()
        try repo.write(["rules/a.yml": Fixtures.rule(id: Fixtures.id(2), title: "B")])
        try repo.commit("one", date: "2021-01-01T00:00:00Z")
        let run = try RuleImporter().run(paths: [repo.root.appendingPathComponent("rules").path], source: nil, into: db).run
        #expect(run.source == SourceName.slug(repo.root.lastPathComponent))
        #expect(run.commitId?.count == 40 && run.tag == nil)
    }

    @Test func gitFactsToleratePlainFoldersAndMissingPaths() throws {
        let dir = try Fixtures.tempDir()
        #expect(GitFacts.read(at: dir.path) == nil)
        #expect(GitFacts.read(at: dir.path + "/nope") == nil)
        // A repository without commits has no HEAD yet.
        #expect(GitFacts.read(at: try HistoryRepo.make().root.path) == nil)
    }

    @Test func seedAndInMemoryImportsAreRecordedAsPartialRuns() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let runs = try db.writer.read { try ImportRunRecord.order(Column("id")).fetchAll($0) }
        #expect(runs.count == 1)
        #expect(runs.first?.source == SourceName.seed && runs.first?.scope == "partial")
        #expect((runs.first?.added ?? 0) > 0 && runs.first?.events == runs.first?.added)
        // A real source carrying a seed rule takes it over without a `source` event.
        let cron = try db.rule(idOrPrefix: Fixtures.cronID)
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["cron.yml": cron.yaml], in: dir)
        let taken = try RuleImporter().run(paths: [dir.path], source: "sigma", into: db)
        #expect(taken.run.unchanged == 1 && taken.run.events == 0)
        #expect(try HistoryProbe.owner(db, Fixtures.cronID) == "sigma")
        let (mem, _) = try Fixtures.catalog([("tests/a.yml", Fixtures.rule(id: Fixtures.id(1), title: "A"))], seed: false)
        #expect(try mem.writer.read { try ImportRunRecord.fetchOne($0)?.source } == "tests")
    }

    @Test func formattingOnlyEditsRecordNoModification() throws {
        let dir = try Fixtures.tempDir()
        let text = Fixtures.rule(id: Fixtures.id(1), title: "A")
        try Fixtures.write(["a.yml": text], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        _ = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        try Fixtures.write(["a.yml": "# a comment\n" + text], in: dir)
        let again = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        #expect(again.report.updated == 1)
        #expect(again.run.events == 0)
    }
}
