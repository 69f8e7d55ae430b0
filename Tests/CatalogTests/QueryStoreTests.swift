@testable import Catalog
import Foundation
import GRDB
import Testing

@Suite struct QueryStoreTests {
    static let seedKQL = """
        imProcessCreate
        | where TargetProcessName endswith "crontab" and TargetProcessCommandLine contains "/tmp/"
        """

    @Test func seedRuleQueryIsGeneratedAndEqualsTheSeedKQL() throws {
        let db = try AppDatabase.inMemory()
        let queries = try db.writer.read { try QueryStore.queries($0, ruleID: Fixtures.cronID) }
        #expect(queries.map(\.key) == QueryGenerator.allTargetKeys)
        let asim = try #require(queries.first { $0.key == "kusto/sentinel_asim" })
        #expect(asim.query == Self.seedKQL)
        #expect(asim.generatorVersion == QueryGenerator.generatorVersion)
        #expect(!asim.stale && asim.error == nil)
    }

    @Test func importStoresOnlyConfiguredTargetsAndFillsNewOnesLater() throws {
        let dir = try Fixtures.tempDir()
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A")], in: dir)
        let db = try AppDatabase.inMemory(seed: false)
        var importer = RuleImporter()
        importer.targetKeys = ["splunk"]
        _ = try importer.run(paths: [dir.path], into: db)
        #expect(try db.writer.read { try QueryStore.queries($0, ruleID: Fixtures.id(1)) }.map(\.key) == ["splunk"])
        let firstStamp = try db.writer.read { try String.fetchOne($0, sql: "SELECT generated_at FROM rule_query") }

        // Unchanged file, one more target: the rule stays unchanged, only the missing query is added.
        importer.targetKeys = ["splunk", "lucene"]
        let again = try importer.run(paths: [dir.path], into: db)
        #expect(again.summary == "imported 0, updated 0, unchanged 1, rejected 0")
        let queries = try db.writer.read { try QueryStore.queries($0, ruleID: Fixtures.id(1)) }
        #expect(queries.map(\.key) == ["splunk", "lucene"])
        #expect(queries.first?.generatedAt == firstStamp)
        #expect(queries.first?.query == #"Image="*/crontab""#)

        importer.targetKeys = []
        try Fixtures.write(["a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A", selection: "Image|endswith: '/at'")], in: dir)
        _ = try importer.run(paths: [dir.path], into: db)
        // The rule changed and no target was asked for: the old queries are kept but now stale.
        let stale = try db.writer.read { try QueryStore.queries($0, ruleID: Fixtures.id(1)) }
        #expect(stale.filter { !$0.stale }.isEmpty && stale.count == 2)
        let report = try QueryStore.refresh(db, targetKeys: ["splunk", "lucene"])
        #expect(report.generated == 2 && report.upToDate == 0)
        let refreshed = try db.writer.read { try QueryStore.queries($0, ruleID: Fixtures.id(1)) }
        #expect(refreshed.map(\.query) == [#"Image="*/at""#, "Image:*\\/at"])
        #expect(refreshed.filter(\.stale).isEmpty)
        #expect(try QueryStore.refresh(db, targetKeys: ["splunk", "lucene"]).summary == "regenerated 0 (0 failed to convert), up to date 2, rules 1")
    }

    @Test func newerGeneratorMakesQueriesStaleAndRefreshRegenerates() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { try $0.execute(sql: "UPDATE rule_query SET generator_version = 'huntkb-convert/0', query = 'old'") }
        let old = try db.writer.read { try QueryStore.queries($0, ruleID: Fixtures.cronID) }
        #expect(old.filter { !$0.stale }.isEmpty && old.count == QueryGenerator.allTargetKeys.count)
        let report = try QueryStore.refresh(db)
        #expect(report.generated == QueryGenerator.allTargetKeys.count && report.failed == 0)
        let asim = try db.writer.read { try QueryStore.queries($0, ruleIDs: [Fixtures.cronID], targetKey: "kusto/sentinel_asim") }
        #expect(asim.first?.query == Self.seedKQL)
    }

    @Test func conversionFailuresAreStoredAsErrors() throws {
        let rule = Fixtures.rule(id: Fixtures.id(2), title: "Unmapped", product: "nosuchproduct", category: "nosuchcategory")
        let (db, report) = try Fixtures.catalog([("u.yml", rule)], seed: false)
        #expect(report.imported == 1)
        let queries = try db.writer.read { try QueryStore.queries($0, ruleID: Fixtures.id(2)) }
        let asim = try #require(queries.first { $0.key == "kusto/sentinel_asim" })
        #expect(asim.query == nil)
        #expect(asim.errorKind != nil && !(asim.error ?? "").isEmpty)
        #expect(queries.first { $0.key == "splunk" }?.query != nil)
    }

    @Test func exportFollowsTheGivenRuleOrderAndSkipsMissing() throws {
        let (db, _) = try Fixtures.catalog([("a.yml", Fixtures.rule(id: Fixtures.id(1), title: "A")),
                                           ("b.yml", Fixtures.rule(id: Fixtures.id(2), title: "B"))])
        let ids = [Fixtures.id(2), "missing", Fixtures.id(1)]
        let queries = try db.writer.read { try QueryStore.queries($0, ruleIDs: ids, targetKey: "splunk") }
        #expect(queries.map(\.ruleId) == [Fixtures.id(2), Fixtures.id(1)])
    }

    @Test func unknownTargetIsAnError() {
        #expect(throws: CatalogError.self) { _ = try QueryGenerator(targetKeys: ["kusto/nope"]) }
        var importer = RuleImporter()
        importer.targetKeys = ["sql"]
        #expect(throws: CatalogError.self) { _ = try importer.run(paths: [], into: try AppDatabase.inMemory(seed: false)) }
    }
}
