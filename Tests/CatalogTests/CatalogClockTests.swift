@testable import Catalog
import Foundation
import GRDB
import Testing

/// The catalog's one clock: injected by the caller, never read from the environment.
@Suite struct CatalogClockTests {
    static let fixed = LifecycleClock(overriding: "2021-03-04T05:06:07Z")

    @Test func aClockOverrideIsADayOrATimestamp() throws {
        #expect(LifecycleClock(overriding: "2021-03-04").fixedNow == LifecycleClock.parse("2021-03-04T00:00:00Z"))
        #expect(LifecycleClock.timestamp(try #require(Self.fixed.fixedNow)) == "2021-03-04T05:06:07Z")
        #expect(LifecycleClock(overriding: "next tuesday") == .system)
        #expect(LifecycleClock(overriding: nil) == .system)
        #expect(LifecycleClock.system.fixedNow == nil)
    }

    @Test func everythingTheCatalogStampsUsesItsClock() throws {
        let db = try AppDatabase.inMemory(clock: Self.fixed)
        // The seed: its import run, the catalog's seed mark, imported_at.
        try db.writer.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT started_at FROM import_run") == ["2021-03-04T05:06:07Z"])
            #expect(try AppDatabase.meta(db, "seed.loaded") == "2021-03-04T05:06:07Z")
            #expect(try String.fetchOne(db, sql: "SELECT imported_at FROM rule WHERE id = ?", arguments: [Fixtures.cronID]) == "2021-03-04T05:06:07Z")
        }
        let (event, _) = try db.setLocalStatus(idOrPrefix: Fixtures.cronID, status: "deployed", note: nil)
        #expect(event?.at == "2021-03-04T05:06:07Z")
    }

    @Test func anImporterRunIsStampedWithItsClock() throws {
        let db = try AppDatabase.inMemory(clock: Self.fixed)
        let dir = try Fixtures.tempDir()
        _ = try Fixtures.write(["r/a.yml": Fixtures.rule(id: Fixtures.id(1), title: "A")], in: dir)
        var importer = RuleImporter()
        importer.clock = db.clock
        importer.targetKeys = []
        let run = try importer.run(paths: [dir.path], source: "team", into: db).run
        #expect(run.startedAt == "2021-03-04T05:06:07Z" && run.finishedAt == "2021-03-04T05:06:07Z")
    }

    @Test func errorCategoriesFollowTheDocumentedMeaning() {
        #expect(CatalogError.invalidFilter("x").category == .usage)
        #expect(CatalogError.malformedSearchText(text: "a(", reason: "syntax").category == .usage)
        for fatal: CatalogError in [.notADatabase(path: "p"), .foreignDatabase(path: "p"), .newerSchema(path: "p", unknownMigrations: []),
                                    .cannotOpen(path: "p", reason: "r"), .ruleNotFound("x"), .ambiguousRuleID(prefix: "a", candidates: []),
                                    .invalidAttackBundle(path: "p", reason: "r"), .attackNotFound("T0"), .missingFile(path: "p"),
                                    .otherAttackDomain(path: "p", domain: "ics")] {
            #expect(fatal.category == .fatal, "\(fatal)")
        }
        #expect(LifecycleError.invalidOption("x").category == .usage)
        #expect(LifecycleError.noImportRun("x").category == .fatal)
        #expect(LifecycleError.unknownSource("x").category == .fatal)
        #expect(GuideStoreError.noteNotFound("x").category == .fatal)
    }
}
