import Catalog
import Foundation
import Testing

/// Coverage deltas over import runs of a small source imported in three versions.
@Suite struct CoverageDeltaTests {
    static func file(_ n: Int, _ tags: [String], status: String = "test") -> String {
        Fixtures.rule(id: Fixtures.id(n), title: "Rule \(n)", status: status, tags: tags)
    }

    /// Imports v1, v2 and v3 of the source; returns the catalog and the three run numbers.
    static func scenario() throws -> (AppDatabase, [Int64]) {
        let dir = try Fixtures.tempDir()
        let db = try AppDatabase.inMemory()
        var runs: [Int64] = []
        func importNow() throws { runs.append(try #require(try RuleImporter().run(paths: [dir.path], source: "team", into: db).run.id)) }
        try Fixtures.write([
            "a.yml": file(1, ["attack.execution", "attack.t1059.001"]),
            "b.yml": file(2, ["attack.persistence", "attack.t1053.003"]),
            "c.yml": file(3, ["attack.credential-access", "attack.t1003"]),
            "e.yml": file(5, ["attack.credential-access", "attack.t1110"]),
        ], in: dir)
        try importNow()
        try Fixtures.write([
            "b.yml": file(2, ["attack.persistence", "attack.t1053.005"]),
            "c.yml": file(3, ["attack.credential-access", "attack.t1003"], status: "deprecated"),
            "d.yml": file(4, ["attack.t1003", "attack.lateral-movement", "attack.t1021", "attack.stealth", "attack.t9998"]),
        ], in: dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("e.yml"))
        try importNow()
        try Fixtures.write(["d.yml": file(4, ["attack.lateral-movement", "attack.t1021"])], in: dir)
        try importNow()
        return (db, runs)
    }

    @Test func oneRunGivesGainsLossesAndLeavesUnchangedTechniquesOut() throws {
        let (db, runs) = try Self.scenario()
        let delta = try db.coverageDelta(window: ChangeQuery(fromImport: runs[1], toImport: runs[1]))
        #expect(delta.runs.map(\.id) == [runs[1]])
        let byID = Dictionary(uniqueKeysWithValues: delta.techniques.map { ($0.id, $0) })
        #expect(Set(byID.keys) == ["T1003", "T1021", "T1053.003", "T1053.005", "T1110", "T9998"], "T1059.001 did not change")
        #expect(byID["T1053.003"]?.change == -1)
        #expect(byID["T1053.003"]?.lost.map(\.id) == [Fixtures.id(2)])
        #expect(byID["T1053.005"]?.change == 1)
        #expect(byID["T1053.005"]?.gained.map(\.id) == [Fixtures.id(2)])
        #expect(byID["T1110"]?.change == -1, "removed from the source")
        #expect(byID["T1021"]?.change == 1)
        // The state at the end of the window, not now: run 3 later dropped T1003 and T9998 from rule 4.
        #expect(byID["T1003"]?.change == 0)
        #expect(byID["T1003"]?.gained.map(\.id) == [Fixtures.id(4)])
        #expect(byID["T1003"]?.lost.map(\.id) == [Fixtures.id(3)], "deprecated rules cover nothing")
        #expect(byID["T9998"]?.change == 1)
        #expect(byID["T9998"]?.known == false)
        #expect(byID["T9998"]?.tactics == ["stealth"], "T1021 accounts for lateral-movement")
        #expect(byID["T1053.005"]?.name == "Scheduled Task/Job: Scheduled Task")
    }

    @Test func wholeHistoryNetsOutWhatCameAndWent() throws {
        let (db, runs) = try Self.scenario()
        let delta = try db.coverageDelta(window: ChangeQuery(fromImport: runs[0], toImport: runs[2]))
        #expect(delta.techniques.map(\.id) == ["T1021", "T1053.005", "T1059.001"])
        #expect(delta.techniques.allSatisfy { $0.change == 1 && $0.lost.isEmpty })
        let last = try db.coverageDelta(window: ChangeQuery())
        #expect(last.runs.map(\.id) == [runs[2]], "no window: the latest run, like changes")
        #expect(last.techniques.map { "\($0.id)\($0.change)" } == ["T1003-1", "T9998-1"])
    }

    @Test func filtersApply() throws {
        let (db, runs) = try Self.scenario()
        var query = CoverageQuery()
        query.filter.techniques = ["T1053"]
        let delta = try db.coverageDelta(window: ChangeQuery(fromImport: runs[1], toImport: runs[1]), query)
        #expect(delta.techniques.map(\.id) == ["T1053.003", "T1053.005"])
        let none = try db.coverageDelta(window: ChangeQuery(since: "2999-01-01"))
        #expect(none.runs.isEmpty && none.techniques.isEmpty)
    }

    @Test func badWindowsAreLifecycleErrors() throws {
        let (db, runs) = try Self.scenario()
        #expect(throws: LifecycleError.self) { try db.coverageDelta(window: ChangeQuery(fromImport: 999)) }
        #expect(throws: LifecycleError.self) { try db.coverageDelta(window: ChangeQuery(fromImport: runs[2], toImport: runs[0])) }
        #expect(throws: LifecycleError.self) { try db.coverageDelta(window: ChangeQuery(source: "nobody")) }
    }
}
