import Foundation
import GRDB
import SigmaKit

/// Imports written batch by batch inside one transaction, the parse and conversion of one batch overlapping the
/// write of the previous one.
///
/// Planning a 100,000-file run whole held every file's text, model and queries at once (1.3 GB). Here files are
/// read, parsed and converted a batch at a time, so memory is bounded by two batches (and SQLite's page cache,
/// which spills to the WAL), not by the run. The write is serial (one connection); while it writes batch k, batch
/// k+1 is parsed, validated and converted on the other cores, so the cores are not idle during the write.
///
/// Old or new state: every batch is written inside the *one* write transaction of the run, and the history is
/// recorded and the run finished at its end, so a crash or an error mid-way rolls the whole run back, exactly as
/// for a small import. Readers are never blocked (WAL) and another writer waits (busy timeout). Active files are
/// written before `deprecated/` and `unsupported/` ones, so that an active file wins over a deprecated copy of its
/// id whatever batch it falls in; rejections and skips are reported in path order all the same.
extension RuleImporter {
    /// Runs with more files than this are read a batch at a time (the others are read whole first).
    public static let defaultBatchSize = 3_000

    /// Files per batch when a run read whole is written in overlapping batches: small enough that the first
    /// parse and the last write (the parts that cannot overlap) are short.
    static let overlapBatchSize = 256

    /// What a run reads before its first batch when its files were read whole: every file and the validator's
    /// inputs for all of them, as the small import always had.
    struct Preloaded: Sendable {
        var files: [LoadedFile]
    }

    func runBatched(_ inputs: [RuleFileInput], database: AppDatabase, preloaded: Preloaded? = nil,
                    begin: (Database) throws -> ImportRunRecord?,
                    end: (Database, ImportRunRecord?) throws -> Void = { _, _ in }) throws -> (ImportReport, ImportRunRecord?) {
        let keys = try QueryGenerator.keys(targetKeys: targetKeys)
        // Built lazily: an unchanged re-import parses nothing and needs no converter (pipeline tables cost).
        let generator = GeneratorBox(targetKeys: targetKeys)
        let order = inputs.indices.filter { inputs[$0].area == .active } + inputs.indices.filter { inputs[$0].area != .active }
        let overlap = database.writer is DatabasePool
        return try database.writer.write { db in
            try writeBatches(inputs, order: order, preloaded: preloaded, keys: keys, generator: generator,
                             overlap: overlap, db: db, begin: begin, end: end)
        }
    }

    private func writeBatches(_ inputs: [RuleFileInput], order: [Int], preloaded: Preloaded?, keys: [String],
                              generator: GeneratorBox, overlap: Bool, db: Database,
                              begin: (Database) throws -> ImportRunRecord?,
                              end: (Database, ImportRunRecord?) throws -> Void) throws -> (ImportReport, ImportRunRecord?) {
        let size = max(1, preloaded == nil ? batchSize : min(batchSize, Self.overlapBatchSize))
        var run = try begin(db)
        var snapshot = try CatalogSnapshot.read(db, queryKeys: keys)
        // A run read whole validates with every stored version the files may edit (moved files too), read once.
        var wholeValidation: ImportValidation?
        var storedAt: [String: [(id: String, hash: String)]] = [:]
        var attack: AttackKnowledge?
        if let preloaded {
            if Self.needsParse(preloaded.files, snapshot: snapshot).contains(true) {
                wholeValidation = try ImportValidation.load(db, fileHashes: Set(preloaded.files.map(\.hash)))
            } else {
                wholeValidation = ImportValidation.none
            }
        } else {
            attack = try ImportValidation.attackKnowledge(db)
            // Stored rules by the file they were last imported from: the candidates for each batch's
            // `missing-modified` check and history comparison, read once instead of once per batch.
            for row in try Row.fetchAll(db, sql: "SELECT id, content_hash, source_path FROM rule") {
                let path: String = row[2]
                storedAt[path, default: []].append((id: row[0], hash: row[1]))
            }
        }
        // A run that mostly adds to a small catalog (a first import of a large collection) drops the secondary
        // indexes of the tables it fills and builds them again at its end: an index built from sorted keys costs
        // far less than one grown by random inserts once it no longer fits the page cache. Inside the run's
        // transaction, so a crash restores them with the rest.
        let rebuilt = preloaded == nil && inputs.count >= 4 * max(snapshot.hashes.count, 1) ? try SecondaryIndexes.drop(db) : []
        let batches = stride(from: 0, to: order.count, by: size).map { Array(order[$0..<min($0 + size, order.count)]) }

        /// Reads a batch and what its validation needs from the catalog (on this connection), then plans it;
        /// the plan runs on other threads when `overlap`, while this one writes the previous batch.
        func start(_ batch: [Int], snapshot: CatalogSnapshot) throws -> PendingPlan {
            let files = preloaded.map { all in batch.map { all.files[$0] } } ?? load(batch.map { inputs[$0] })
            let needsParse = Self.needsParse(files, snapshot: snapshot)
            var validation = ImportValidation.none
            if needsParse.contains(true) {
                if let wholeValidation {
                    validation = wholeValidation
                } else {
                    let candidates = batch.flatMap { storedAt[inputs[$0].absolutePath] ?? [] }
                    validation = try ImportValidation.load(db, fileHashes: Set(files.map(\.hash)), candidates: candidates, attack: attack)
                }
            }
            let pending = PendingPlan()
            let work: @Sendable () -> Void = { [self, validation] in
                pending.finish(plan(files, snapshot: snapshot, validation: validation, needsParse: needsParse,
                                    generator: generator.generator))
            }
            if overlap { DispatchQueue.global().async(execute: work) } else { work() }
            return pending
        }

        var state = WriteState()
        // A run read whole is small enough to hold all its queries and write them in one key-ordered pass.
        state.defersQueries = preloaded != nil
        var total = ImportReport()
        var next = try batches.first.map { try start($0, snapshot: snapshot) }
        var done = 0
        for (k, batch) in batches.enumerated() {
            guard let pending = next else { break }
            let planned = try pending.wait()
            try generator.check()
            // Planned against the snapshot before the previous batch was written: its unparsed files keep the
            // ids their bytes had then; whether a row exists now comes from the current snapshot.
            var plan = planned
            let storedByHash = plan.snapshot.storedByHash
            plan.snapshot = snapshot
            plan.snapshot.storedByHash = storedByHash
            next = k + 1 < batches.count ? try start(batches[k + 1], snapshot: snapshot) : nil
            var writer = self
            if let progress {
                let before = done, count = order.count
                writer.progress = { n, _ in progress(before + n, count) }
            }
            let report = try writer.write(plan, state: &state, db: db)
            done += batch.count
            for change in report.changes {
                switch change {
                case .added(let record): snapshot.stored(id: record.id, hash: record.contentHash)
                case .updated(_, let record): snapshot.stored(id: record.id, hash: record.contentHash)
                case .unchanged: break
                }
            }
            total.merge(report, slim: state.diffs)
        }
        // Reported in the order of the paths, not of the writes (active files first).
        let rank = Dictionary(inputs.enumerated().map { ($1.displayPath, $0) }, uniquingKeysWith: { first, _ in first })
        total.rejections = Self.stableSorted(total.rejections) { rank[$0.path] ?? Int.max }
        total.skipped = Self.stableSorted(total.skipped) { rank[$0.path] ?? Int.max }
        try state.flushQueries(db)
        try finish(state: state, report: total, snapshot: snapshot, sourcePaths: inputs.map(\.absolutePath), run: &run, db: db)
        try SecondaryIndexes.create(rebuilt, db)
        try end(db, run)
        return (total, run)
    }

    static func stableSorted<T>(_ items: [T], by key: (T) -> Int) -> [T] {
        items.enumerated().sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }.map(\.element)
    }
}

/// A batch's plan, made on other threads and waited for by the writer.
final class PendingPlan: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var plan: RuleImporter.ImportPlan?

    func finish(_ plan: RuleImporter.ImportPlan) {
        self.plan = plan
        done.signal()
    }

    func wait() throws -> RuleImporter.ImportPlan {
        done.wait()
        return plan!
    }
}

/// The run's query generator, built on first use (by whichever thread plans first) and shared after.
final class GeneratorBox: @unchecked Sendable {
    private let lock = NSLock()
    private let targetKeys: [String]
    private var built: QueryGenerator?
    private var failure: (any Error)?

    init(targetKeys: [String]) { self.targetKeys = targetKeys }

    var generator: QueryGenerator {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        do {
            built = try QueryGenerator(buildingInParallel: targetKeys)
        } catch {
            // Rethrown by the writer (`check`), which rolls the run back.
            failure = error
            built = QueryGenerator.none
        }
        return built!
    }

    func check() throws {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
    }
}

extension QueryGenerator {
    /// Generates nothing (no target configured, or nothing to parse).
    static let none = try! QueryGenerator(targetKeys: [])
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
