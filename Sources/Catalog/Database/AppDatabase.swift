import Foundation
import GRDB

/// The HuntKB catalog: owns the SQLite connection(s), applies the embedded migrations and loads the seed.
///
/// Files are opened as a `DatabasePool` (WAL: readers never block the single writer); tests use an in-memory
/// `DatabaseQueue`. Foreign keys are on (GRDB's default).
public final class AppDatabase: Sendable {
    /// The underlying GRDB writer: only the catalog's own intent methods open transactions on it.
    let writer: any DatabaseWriter
    /// The file path, nil in memory.
    public let path: String?
    /// How long a command waits for another one's lock before giving up (seconds): a weekly import holds the
    /// write lock for its apply step only, so readers and a second writer wait rather than fail.
    static let busyTimeout: TimeInterval = 30
    /// "Now" for everything the catalog stamps (import runs, events, stored queries, test results).
    public let clock: LifecycleClock

    init(writer: any DatabaseWriter, path: String?, clock: LifecycleClock) {
        self.writer = writer
        self.path = path
        self.clock = clock
    }

    /// The migrator for the embedded `migrations/*.sql` files, one GRDB migration per file, in order.
    public static func migrator(upTo last: String? = nil) -> DatabaseMigrator {
        makeMigrator(EmbeddedFiles.migrations, upTo: last)
    }

    /// A migrator over explicit (identifier, SQL) pairs; used by the embedded set and by upgrade tests.
    public static func makeMigrator(_ migrations: [(identifier: String, sql: String)], upTo last: String? = nil) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            let sql = migration.sql
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: sql)
            }
            if migration.identifier == last { break }
        }
        return migrator
    }

    /// Opens (creating, migrating and seeding when missing) the catalog file at `path`.
    ///
    /// Refuses, without changing anything, a file that is not SQLite, another application's SQLite database and a
    /// catalog made by a newer HuntKB.
    ///
    /// Opening, creating and migrating are serialized between processes (see `CatalogOpenLock`), so many commands
    /// started at once on a missing catalog all wait for the first to create it instead of racing its migrations.
    public static func open(path: String, seed: Bool = true, clock: LifecycleClock = .system) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDir)
        if !exists {
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw CatalogError.cannotOpen(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
            }
        }
        return try CatalogOpenLock.holding(folder: url.deletingLastPathComponent().path) {
            try openLocked(path: path, url: url, seed: seed, clock: clock)
        }
    }

    /// Opens the catalog at `path` for a command that only reads.
    ///
    /// A catalog that is already migrated and seeded is read through one read-only connection, without the open
    /// lock: SQLite never writes a byte of the file through it. (A `DatabasePool` writes on every open: it makes
    /// the write-ahead log non-empty with a throwaway table, which the checkpoint at close then copies into the
    /// file.) Anything else (a missing catalog, an older schema, no seed yet) goes through `open(path:)`, which
    /// creates, migrates and seeds it as for any command.
    public static func openForReading(path: String, clock: LifecycleClock = .system) throws -> AppDatabase {
        // A refusal here may only mean another process is creating the catalog this moment (a file with no
        // schema yet looks foreign): `open(path:)` decides again under the open lock, after that process is done.
        if let ready = try? openReadOnlyIfReady(path: path, clock: clock) { return ready }
        return try open(path: path, clock: clock)
    }

    /// The read-only catalog, or nil when `open(path:)` has work to do (or must decide, a directory for one).
    private static func openReadOnlyIfReady(path: String, clock: LifecycleClock) throws -> AppDatabase? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { return nil }
        try checkSQLiteHeader(path: path)
        let inspection = try inspectReadOnly(path: path)
        guard inspection.ready else {
            try? inspection.queue.close()
            return nil
        }
        return AppDatabase(writer: inspection.queue, path: path, clock: clock)
    }

    private static func openLocked(path: String, url: URL, seed: Bool, clock: LifecycleClock) throws -> AppDatabase {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { throw CatalogError.cannotOpen(path: path, reason: "is a directory") }
            try checkSQLiteHeader(path: path)
            try refuseForeignOrNewerSchema(path: path)
        } else {
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw CatalogError.cannotOpen(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
            }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw CatalogError.notADatabase(path: path)
        } catch let error as DatabaseError {
            throw CatalogError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        let database = AppDatabase(writer: pool, path: path, clock: clock)
        try database.prepare(seed: seed)
        return database
    }

    /// A fresh in-memory catalog, migrated and (by default) seeded.
    public static func inMemory(seed: Bool = true, clock: LifecycleClock = .system) throws -> AppDatabase {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        let database = AppDatabase(writer: queue, path: nil, clock: clock)
        try database.prepare(seed: seed)
        return database
    }

    /// Wraps an already-open writer (tests of upgrades), then migrates and seeds it.
    public static func wrapping(_ writer: any DatabaseWriter, seed: Bool = true, clock: LifecycleClock = .system) throws -> AppDatabase {
        let database = AppDatabase(writer: writer, path: nil, clock: clock)
        try database.prepare(seed: seed)
        return database
    }

    private func prepare(seed: Bool) throws {
        let migrator = Self.migrator()
        let label = path ?? ":memory:"
        do {
            let unknown = try writer.read { db in try Self.unknownMigrations(db) }
            if !unknown.isEmpty { throw CatalogError.newerSchema(path: label, unknownMigrations: unknown) }
            try migrator.migrate(writer)
            if seed {
                try writer.write { db in
                    if try Self.meta(db, "seed.loaded") == nil {
                        try SeedLoader.load(db, clock: clock)
                        try Self.setMeta(db, "seed.loaded", LifecycleClock.timestamp(clock.now()))
                    }
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw CatalogError.notADatabase(path: label)
        } catch let error as DatabaseError {
            throw CatalogError.cannotOpen(path: label, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// The value of a `catalog_meta` key.
    public static func meta(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM catalog_meta WHERE key = ?", arguments: [key])
    }

    /// Sets a `catalog_meta` key.
    public static func setMeta(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO catalog_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// Checks a read-only connection first: opening a `DatabasePool` writes (WAL set-up), and another application's
    /// database or a catalog made by a newer HuntKB must be left byte for byte as it was.
    private static func refuseForeignOrNewerSchema(path: String) throws {
        let inspection = try inspectReadOnly(path: path)
        try? inspection.queue.close()
    }

    /// A read-only connection to the file at `path`, once it is known to be neither another application's database
    /// nor a catalog of a newer HuntKB, and whether it is ready for reading (every migration applied, seed loaded).
    private static func inspectReadOnly(path: String) throws -> (queue: DatabaseQueue, ready: Bool) {
        var config = Configuration()
        config.readonly = true
        // Reading a WAL-mode file creates its -wal and -shm companions, which a read-only connection never
        // removes: take away the ones this check made when it refuses the file.
        let companions = ["-wal", "-shm"].map { path + $0 }.filter { !FileManager.default.fileExists(atPath: $0) }
        var refused = true
        defer {
            if refused { for companion in companions { try? FileManager.default.removeItem(atPath: companion) } }
        }
        // Another process may hold the file briefly (a commit, the checkpoint when its last connection closes).
        config.busyMode = .timeout(busyTimeout)
        let queue: DatabaseQueue
        let state: (foreign: Bool, unknown: [String], ready: Bool)
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            do {
                state = try queue.read { db in
                    if try isForeign(db) { return (true, [], false) }
                    let unknown = try unknownMigrations(db)
                    let ready = try unknown.isEmpty && migrator().hasCompletedMigrations(db)
                        && Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM catalog_meta WHERE key = 'seed.loaded')") == true
                    return (false, unknown, ready)
                }
            } catch {
                try? queue.close()
                throw error
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw CatalogError.notADatabase(path: path)
        } catch let error as DatabaseError {
            throw CatalogError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        if state.foreign {
            try? queue.close()
            throw CatalogError.foreignDatabase(path: path)
        }
        if !state.unknown.isEmpty {
            try? queue.close()
            throw CatalogError.newerSchema(path: path, unknownMigrations: state.unknown)
        }
        refused = false
        return (queue, state.ready)
    }

    /// True for a database with tables but no HuntKB catalog: migrating it would write HuntKB's tables into another
    /// application's file. An empty database (a new or zero-length file) is not foreign.
    static func isForeign(_ db: Database) throws -> Bool {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if tables.isEmpty { return false }
        guard tables.contains("grdb_migrations"), let first = EmbeddedFiles.migrations.first?.identifier else { return true }
        let hasCatalog = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM grdb_migrations WHERE identifier = ?)",
                                           arguments: [first]) ?? false
        return !hasCatalog
    }

    /// Applied migrations this binary does not know (empty when the catalog is not newer).
    static func unknownMigrations(_ db: Database) throws -> [String] {
        let migrator = Self.migrator()
        guard try migrator.hasBeenSuperseded(db) else { return [] }
        let known = Set(EmbeddedFiles.migrations.map(\.identifier))
        return try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
    }

    /// A non-empty file whose first 16 bytes are not the SQLite magic is refused before SQLite touches it.
    private static func checkSQLiteHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CatalogError.cannotOpen(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\u{0}".utf8) { throw CatalogError.notADatabase(path: path) }
    }
}
