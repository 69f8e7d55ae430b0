@testable import Catalog
import Foundation
import GRDB
import Testing

@Suite struct AppDatabaseTests {
    @Test func freshCatalogIsMigratedAndSeeded() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.read { (db: Database) throws in
            let applied = try AppDatabase.migrator().appliedIdentifiers(db)
            #expect(applied == Set(EmbeddedFiles.migrations.map(\.identifier)))
            #expect(applied.contains("0001_catalog"))
            #expect(try db.tableExists("rule") && db.tableExists("rule_fts") && db.tableExists("attack_technique"))
            #expect(try AttackStore.displayName(db, id: "T1053.003") == "Scheduled Task/Job: Cron")
            #expect(try AttackStore.version(db) == "18.1")
            #expect(try AttackTacticRecord.fetchCount(db) == 14)
            #expect(try RuleRecord.fetchOne(db, key: Fixtures.cronID)?.title == "Scheduled Cron Task/Job - Linux")
            #expect(try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true)
        }
    }

    @Test func migrationsAreEmbeddedInOrder() {
        let ids = EmbeddedFiles.migrations.map(\.identifier)
        #expect(ids.first == "0001_catalog")
        // Numbered from 0001 without gaps, in application order: the order of the files, not of a sort.
        #expect(ids.map { String($0.prefix(4)) } == (1...ids.count).map { String(format: "%04d", $0) })
        #expect(EmbeddedFiles.seed.contains { $0.path == "seed/rules/proc_creation_lnx_schedule_task_job_cron.yml" })
    }

    @Test func seedRuleIsByteForByteTheSigmaHQRule() throws {
        let seed = try #require(EmbeddedFiles.seed.first { $0.path.hasSuffix("proc_creation_lnx_schedule_task_job_cron.yml") })
        let db = try AppDatabase.inMemory()
        #expect(try db.rule(idOrPrefix: Fixtures.cronID).yaml == seed.text)
    }

    @Test(.enabled(if: Fixtures.sharedRoot != nil, "../shared is absent"))
    func seedRuleEqualsTheCorpusFile() throws {
        let seed = try #require(EmbeddedFiles.seed.first { $0.path.hasSuffix("proc_creation_lnx_schedule_task_job_cron.yml") })
        let shared = try #require(Fixtures.sharedRoot)
        let original = try String(contentsOf: shared.appendingPathComponent(
            "corpus/sigma/rules/linux/process_creation/proc_creation_lnx_schedule_task_job_cron.yml"), encoding: .utf8)
        #expect(seed.text == original)
    }

    @Test func upgradeFromFirstSchemaKeepsData() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator(upTo: "0001_catalog").migrate(queue)
        try queue.write { (db: Database) throws in
            // The 0001 schema has no query table: import rules only.
            var importer = RuleImporter()
            importer.targetKeys = []
            _ = try importer.importTexts([(path: "a.yml", text: Fixtures.rule(id: Fixtures.id(1), title: "Kept"))], db: db)
        }
        let db = try AppDatabase.wrapping(queue)
        try db.writer.read { (db: Database) throws in
            #expect(try AppDatabase.migrator().hasCompletedMigrations(db))
            #expect(try RuleRecord.fetchOne(db, key: Fixtures.id(1))?.title == "Kept")
            #expect(try db.tableExists("rule_query"))
        }
        // After the upgrade, queries of the old rule are generated on demand.
        #expect(try QueryStore.refresh(db, targetKeys: ["splunk"]).generated == 1)
    }

    @Test func refusesCatalogFromNewerHuntKBWithoutChangingIt() throws {
        let dir = try Fixtures.tempDir()
        let path = dir.appendingPathComponent("kb.sqlite").path
        _ = try AppDatabase.open(path: path)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('9999_from_the_future')") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: CatalogError.newerSchema(path: path, unknownMigrations: ["9999_from_the_future"])) {
            _ = try AppDatabase.open(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(CatalogError.newerSchema(path: path, unknownMigrations: ["9999_x"]).description.contains("newer HuntKB"))
    }

    @Test func refusesFileThatIsNotSQLiteWithoutTouchingIt() throws {
        let dir = try Fixtures.tempDir()
        let path = dir.appendingPathComponent("notes.sqlite").path
        let text = "these are my notes, not a database\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CatalogError.notADatabase(path: path)) { _ = try AppDatabase.open(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.sqlite"])
    }

    @Test func refusesAnotherApplicationsDatabaseWithoutChangingIt() throws {
        let dir = try Fixtures.tempDir()
        let path = dir.appendingPathComponent("app.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: "CREATE TABLE invoice(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoice VALUES (1, 9.5)") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: CatalogError.foreignDatabase(path: path)) { _ = try AppDatabase.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["app.sqlite"])
        // A GRDB database of another application (its own migrations, none of HuntKB's) is foreign too.
        let other = dir.appendingPathComponent("grdb-app.sqlite").path
        do {
            let queue = try DatabaseQueue(path: other)
            try queue.write { try $0.execute(sql: "CREATE TABLE grdb_migrations(identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1')") }
        }
        #expect(throws: CatalogError.foreignDatabase(path: other)) { _ = try AppDatabase.open(path: other) }
    }

    @Test func opensEmptyFileAsNewCatalog() throws {
        let dir = try Fixtures.tempDir()
        let path = dir.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let db = try AppDatabase.open(path: path)
        #expect(try db.writer.read { try RuleRecord.fetchCount($0) } == 1)
    }

    @Test func opensFileCreatingFoldersWithWAL() throws {
        let dir = try Fixtures.tempDir()
        let path = dir.appendingPathComponent("a/b/c/kb.sqlite").path
        let db = try AppDatabase.open(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let mode = try db.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // Reopening neither re-seeds nor duplicates anything.
        let again = try AppDatabase.open(path: path)
        #expect(try again.writer.read { try RuleRecord.fetchCount($0) } == 1)
    }

    @Test func locationResolution() {
        #expect(DatabaseLocation.resolve(explicit: "/x/y.sqlite", environment: ["HUNTKB_DB": "/env.sqlite"]) == "/x/y.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["HUNTKB_DB": "/env.sqlite", "XDG_DATA_HOME": "/xdg"]) == "/env.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/u"]) == "/xdg/huntkb/huntkb.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["HOME": "/home/u"]) == "/home/u/.local/share/huntkb/huntkb.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "", "HUNTKB_DB": "", "HOME": "/h"]) == "/h/.local/share/huntkb/huntkb.sqlite")
        #expect(DatabaseLocation.resolve(explicit: "~/kb.sqlite", environment: ["HOME": "/h"]) == "/h/kb.sqlite")
    }
}
