@testable import Catalog
import Foundation
import GRDB
import Testing

@Suite struct HistoryCorpusTests {
    /// The shared SigmaHQ corpus imported twice as one source: the second run records no event, and every rule
    /// has exactly one `added` event.
    @Test(.enabled(if: Fixtures.sharedRoot != nil, "../shared/corpus/sigma not found beside the package"))
    func reimportingTheCorpusAddsNoEvents() throws {
        let shared = try #require(Fixtures.sharedRoot)
        let rules = shared.appendingPathComponent("corpus/sigma").path
        let db = try AppDatabase.inMemory(seed: false)
        var importer = RuleImporter()
        importer.targetKeys = []
        let clock = ContinuousClock()
        var first: SourceImportReport?
        let firstTime = try clock.measure { first = try importer.run(paths: [rules], source: "sigma", into: db) }
        let firstRun = try #require(first?.run)
        #expect(firstRun.scope == "full")
        #expect(firstRun.added > 2000 && firstRun.events == firstRun.added)
        var second: SourceImportReport?
        let secondTime = try clock.measure { second = try importer.run(paths: [rules], source: "sigma", into: db) }
        let secondRun = try #require(second?.run)
        #expect(secondRun.events == 0 && secondRun.removed == 0 && secondRun.unchanged == firstRun.added)
        print("corpus import (no queries, debug build): first \(firstTime), re-import \(secondTime)")
        let perRule = try db.writer.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM (SELECT rule_id FROM rule_event GROUP BY rule_id HAVING count(*) <> 1)")
        }
        #expect(perRule == 0)
        // A sub-folder import of the same source is partial and leaves the rest alone.
        let sub = try importer.run(paths: [shared.appendingPathComponent("corpus/sigma/rules/linux").path], source: "sigma", into: db)
        #expect(sub.run.scope == "partial" && sub.run.events == 0)
    }
}
