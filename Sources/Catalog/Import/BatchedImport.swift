import Foundation
import GRDB
import SigmaKit

/// Large imports, written batch by batch inside one transaction.
///
/// Planning a 100,000-file run whole held every file's text, model and queries at once (1.3 GB). Here files are
/// read, parsed and converted a batch at a time, and each batch is written before the next is read, so memory is
/// bounded by the batch (and SQLite's page cache, which spills to the WAL), not by the run.
///
/// Old or new state: every batch is written inside the *one* write transaction of the run, and the history is
/// recorded and the run finished at its end, so a crash or an error mid-way rolls the whole run back, exactly as
/// for a small import. The cost is that the write lock is held while the later batches are parsed; readers are
/// never blocked (WAL) and another writer waits (busy timeout). The batches' ordering differs from a small run's
/// in one way: active files are written before `deprecated/` and `unsupported/` ones, so that an active file wins
/// over a deprecated copy of its id whatever batch it falls in.
extension RuleImporter {
    /// Runs with more files than this are written in batches of this many files.
    public static let defaultBatchSize = 3_000

    func runBatched(_ inputs: [RuleFileInput], database: AppDatabase, begin: (Database) throws -> ImportRunRecord?,
                    end: (Database, ImportRunRecord?) throws -> Void = { _, _ in }) throws -> (ImportReport, ImportRunRecord?) {
        let keys = try QueryGenerator.keys(targetKeys: targetKeys)
        let generator = try QueryGenerator(targetKeys: targetKeys)
        let ordered = inputs.filter { $0.area == .active } + inputs.filter { $0.area != .active }
        return try database.writer.write { db in
            try writeBatches(ordered, keys: keys, generator: generator, db: db, begin: begin, end: end)
        }
    }

    private func writeBatches(_ ordered: [RuleFileInput], keys: [String], generator: QueryGenerator, db: Database,
                              begin: (Database) throws -> ImportRunRecord?,
                              end: (Database, ImportRunRecord?) throws -> Void) throws -> (ImportReport, ImportRunRecord?) {
        let size = max(1, batchSize)
        var run = try begin(db)
        var snapshot = try CatalogSnapshot.read(db, queryKeys: keys)
        let attack = try ImportValidation.attackKnowledge(db)
        // Stored rules by the file they were last imported from: the candidates for each batch's
        // `missing-modified` check and history comparison, read once instead of once per batch.
        var storedAt: [String: [(id: String, hash: String)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, content_hash, source_path FROM rule") {
            let path: String = row[2]
            storedAt[path, default: []].append((id: row[0], hash: row[1]))
        }
        // A run that mostly adds to a small catalog (a first import of a large collection) drops the secondary
        // indexes of the tables it fills and builds them again at its end: an index built from sorted keys costs
        // far less than one grown by random inserts once it no longer fits the page cache. Inside the run's
        // transaction, so a crash restores them with the rest.
        let rebuilt = ordered.count >= 4 * max(snapshot.hashes.count, 1) ? try SecondaryIndexes.drop(db) : []
        var state = WriteState()
        var total = ImportReport()
        for start in stride(from: 0, to: ordered.count, by: size) {
            let batch = Array(ordered[start..<min(start + size, ordered.count)])
            let files = load(batch)
            let needsParse = Self.needsParse(files, snapshot: snapshot)
            var validation = ImportValidation.none
            if needsParse.contains(true) {
                let candidates = batch.flatMap { storedAt[$0.absolutePath] ?? [] }
                validation = try ImportValidation.load(db, fileHashes: Set(files.map(\.hash)), candidates: candidates, attack: attack)
            }
            let plan = plan(files, snapshot: snapshot, validation: validation, needsParse: needsParse, generator: generator)
            var writer = self
            if let progress {
                let done = start, count = ordered.count
                writer.progress = { n, _ in progress(done + n, count) }
            }
            let report = try writer.write(plan, state: &state, db: db)
            for change in report.changes {
                switch change {
                case .added(let record): snapshot.stored(id: record.id, hash: record.contentHash)
                case .updated(_, let record): snapshot.stored(id: record.id, hash: record.contentHash)
                case .unchanged: break
                }
            }
            total.merge(report, slim: state.diffs)
        }
        try finish(state: state, report: total, snapshot: snapshot, sourcePaths: ordered.map(\.absolutePath), run: &run, db: db)
        try SecondaryIndexes.create(rebuilt, db)
        try end(db, run)
        return (total, run)
    }
}

extension ImportReport {
    /// Adds one batch's outcome. Rows kept for the history lose their text (the YAML, description and JSON
    /// columns the history never reads), except an update with no comparison made while planning, whose
    /// history compares the two rows' YAML.
    mutating func merge(_ batch: ImportReport, slim diffs: [String: RuleImporter.PreparedDiff]) {
        files += batch.files
        imported += batch.imported
        updated += batch.updated
        unchanged += batch.unchanged
        rejections += batch.rejections
        skipped += batch.skipped
        warnings += batch.warnings
        changes.reserveCapacity(changes.count + batch.changes.count)
        for change in batch.changes {
            switch change {
            case .added(let record): changes.append(.added(record.slim))
            case .updated(let previous, let current) where diffs[current.id] != nil:
                changes.append(.updated(previous: previous.slim, current: current.slim))
            default: changes.append(change)
            }
        }
    }
}

extension RuleRecord {
    /// The columns the history reads (id, kind, title, status, level, dates, hash, path), nothing else.
    var slim: RuleRecord {
        var copy = self
        copy.yaml = ""
        copy.description = nil
        copy.author = nil
        copy.fields = "[]"
        copy.scope = "[]"
        copy.custom = "{}"
        copy.logsourceCustom = "{}"
        return copy
    }
}

/// The non-unique indexes of the tables an import fills, dropped and rebuilt around a large first import.
enum SecondaryIndexes {
    static let tables = ["rule", "rule_tag", "rule_related", "rule_query", "rule_warning", "rule_lifecycle", "rule_event"]

    /// Drops them and returns their `CREATE INDEX` statements.
    static func drop(_ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(RuleSearch.placeholders(tables.count)))
            ORDER BY name
            """, arguments: StatementArguments(tables))
        var statements: [String] = []
        for row in rows {
            let name: String = row[0], sql: String = row[1]
            // A unique index is a constraint the import relies on: never dropped.
            if sql.uppercased().hasPrefix("CREATE UNIQUE") { continue }
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            statements.append(sql)
        }
        return statements
    }

    static func create(_ statements: [String], _ db: Database) throws {
        for sql in statements { try db.execute(sql: sql) }
    }
}
