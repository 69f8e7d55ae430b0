@testable import Catalog
import Foundation
import GRDB
import Testing

@Suite struct LifecycleTests {
    /// The scenario's catalog after all imports (runs 1 to 4; run 4 re-imported v3 unchanged).
    static func scenario() throws -> (HistoryRepo, AppDatabase)? {
        var result: (HistoryRepo, AppDatabase)?
        try Scenario.run { step, repo, db, _ in if step == 4 { result = (repo, db) } }
        return result
    }

    @Test func changeReportOfTheLatestRunAndOfAWindow() throws {
        guard let (_, db) = try Self.scenario() else { return }
        // Latest run: the unchanged re-import.
        let latest = try db.writer.read { try ChangeReport.build($0, ChangeQuery()) }
        #expect(latest.runs.map(\.id) == [4] && latest.total == 0 && latest.groups.isEmpty)

        let second = try db.writer.read { try ChangeReport.build($0, ChangeQuery(fromImport: 2, toImport: 2)) }
        #expect(second.groups.map(\.kind) == ["added", "modified", "status", "deprecated", "level", "tags", "removed"])
        let status = try #require(second.groups.first { $0.kind == "status" })
        #expect(status.transitions.map { "\($0.from!)→\($0.to!) \($0.count) \($0.rules)" } == ["experimental→test 1 [\"\(Scenario.a)\"]"])
        let deprecated = try #require(second.groups.first { $0.kind == "deprecated" })
        #expect(deprecated.rules.map { [$0.title, $0.old ?? "", $0.detail ?? ""] } == [["Charlie", "test", "status"],
                                                                                        ["Echo", "stable", "deprecated/linux/e.yml"]])
        let removed = try #require(second.groups.first { $0.kind == "removed" })
        #expect(removed.rules.map(\.detail) == ["rules/linux/d.yml"])

        // Imports 2 to 3 merged: A's two edits become one entry with both field sets; D removed then restored.
        let window = try db.writer.read { try ChangeReport.build($0, ChangeQuery(fromImport: 2, toImport: 3)) }
        let modifiedA = try #require(window.groups.first { $0.kind == "modified" }?.rules.first { $0.id == Scenario.a })
        #expect(modifiedA.old == nil && modifiedA.new == "2022-01-01" && modifiedA.fields == ["status", "modified", "level"])
        #expect(modifiedA.importRun == 3)
        #expect(window.groups.first { $0.kind == "level" }?.transitions.map { "\($0.from!)→\($0.to!):\($0.count)" } == ["high→critical:1", "medium→high:1"])
        #expect(window.groups.first { $0.kind == "restored" }?.rules.map(\.id) == [Scenario.d])

        // --kind filter and --source.
        let onlyStatus = try db.writer.read { try ChangeReport.build($0, ChangeQuery(fromImport: 1, kinds: [.status, .removed])) }
        #expect(onlyStatus.groups.map(\.kind) == ["status", "removed"])
        #expect(onlyStatus.toImport == 4)
        #expect(throws: LifecycleError.unknownSource("nope")) { try db.writer.read { try ChangeReport.build($0, ChangeQuery(source: "nope")) } }
        #expect(throws: LifecycleError.self) { try db.writer.read { try ChangeReport.build($0, ChangeQuery(fromImport: 3, toImport: 2)) } }
        #expect(throws: LifecycleError.self) { try db.writer.read { try ChangeReport.build($0, ChangeQuery(fromImport: 99)) } }
        #expect(throws: LifecycleError.self) { try db.writer.read { try ChangeReport.build($0, ChangeQuery(since: "2021-13-01")) } }
        #expect(throws: LifecycleError.self) { try ChangeQuery.parseKinds(["added,bogus"]) }
        #expect(try ChangeQuery.parseKinds(["added,status", "added"]) == [.added, .status])
    }

    @Test func noImportRunIsAClearError() throws {
        let db = try AppDatabase.inMemory(seed: false)
        #expect(throws: LifecycleError.self) { try db.writer.read { try ChangeReport.build($0, ChangeQuery()) } }
        // A window with no run is an empty report, not an error.
        let empty = try db.writer.read { try ChangeReport.build($0, ChangeQuery(since: "2020-01-01")) }
        #expect(empty.runs.isEmpty && empty.total == 0)
    }

    @Test func historyTimelineOfARule() throws {
        guard let (repo, db) = try Self.scenario() else { return }
        let a = try db.writer.read { try RuleHistory.timeline($0, idOrPrefix: Scenario.a) }
        #expect(a.events.map { "\($0.importRun ?? 0) \($0.kind) \($0.old ?? "-")→\($0.new ?? "-")" } == [
            "1 added -→experimental", "2 modified -→2021-06-01", "2 status experimental→test",
            "3 modified 2021-06-01→2022-01-01", "3 level medium→high"])
        #expect(a.events.first?.tag == "r2021-01-01" && a.events.last?.tag == "r2022-01-02")
        #expect(a.events.allSatisfy { $0.commit?.count == 40 && $0.source == "sigma" })
        #expect(a.source == "sigma" && !a.removed && a.status == "test")

        let d = try db.writer.read { try RuleHistory.timeline($0, idOrPrefix: Scenario.d) }
        #expect(d.events.map(\.kind) == ["added", "removed", "restored"])
        #expect(d.events[1].detail == "rules/linux/d.yml")
        let summary = try db.writer.read { try RuleHistory.summary($0, id: Scenario.e) }
        #expect(summary.events == 2 && summary.lastChange?.hasSuffix(" deprecated") == true, "\(summary)")
        #expect(summary.source == "sigma")
        #expect(throws: CatalogError.self) { try db.writer.read { try RuleHistory.timeline($0, idOrPrefix: "ffff") } }
        _ = repo
    }

    @Test func staleRulesByAgeAndByDate() throws {
        guard let (_, db) = try Self.scenario() else { return }
        let today = try #require(LifecycleClock.parse("2022-06-01"))
        // Experimental/test rules last changed more than 300 days before 2022-06-01 (cutoff 2021-08-05).
        var query = StaleQuery(today: today)
        var report = try db.writer.read { try StaleReport.build($0, query) }
        #expect(report.cutoff == "2021-08-05" && report.today == "2022-06-01")
        #expect(report.rules.map { "\($0.title) \($0.status!) \($0.lastChange) \($0.ageDays)" } == [
            "Delta test 2020-04-01 791", "Bravo experimental 2021-06-01 365", "Foxtrot experimental 2021-06-01 365"])
        #expect(report.rules.first?.modified == nil)

        query.olderThanDays = try StaleQuery.parseAge("1y")
        query.statuses = []
        query.notModifiedSince = "2020-06-01"
        report = try db.writer.read { try StaleReport.build($0, query) }
        #expect(report.cutoff == "2020-06-01")
        #expect(report.rules.map(\.title) == ["Delta", "Echo"])

        #expect(try StaleQuery.parseAge("300d") == 300 && StaleQuery.parseAge("2w") == 14 && StaleQuery.parseAge("45") == 45)
        #expect(throws: LifecycleError.self) { try StaleQuery.parseAge("soon") }
        #expect(throws: LifecycleError.self) { try StaleQuery.parseAge("-3d") }
        query.statuses = ["bogus"]
        #expect(throws: LifecycleError.self) { try db.writer.read { try StaleReport.build($0, query) } }
    }

    @Test func staleLeavesOutRemovedRulesUnlessAsked() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "Old", status: "experimental", date: "2019-01-01"),
                            "b.yml": Fixtures.rule(id: Fixtures.id(2), title: "Older", status: "experimental", date: "2018-01-01")], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        _ = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("b.yml"))
        _ = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        var query = StaleQuery(today: LifecycleClock.parse("2020-01-01")!)
        #expect(try db.writer.read { try StaleReport.build($0, query) }.rules.map(\.title) == ["Old"])
        query.includeRemoved = true
        #expect(try db.writer.read { try StaleReport.build($0, query) }.rules.map(\.title) == ["Older", "Old"])
        query.source = "other"
        #expect(try db.writer.read { try StaleReport.build($0, query) }.rules.isEmpty)
    }

    @Test func localStatusSurvivesReimportsAndIsRecorded() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A", status: "experimental")], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        _ = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        let event = try db.writer.write { try LocalStatusStore.set($0, idOrPrefix: Fixtures.id(1), status: "Deployed", note: "in Sentinel since May") }
        #expect(event?.newValue == "deployed" && event?.oldValue == nil && event?.runId == nil)
        // Same again: nothing new.
        #expect(try db.writer.write { try LocalStatusStore.set($0, idOrPrefix: Fixtures.id(1), status: "deployed", note: "in Sentinel since May") } == nil)

        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A", status: "test")], in: dir)
        _ = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        let local = try #require(try db.writer.read { try LocalStatusStore.get($0, id: Fixtures.id(1)) })
        #expect(local.localStatus == "deployed" && local.sourceStatus == "test" && local.note == "in Sentinel since May")
        let timeline = try db.writer.read { try RuleHistory.timeline($0, idOrPrefix: Fixtures.id(1)) }
        #expect(timeline.events.map(\.kind) == ["added", "local", "modified", "status"])
        #expect(timeline.localStatus == "deployed")

        // Filters: local status and none.
        let filter = LifecycleFilter.localStatus(["deployed"])
        let ids = try db.writer.read { try String.fetchAll($0, sql: "SELECT id FROM rule r WHERE \(filter.sql)", arguments: StatementArguments(filter.arguments)) }
        #expect(ids == [Fixtures.id(1)])
        let none = LifecycleFilter.localStatus(["none"])
        #expect(try db.writer.read { try String.fetchAll($0, sql: "SELECT id FROM rule r WHERE \(none.sql)", arguments: StatementArguments(none.arguments)) }.isEmpty)

        try db.writer.write { _ = try LocalStatusStore.set($0, idOrPrefix: Fixtures.id(1), status: nil, note: "retired") }
        #expect(try db.writer.read { try LocalStatusStore.get($0, id: Fixtures.id(1)) } == nil)
        #expect(try db.writer.read { try LocalStatusStore.list($0) }.isEmpty)
        #expect(throws: LifecycleError.self) { try LocalStatusStore.validate("not ok") }
        #expect(throws: LifecycleError.self) { try LocalStatusStore.validate("none") }
        #expect(throws: CatalogError.self) { try db.writer.write { try LocalStatusStore.set($0, idOrPrefix: "nope", status: "x", note: nil) } }
    }

    @Test func removedRulesAreHiddenByTheFilter() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A"), "b.yml": Fixtures.rule(id: Fixtures.id(2), title: "B")], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        _ = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("b.yml"))
        _ = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        let visible = try db.writer.read { try String.fetchAll($0, sql: "SELECT id FROM rule r WHERE \(LifecycleFilter.notRemoved()) ORDER BY id") }
        let gone = try db.writer.read { try String.fetchAll($0, sql: "SELECT id FROM rule r WHERE \(LifecycleFilter.removedOnly()) ORDER BY id") }
        #expect(visible == [Fixtures.id(1)] && gone == [Fixtures.id(2)])
        #expect(try db.writer.read { try LifecycleFilter.isRemoved($0, id: Fixtures.id(2)) })
        // Still in the catalog: show and history work.
        #expect(try db.ruleDetail(idOrPrefix: Fixtures.id(2)).rule.title == "B")
        let bySource = LifecycleFilter.source(["S"])
        #expect(try db.writer.read { try String.fetchAll($0, sql: "SELECT id FROM rule r WHERE \(bySource.sql) ORDER BY id", arguments: StatementArguments(bySource.arguments)) }.count == 2)
    }

    @Test func relatedLinksBothWays() throws {
        guard let (_, db) = try Self.scenario() else { return }
        let c = try db.writer.read { try RelatedRules.links($0, id: Scenario.c) }
        #expect(c.map { [$0.id, $0.type, $0.direction, $0.phrase, $0.title ?? "", $0.status ?? "", "\($0.removed)"] }
                == [[Scenario.f, "obsolete", "incoming", "replaced by", "Foxtrot", "experimental", "false"]])
        #expect(try db.writer.read { try RelatedRules.replacements($0, id: Scenario.c) }.map(\.id) == [Scenario.f])
        let f = try db.writer.read { try RelatedRules.links($0, id: Scenario.f) }
        #expect(f.map { "\($0.direction) \($0.phrase) \($0.title ?? "-")" } == ["outgoing replaces Charlie"])
        #expect(try db.writer.read { try RelatedRules.links($0, id: Scenario.a) }.isEmpty)
    }

    @Test func migrationGivesExistingRulesABaselineWithoutEvents() throws {
        let queue = try DatabaseQueue()
        let before = AppDatabase.migrator(upTo: "0003_scenarios_notes")
        try before.migrate(queue)
        // A rule row as an older HuntKB wrote it (the importer itself now needs the history tables).
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO rule(id, title, status, level, detection_json, yaml, content_hash, source_path, imported_at)
                VALUES (?, 'A', 'test', 'medium', '{}', ?, 'old', '/old/a.yml', '2020-01-01T00:00:00Z')
                """, arguments: [Fixtures.id(1), Fixtures.rule(id: Fixtures.id(1), title: "A")])
        }
        let db = try AppDatabase.wrapping(queue, seed: false)
        #expect(try HistoryProbe.owner(db, Fixtures.id(1)) == nil)
        #expect(try HistoryProbe.eventCount(db) == 0)
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A")], in: dir)
        let run = try RuleImporter().run(paths: [dir.path], source: "s", into: db)
        #expect(run.run.events == 0)
        #expect(try HistoryProbe.owner(db, Fixtures.id(1)) == "s")
    }
}
