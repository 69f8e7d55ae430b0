import Foundation
import Testing

/// What a scheduled job relies on: exit 0 for a clean sync of a SigmaHQ-shaped clone, exit 2 and no run for a
/// wrong path, and commands started together waiting for each other instead of failing.
@Suite(.serialized) struct ScheduledSyncTests {
    @Test func cloneShapedFolderImportsWithExitZeroAndAWarningForTheDeprecatedCopy() throws {
        let kb = try HuntKBRunner()
        defer { try? FileManager.default.removeItem(at: kb.dir) }
        try kb.write("sigma/rules/linux/a.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "Active"))
        try kb.write("sigma/deprecated/linux/a.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "Old copy"))
        try kb.write("sigma/unsupported/linux/count.yml", E2EFixtures.rule(id: E2EFixtures.id(2), title: "Count")
            .replacingOccurrences(of: "condition: selection", with: "condition: selection | count() > 5"))
        try kb.write("sigma/regression_data/rules/linux/a/info.yml", "id: \(E2EFixtures.id(1))\ndescription: N/A\n")
        try kb.write("sigma/tests/config.yml", "rules: rules/\nlevel: low\n")
        try kb.write("sigma/.github/workflows/ci.yml", "name: CI\n")
        let first = try kb.run(["import", "sigma", "--targets", "none"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("imported 1, updated 0, unchanged 0, rejected 0, skipped 4\n"), "\(first.stdout)")
        #expect(first.stderr == "sigma/deprecated/linux/a.yml: warning: duplicate id \(E2EFixtures.id(1)): the active file sigma/rules/linux/a.yml wins over sigma/deprecated/linux/a.yml\n")
        let again = try kb.run(["import", "sigma", "--targets", "none"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("imported 0, updated 0, unchanged 1, rejected 0, skipped 4\n"), "\(again.stdout)")
        let show = try kb.run(["show", E2EFixtures.id(1), "--format", "json"])
        #expect(show.stdout.contains("\"Active\""))

        // A wrong path: exit 2, and `changes` still reports the real last sync.
        let runsBefore = try kb.run(["changes", "--list-imports", "--format", "json"])
        let wrong = try kb.run(["import", "/nonexistent/sigma"])
        #expect(wrong.status == 2 && wrong.stderr == "huntkb: error: /nonexistent/sigma: no such file or directory\n")
        #expect(try kb.run(["changes", "--list-imports", "--format", "json"]).stdout == runsBefore.stdout)
    }

    @Test func manyCommandsCreatingOneMissingCatalogAllSucceed() throws {
        let kb = try HuntKBRunner()
        defer { try? FileManager.default.removeItem(at: kb.dir) }
        // The folder exists (an explicit --db in a missing folder is refused by commands that only read).
        let db = kb.dir.appendingPathComponent("new-catalog.sqlite").path
        let results = try Self.together(20) { _ in try kb.run(["search", "--db", db, "--format", "json"]) }
        #expect(results.filter { $0.status != 0 }.map(\.stderr) == [])
    }

    @Test func twoFirstImportsIntoANewCatalogBothLand() throws {
        let kb = try HuntKBRunner()
        defer { try? FileManager.default.removeItem(at: kb.dir) }
        for n in 1...6 { try kb.write("a/r\(n).yml", E2EFixtures.rule(id: E2EFixtures.id(n), title: "A\(n)")) }
        for n in 11...16 { try kb.write("b/r\(n).yml", E2EFixtures.rule(id: E2EFixtures.id(n), title: "B\(n)")) }
        let results = try Self.together(2) { i in try kb.run(["import", i == 0 ? "a" : "b", "--targets", "none"]) }
        #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
        let all = try kb.run(["search", "--format", "json", "--limit", "100"])
        for n in [1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16] { #expect(all.stdout.contains(E2EFixtures.id(n))) }
    }

    /// Runs `count` commands at once, each on its own thread (a thread pool would start only one per core).
    static func together(_ count: Int, _ body: @escaping @Sendable (Int) throws -> HuntKBRunner.Result) throws -> [HuntKBRunner.Result] {
        let results = Results(count: count)
        let done = DispatchGroup()
        for i in 0..<count {
            done.enter()
            Thread {
                results.set(i, Result { try body(i) })
                done.leave()
            }.start()
        }
        done.wait()
        return try results.all().map { try $0.get() }
    }

    final class Results: @unchecked Sendable {
        private var slots: [Result<HuntKBRunner.Result, any Error>?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: Result<HuntKBRunner.Result, any Error>) { lock.withLock { slots[i] = value } }
        func all() -> [Result<HuntKBRunner.Result, any Error>] { lock.withLock { slots.compactMap { $0 } } }
    }
}
