import Foundation
import GRDB
import SigmaKit

/// Imports Sigma rule files into the catalog.
///
/// One transaction per run: a rejected file is skipped and reported, every other file is committed together;
/// a crash or fatal error mid-way leaves the previous catalog intact. Each file is written inside its own
/// savepoint, so the catalog never holds half a rule (or half of a multi-document file).
///
/// Work is split so the write lock is held briefly: files are read and hashed in parallel first; inside the
/// transaction, files whose SHA-256 is already stored are counted unchanged without parsing; the others are
/// parsed and turned into rows in parallel, then written in file order.
public struct RuleImporter: Sendable {
    /// Files larger than this are rejected before parsing (the largest SigmaHQ rule is about 300 KB).
    public var maxFileSize = SigmaLimits.maxFileBytes
    /// Called with (files done, files total) while writing; the CLI shows it on a terminal.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// The clock of `imported_at` and of the import runs (the CLI injects the one it read `HUNTKB_NOW` into).
    public var clock: LifecycleClock = .system
    /// Query targets generated and stored for every imported rule (keys of `Converter.targets`).
    public var targetKeys: [String] = QueryGenerator.allTargetKeys
    /// Runs of more files than this are written in batches of this many (see `runBatched`).
    public var batchSize = RuleImporter.defaultBatchSize

    /// Bumped when the rows built from an unchanged file would differ (new columns, new normalization):
    /// the hash fast path is then skipped once so every row is rebuilt and compared.
    /// "2": validator warnings are stored (`rule_warning`), so every file is validated once more.
    /// "3": rows no longer carry copies of the detection (`detection_json`, `detection_text`): unchanged rules drop theirs.
    static let rowFormat = "3"

    /// The writer's page cache while applying a plan, in KiB.
    static let importCacheKiB = 65_536

    public init() {}

    /// Imports files and folders (recursively, `*.yml` / `*.yaml`).
    ///
    /// A path that names nothing throws `MissingRulePath` before the catalog is touched.
    public func run(paths: [String], into database: AppDatabase) throws -> ImportReport {
        let (inputs, missing) = RuleFileCollector.collect(paths)
        if let first = missing.first { throw first }
        if inputs.count > batchSize {
            return try runBatched(inputs, database: database, begin: { _ in nil }).0
        }
        let plan = try prepare(load(inputs), database: database)
        return try database.writer.write { db in
            var run: ImportRunRecord?
            return try apply(plan, run: &run, db: db)
        }
    }

    /// Imports in-memory texts (seed files, tests) inside the caller's transaction.
    public func importTexts(_ files: [(path: String, text: String)], db: Database) throws -> ImportReport {
        let loaded = files.map { file in
            LoadedFile(input: RuleFileInput(displayPath: file.path, absolutePath: file.path),
                       hash: SHA256.hex(text: file.text), text: file.text, rejection: nil)
        }
        return try importLoaded(loaded, db: db)
    }

    // MARK: - Reading

    struct LoadedFile: Sendable {
        var input: RuleFileInput
        var hash: String
        /// nil when the bytes are not UTF-8 (the parser then explains why).
        var text: String?
        var rejection: ImportRejection?
    }

    func load(_ inputs: [RuleFileInput]) -> [LoadedFile] {
        let limit = maxFileSize
        return parallelMap(inputs) { input in
            let path = input.absolutePath
            // stat(2), not `attributesOfItem`: that also lists extended attributes, a syscall per file for nothing.
            var info = stat()
            let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
            if size > limit {
                let mb = { (n: Int) in String(format: "%.1f MB", Double(n) / 1_048_576) }
                return LoadedFile(input: input, hash: "", text: nil,
                                  rejection: ImportRejection(path: input.displayPath, message: "file is too large (\(mb(size)); the limit is \(mb(limit)))"))
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                return LoadedFile(input: input, hash: "", text: nil,
                                  rejection: ImportRejection(path: input.displayPath, message: "cannot read the file (permission denied or not a regular file)"))
            }
            let hash = SHA256.hex(data)
            let text = String(data: data, encoding: .utf8)
            return LoadedFile(input: input, hash: hash, text: text, rejection: nil)
        }
    }

    // MARK: - Parsing

    enum ParsedFile: Sendable {
        case rules([PreparedRule])
        case rejected(ImportRejection)
        /// Found in a folder walk and not a Sigma document (settings, test metadata): skipped, not rejected.
        case notSigma
    }

    /// `generator` is asked for only when a rule is to be converted: building the converters costs (pipeline
    /// tables), and a run whose only parsed files are rejected or not Sigma needs none.
    static func parse(_ file: LoadedFile, generator: @autoclosure @Sendable () -> QueryGenerator,
                      validation: ImportValidation = .none) -> ParsedFile {
        if let rejection = file.rejection { return .rejected(rejection) }
        let display = file.input.displayPath
        let sigma: SigmaFile
        if let text = file.text {
            // Warnings come from the import's own validator (with the catalog's ATT&CK) below.
            sigma = SigmaParser.parseWithoutWarnings(text: text, path: display)
        } else {
            // Not UTF-8: let SigmaKit produce its diagnostic for the raw file.
            sigma = SigmaParser.parseFile(atPath: file.input.absolutePath)
            if sigma.errors.isEmpty {
                return .rejected(ImportRejection(path: display, message: "file is not valid UTF-8"))
            }
        }
        let errors = sigma.errors
        if file.input.foundInFolder, ImportSkipRules.isNotSigma(sigma) { return .notSigma }
        if let first = errors.first {
            return .rejected(ImportRejection(path: display, diagnostic: first, moreErrors: errors.count - 1))
        }
        if sigma.documents.isEmpty {
            return .rejected(ImportRejection(path: display, message: "no Sigma rule in the file"))
        }
        if var collection = legacyCollection(sigma, file: file, generator: generator()) {
            collection.warnings = validation.validator(for: sigma, previous: [:]).warnings(for: sigma)
            return .rules([collection])
        }
        let previous = validation.previousVersions(of: sigma)
        let warnings = ImportValidation.warningsByDocument(sigma, validator: validation.validator(for: sigma, previous: previous))
        var rules: [PreparedRule] = []
        for (n, document) in sigma.documents.enumerated() {
            do {
                var prepared = try RuleRowBuilder.prepare(document, yaml: file.text ?? sigma.text, hash: file.hash,
                                                          sourcePath: file.input.absolutePath)
                if case .rule(let rule) = document, case let converters = generator(), !converters.isEmpty {
                    prepared.queries = converters.generate(rule, filters: QueryGenerator.filters(in: sigma.documents, for: rule))
                }
                prepared.warnings = n < warnings.count ? warnings[n] : []
                if let stored = previous[prepared.record.id], stored.hash != file.hash {
                    // The history's comparison with the stored version, made here on all cores.
                    prepared.diff = PreparedDiff(previousHash: stored.hash, currentHash: file.hash,
                                                 diff: RuleDiff.compare(old: RuleDiff.document(id: prepared.record.id, in: stored.file),
                                                                        new: document))
                }
                rules.append(prepared)
            } catch let rejection as RuleRowBuilder.Rejection {
                return .rejected(ImportRejection(path: display, line: rejection.position?.line ?? 1,
                                                 column: rejection.position?.column ?? 1, message: rejection.message))
            } catch {
                return .rejected(ImportRejection(path: display, message: "\(error)"))
            }
        }
        return .rules(rules)
    }

    /// A legacy collection (`action: global` and several documents that all become rules with one id, as pySigma
    /// reads them) is one catalog rule: metadata of the first document, detection text of all, and queries of
    /// the whole file (one query per document, joined with newlines, like `convert` of the file).
    static func legacyCollection(_ sigma: SigmaFile, file: LoadedFile, generator: @autoclosure () -> QueryGenerator) -> PreparedRule? {
        let rules = sigma.rules
        guard rules.count > 1, rules.count == sigma.documents.count,
              let id = rules[0].id?.lowercased(), rules.allSatisfy({ $0.id?.lowercased() == id }),
              var prepared = try? RuleRowBuilder.prepare(.rule(rules[0]), yaml: file.text ?? sigma.text, hash: file.hash,
                                                         sourcePath: file.input.absolutePath) else { return nil }
        prepared.ftsDetection = rules.map { RuleRowBuilder.detectionText($0.detection) }.joined(separator: "\n")
        let converters = generator()
        if !converters.isEmpty { prepared.queries = converters.generate(file: sigma) }
        return prepared
    }

    // MARK: - Planning

    /// What a plan was computed from; `apply` checks that the catalog still holds exactly this before writing.
    struct CatalogSnapshot: Sendable, Equatable {
        var attackFingerprint: String
        /// Unchanged bytes may be counted unchanged without parsing (same row format, same ATT&CK catalog).
        var fastPath: Bool
        /// Every stored rule's content hash, by id.
        var hashes: [String: String]
        /// The target keys queries are stored for in this run (empty: none configured).
        var queryKeys: [String]
        /// Rules whose stored query is up to date for every one of `queryKeys`.
        var completeQueries: Set<String>
        /// For the other rules that have some, the keys whose stored query is up to date.
        var partialQueries: [String: Set<String>]

        static func read(_ db: Database, queryKeys: [String]) throws -> CatalogSnapshot {
            // Stored warnings depend on the ATT&CK catalog: after `huntkb attack import` every file is parsed once more.
            let attackFingerprint = try ImportValidation.attackFingerprint(db)
            let fastPath = try AppDatabase.meta(db, "import.rowFormat") == RuleImporter.rowFormat
                && AppDatabase.meta(db, "import.attackFingerprint") == attackFingerprint
            var hashes: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, content_hash FROM rule")
            while let row = try rows.next() { hashes[row[0]] = row[1] }
            let (complete, partial) = try QueryStore.freshness(db, keys: queryKeys)
            return CatalogSnapshot(attackFingerprint: attackFingerprint, fastPath: fastPath, hashes: hashes,
                                   queryKeys: queryKeys, completeQueries: complete, partialQueries: partial,
                                   storedByHash: byHash(hashes, fastPath: fastPath))
        }

        /// The target keys whose stored query of rule `id` is up to date.
        func freshKeys(of id: String) -> Set<String> {
            completeQueries.contains(id) ? Set(queryKeys) : partialQueries[id] ?? []
        }

        /// Hash → ids already stored, for the no-parse fast path (empty when it is off); kept with `hashes`.
        var storedByHash: [String: [String]] = [:]

        static func byHash(_ hashes: [String: String], fastPath: Bool) -> [String: [String]] {
            guard fastPath else { return [:] }
            var out: [String: [String]] = [:]
            for (id, hash) in hashes { out[hash, default: []].append(id) }
            for key in out.keys { out[key]!.sort() }
            return out
        }

        /// Notes a rule written by an earlier batch of the same run.
        mutating func stored(id: String, hash: String) {
            if let old = hashes[id], fastPath { storedByHash[old]?.removeAll { $0 == id } }
            hashes[id] = hash
            if fastPath { storedByHash[hash, default: []].append(id) }
        }
    }

    /// Everything an import computes before it writes: parsed, validated and converted rows with their history
    /// comparisons. Only `apply` touches the catalog with it.
    struct ImportPlan: Sendable {
        var files: [LoadedFile]
        var snapshot: CatalogSnapshot
        /// nil: the file's bytes are stored already and need no parse.
        var parsed: [ParsedFile?]
        /// The writer connection's change counters when the snapshot was read (nil: read elsewhere).
        var token: ChangeToken?
    }

    /// A history comparison made while planning, valid for exactly these two versions.
    struct PreparedDiff: Sendable {
        var previousHash: String
        var currentHash: String
        var diff: RuleDiff
    }

    /// Reads what the plan depends on in one short read transaction, then parses, validates, converts and
    /// compares on all cores with no transaction open.
    func prepare(_ files: [LoadedFile], database: AppDatabase) throws -> ImportPlan {
        let keys = try QueryGenerator.keys(targetKeys: targetKeys)
        // Read on the writer's own connection, so `apply` can tell from its change counters that nothing was
        // committed in between and skip reading the snapshot a second time.
        let (snapshot, validation, token) = try database.writer.writeWithoutTransaction { db in
            var result: (CatalogSnapshot, ImportValidation, ChangeToken)?
            try db.inTransaction(.deferred) {
                let snapshot = try CatalogSnapshot.read(db, queryKeys: keys)
                let needsParse = Self.needsParse(files, snapshot: snapshot)
                result = (snapshot, needsParse.contains(true) ? try ImportValidation.load(db, fileHashes: Set(files.map(\.hash))) : ImportValidation.none,
                          try ChangeToken(db))
                return .commit
            }
            return result!
        }
        var planned = try plan(files, snapshot: snapshot, validation: validation, targetKeys: targetKeys)
        planned.token = token
        return planned
    }

    /// What changes a connection has seen: another connection's commit moves `data_version`, its own writes
    /// move `total_changes()`.
    struct ChangeToken: Sendable, Equatable {
        var dataVersion: Int
        var totalChanges: Int

        init(_ db: Database) throws {
            dataVersion = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            totalChanges = try Int.fetchOne(db, sql: "SELECT total_changes()") ?? 0
        }
    }

    static func needsParse(_ files: [LoadedFile], snapshot: CatalogSnapshot) -> [Bool] {
        let storedByHash = snapshot.storedByHash
        return files.map { file in
            guard file.rejection == nil, let ids = storedByHash[file.hash] else { return true }
            // Unchanged bytes still need parsing when a configured target has no up-to-date query.
            return ids.contains { !snapshot.completeQueries.contains($0) && !snapshot.queryKeys.isEmpty }
        }
    }

    func plan(_ files: [LoadedFile], snapshot: CatalogSnapshot, validation: ImportValidation, targetKeys: [String]) throws -> ImportPlan {
        let needsParse = Self.needsParse(files, snapshot: snapshot)
        // Building the converters costs (pipeline tables): an unchanged re-import needs none.
        let generator = needsParse.contains(true) ? try QueryGenerator(targetKeys: targetKeys) : try QueryGenerator(targetKeys: [])
        return plan(files, snapshot: snapshot, validation: validation, needsParse: needsParse, generator: generator)
    }

    func plan(_ files: [LoadedFile], snapshot: CatalogSnapshot, validation: ImportValidation, needsParse: [Bool],
              generator: @autoclosure @Sendable () -> QueryGenerator) -> ImportPlan {
        let parsed: [ParsedFile?] = parallelMap(Array(files.indices)) { i in
            needsParse[i] ? Self.parse(files[i], generator: generator(), validation: validation) : nil
        }
        return ImportPlan(files: files, snapshot: snapshot, parsed: parsed)
    }

    /// Plans and applies inside the caller's transaction (seed files, tests).
    func importLoaded(_ files: [LoadedFile], db: Database) throws -> ImportReport {
        var run: ImportRunRecord?
        return try apply(try planInside(files, db: db), run: &run, db: db)
    }

    private func planInside(_ files: [LoadedFile], db: Database) throws -> ImportPlan {
        let snapshot = try CatalogSnapshot.read(db, queryKeys: try QueryGenerator.keys(targetKeys: targetKeys))
        let validation = Self.needsParse(files, snapshot: snapshot).contains(true)
            ? try ImportValidation.load(db, fileHashes: Set(files.map(\.hash))) : ImportValidation.none
        var planned = try plan(files, snapshot: snapshot, validation: validation, targetKeys: targetKeys)
        planned.token = try ChangeToken(db)
        return planned
    }

    // MARK: - Writing

    /// Writes a plan: the only step of an import inside the write transaction. `run` is the import run the
    /// changes belong to (nil: an implicit partial run is opened); its counts are filled in.
    ///
    /// When another command changed the catalog since the plan was made, it is made again here, so a run
    /// never mixes two states of the catalog.
    func apply(_ given: ImportPlan, run: inout ImportRunRecord?, db: Database) throws -> ImportReport {
        var plan = given
        let unchangedSincePlan = try plan.token.map { try ChangeToken(db) == $0 } ?? false
        if try !unchangedSincePlan && CatalogSnapshot.read(db, queryKeys: plan.snapshot.queryKeys) != plan.snapshot {
            plan = try planInside(plan.files, db: db)
        }
        var state = WriteState()
        let report = try write(plan, state: &state, db: db)
        try finish(state: state, report: report, snapshot: plan.snapshot,
                   sourcePaths: plan.files.map(\.input.absolutePath), run: &run, db: db)
        return report
    }

    /// What the writes of one run carry from one batch of files to the next.
    struct WriteState {
        /// The file (display path) each rule id was taken from in this run: a second file with it is a duplicate.
        var firstFileOfID: [String: String] = [:]
        /// Rule ids held by active (not `deprecated/` / `unsupported/`) files written so far, with the file.
        var activeFileOfID: [String: String] = [:]
        /// History comparisons made while planning, by rule id.
        var diffs: [String: PreparedDiff] = [:]
        /// The hash of every file read, by absolute path.
        var fileHashes: [String: String] = [:]
        /// Hold every batch's queries to the end of the run (`flushQueries`), so they are all written in key
        /// order; false writes each batch's (in key order) with the batch, which bounds memory by the batch.
        var defersQueries = false
        var queries: [PendingQuery] = []

        /// Writes the held-back queries.
        mutating func flushQueries(_ db: Database) throws {
            guard !queries.isEmpty else { return }
            let pending = queries
            try RuleImporter.withImportCache(db) { try RuleRowWriter(db: db).writeQueries(pending) }
            queries = []
        }
    }

    /// Sets the row-format marks and records the run's history: once per run, after its last write.
    func finish(state: WriteState, report: ImportReport, snapshot: CatalogSnapshot, sourcePaths: [String],
                run: inout ImportRunRecord?, db: Database) throws {
        try AppDatabase.setMeta(db, "import.rowFormat", Self.rowFormat)
        try AppDatabase.setMeta(db, "import.attackFingerprint", snapshot.attackFingerprint)
        try recordImportChanges(db, report: report, sourcePaths: sourcePaths, run: &run,
                                diffs: state.diffs, fileHashes: state.fileHashes, now: clock.now())
    }

    /// Writes the files of one plan (a whole run, or one batch of a large one) and returns what happened to them.
    func write(_ plan: ImportPlan, state: inout WriteState, db: Database) throws -> ImportReport {
        try Self.withImportCache(db) { try writeWithCache(plan, state: &state, db: db) }
    }

    /// Runs `body` with the writer's page cache set to `importCacheKiB`, then restores it. A page cache big
    /// enough for a whole import's dirty pages: with SQLite's 2 MB default, pages were spilled to the WAL
    /// mid-transaction and written again (a tenth of a fresh import). Bounded, so a very large import still
    /// spills rather than grow without limit.
    static func withImportCache<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(importCacheKiB)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        return try body()
    }

    private func writeWithCache(_ plan: ImportPlan, state: inout WriteState, db: Database) throws -> ImportReport {
        let files = plan.files
        let parsed = plan.parsed
        let storedByHash = plan.snapshot.storedByHash
        let before = state

        let superseded = Self.supersededCopies(files, parsed: parsed, storedByHash: storedByHash,
                                               earlierActive: state.activeFileOfID)

        let timestamp = ISO8601DateFormatter().string(from: clock.now())
        let writer = RuleRowWriter(db: db, storesWarnings: try db.tableExists("rule_warning"))
        // The queries of the rules written, held back to be written in key order (see `writeQueries(_:)`).
        var queries: [PendingQuery] = []
        /// Writes every file; `isolated` puts each file in its own savepoint so a row the catalog refuses
        /// rejects that file only. Savepoints are not free: FTS5 flushes its pending index at each one, which
        /// made every rule its own index segment (and merging them most of the write). So the files are first
        /// written with no per-file savepoint inside one savepoint for all, and only when the catalog refuses a
        /// row (rare) is that undone and redone file by file.
        func writeFiles(isolated: Bool) throws -> ImportReport {
            queries.removeAll()
            var report = ImportReport()
            report.files = files.count
            var firstFileOfID = before.firstFileOfID
            defer { state.firstFileOfID = firstFileOfID }
            for (i, file) in files.enumerated() {
                defer { progress?(i + 1, files.count) }
                let display = file.input.displayPath
                guard let result = parsed[i] else {
                    if let skip = superseded[i] {
                        report.skipped.append(skip)
                        report.warnings.append("\(display): warning: \(skip.detail)")
                        continue
                    }
                    // Fast path: identical bytes are already stored.
                    let ids = storedByHash[file.hash] ?? []
                    if let dup = ids.first(where: { firstFileOfID[$0] != nil }) {
                        report.rejections.append(ImportRejection(path: display, message: "duplicate id \(dup): already imported from \(firstFileOfID[dup]!)"))
                        continue
                    }
                    for id in ids {
                        firstFileOfID[id] = display
                        report.unchanged += 1
                        report.changes.append(.unchanged(id: id, contentHash: file.hash))
                    }
                    continue
                }
                if let skip = superseded[i] {
                    report.skipped.append(skip)
                    report.warnings.append("\(display): warning: \(skip.detail)")
                    continue
                }
                switch result {
                case .notSigma:
                    report.skipped.append(ImportSkip(path: display, reason: .notSigma,
                                                     detail: "no YAML document here is a Sigma rule, correlation or filter"))
                case .rejected(let rejection):
                    if let skip = ImportSkipRules.retired(file.input, rejection: rejection) {
                        report.skipped.append(skip)
                    } else {
                        report.rejections.append(rejection)
                    }
                case .rules(let rules):
                    var idsInFile: [String: Int] = [:]
                    var duplicate: ImportRejection?
                    for (n, rule) in rules.enumerated() {
                        let id = rule.record.id
                        let position = rule.idPosition ?? SourcePosition(line: 1, column: 1)
                        if let first = firstFileOfID[id] {
                            duplicate = ImportRejection(path: display, line: position.line, column: position.column,
                                                        message: "duplicate id \(id): already imported from \(first)")
                            break
                        }
                        if idsInFile[id] != nil {
                            duplicate = ImportRejection(path: display, line: position.line, column: position.column,
                                                        message: "duplicate id \(id): documents \(idsInFile[id]! + 1) and \(n + 1) of this file share it (legacy 'action: global' collections are not supported)")
                            break
                        }
                        idsInFile[id] = n
                    }
                    if let duplicate {
                        report.rejections.append(duplicate)
                        continue
                    }
                    var changes: [RuleChange] = []
                    let queriesBefore = queries.count
                    func write() throws {
                        for rule in rules {
                            let change = try writer.upsert(rule, importedAt: timestamp, stored: plan.snapshot.hashes[rule.record.id] != nil)
                            let fresh: Set<String> = if case .unchanged = change { plan.snapshot.freshKeys(of: rule.record.id) } else { [] }
                            for query in rule.queries where !fresh.contains(query.key) {
                                queries.append(PendingQuery(ruleID: rule.record.id, ruleHash: rule.record.contentHash,
                                                            generatedAt: timestamp, query: query))
                            }
                            changes.append(change)
                        }
                    }
                    do {
                        if isolated {
                            try db.inSavepoint {
                                try write()
                                return .commit
                            }
                        } else {
                            try write()
                        }
                    } catch let error as DatabaseError where isolated && error.resultCode == .SQLITE_CONSTRAINT {
                        queries.removeSubrange(queriesBefore...)
                        report.rejections.append(ImportRejection(path: display, message: "rejected by the catalog: \(error.message ?? "constraint failed")"))
                        continue
                    }
                    for (rule, change) in zip(rules, changes) {
                        firstFileOfID[rule.record.id] = display
                        switch change {
                        case .added: report.imported += 1
                        case .updated: report.updated += 1
                        case .unchanged: report.unchanged += 1
                        }
                        report.changes.append(change)
                    }
                }
            }
            return report
        }
        var written: ImportReport?
        do {
            try db.inSavepoint {
                written = try writeFiles(isolated: false)
                return .commit
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            written = try writeFiles(isolated: true)
        }
        guard let report = written else { throw DatabaseError(resultCode: .SQLITE_ERROR, message: "import wrote nothing") }
        if state.defersQueries {
            state.queries += queries
        } else {
            try writer.writeQueries(queries)
        }
        for (i, (file, result)) in zip(files, parsed).enumerated() {
            if file.rejection == nil { state.fileHashes[file.input.absolutePath] = file.hash }
            if case .rules(let rules)? = result {
                for rule in rules { if let diff = rule.diff { state.diffs[rule.record.id] = diff } }
            }
            if file.input.area == .active, superseded[i] == nil {
                let ids: [String] = switch result {
                case .rules(let rules)?: rules.map(\.record.id)
                case nil: storedByHash[file.hash] ?? []
                default: []
                }
                for id in ids where state.activeFileOfID[id] == nil { state.activeFileOfID[id] = file.input.displayPath }
            }
        }
        return report
    }
}

extension RuleImporter {
    /// Files of `deprecated/` or `unsupported/` holding an id that an active file of the same run also holds: the
    /// active file wins whatever the path order, and the skip names both files.
    /// `earlierActive` holds the ids of active files of earlier batches of the same run, with their paths.
    static func supersededCopies(_ files: [LoadedFile], parsed: [ParsedFile?], storedByHash: [String: [String]],
                                 earlierActive: [String: String] = [:]) -> [Int: ImportSkip] {
        func ids(_ i: Int) -> [String] {
            switch parsed[i] {
            case .rules(let rules)?: rules.map(\.record.id)
            case .rejected?, .notSigma?: []
            case nil: storedByHash[files[i].hash] ?? []
            }
        }
        var activeFile = earlierActive
        for i in files.indices where files[i].input.area == .active {
            for id in ids(i) where activeFile[id] == nil { activeFile[id] = files[i].input.displayPath }
        }
        var skips: [Int: ImportSkip] = [:]
        for i in files.indices where files[i].input.area != .active {
            guard let (id, winner) = ids(i).lazy.compactMap({ id in activeFile[id].map { (id, $0) } }).first else { continue }
            skips[i] = ImportSkip(path: files[i].input.displayPath, reason: .supersededByActive,
                                  detail: "duplicate id \(id): the active file \(winner) wins over \(files[i].input.displayPath)")
        }
        return skips
    }
}
