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
    /// Timestamp written to `imported_at` (injectable for tests).
    public var now: @Sendable () -> Date = { Date() }
    /// Query targets generated and stored for every imported rule (keys of `Converter.targets`).
    public var targetKeys: [String] = QueryGenerator.allTargetKeys

    /// Bumped when the rows built from an unchanged file would differ (new columns, new normalization):
    /// the hash fast path is then skipped once so every row is rebuilt and compared.
    /// "2": validator warnings are stored (`rule_warning`), so every file is validated once more.
    /// "3": rows no longer carry copies of the detection (`detection_json`, `detection_text`): unchanged rules drop theirs.
    static let rowFormat = "3"

    public init() {}

    /// Imports files and folders (recursively, `*.yml` / `*.yaml`).
    ///
    /// A path that names nothing throws `MissingRulePath` before the catalog is touched.
    public func run(paths: [String], into database: AppDatabase) throws -> ImportReport {
        let (inputs, missing) = RuleFileCollector.collect(paths)
        if let first = missing.first { throw first }
        let loaded = load(inputs)
        return try database.writer.write { db in
            try importLoaded(loaded, db: db)
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
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
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

    static func parse(_ file: LoadedFile, generator: QueryGenerator, validation: ImportValidation = .none) -> ParsedFile {
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
        if var collection = legacyCollection(sigma, file: file, generator: generator) {
            collection.warnings = validation.validator(for: sigma, legacyCollection: true).warnings(for: sigma)
            return .rules([collection])
        }
        let warnings = ImportValidation.warningsByDocument(sigma, validator: validation.validator(for: sigma, legacyCollection: false))
        var rules: [PreparedRule] = []
        for (n, document) in sigma.documents.enumerated() {
            do {
                var prepared = try RuleRowBuilder.prepare(document, yaml: file.text ?? sigma.text, hash: file.hash,
                                                          sourcePath: file.input.absolutePath)
                if case .rule(let rule) = document, !generator.isEmpty {
                    prepared.queries = generator.generate(rule, filters: QueryGenerator.filters(in: sigma.documents, for: rule))
                }
                prepared.warnings = n < warnings.count ? warnings[n] : []
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
    static func legacyCollection(_ sigma: SigmaFile, file: LoadedFile, generator: QueryGenerator) -> PreparedRule? {
        let rules = sigma.rules
        guard rules.count > 1, rules.count == sigma.documents.count,
              let id = rules[0].id?.lowercased(), rules.allSatisfy({ $0.id?.lowercased() == id }),
              var prepared = try? RuleRowBuilder.prepare(.rule(rules[0]), yaml: file.text ?? sigma.text, hash: file.hash,
                                                         sourcePath: file.input.absolutePath) else { return nil }
        prepared.ftsDetection = rules.map { RuleRowBuilder.detectionText($0.detection) }.joined(separator: "\n")
        if !generator.isEmpty { prepared.queries = generator.generate(file: sigma) }
        return prepared
    }

    // MARK: - Writing

    func importLoaded(_ files: [LoadedFile], db: Database) throws -> ImportReport {
        var report = ImportReport()
        report.files = files.count

        // Hash → ids already stored, for the no-parse fast path.
        // Stored warnings depend on the ATT&CK catalog: after `huntkb attack import` every file is parsed once more.
        let attackFingerprint = try ImportValidation.attackFingerprint(db)
        let fastPath = try AppDatabase.meta(db, "import.rowFormat") == Self.rowFormat
            && AppDatabase.meta(db, "import.attackFingerprint") == attackFingerprint
        var storedByHash: [String: [String]] = [:]
        if fastPath {
            for row in try Row.fetchAll(db, sql: "SELECT content_hash, id FROM rule") {
                storedByHash[row[0], default: []].append(row[1])
            }
        }
        let generator = try QueryGenerator(targetKeys: targetKeys)
        let wantedKeys = Set(generator.keys)
        let freshQueries = generator.isEmpty ? [:] : try QueryStore.freshKeys(db)
        let needsParse = files.map { file in
            guard file.rejection == nil, let ids = storedByHash[file.hash] else { return true }
            // Unchanged bytes still need parsing when a configured target has no up-to-date query.
            return ids.contains { !(freshQueries[$0] ?? []).isSuperset(of: wantedKeys) }
        }
        // ATT&CK and previous versions are read once, before the parallel parse (the workers cannot use `db`).
        let validation = needsParse.contains(true)
            ? try ImportValidation.load(db, fileHashes: Set(files.map(\.hash))) : ImportValidation.none
        let parsed: [ParsedFile?] = parallelMap(Array(files.indices)) { i in
            needsParse[i] ? Self.parse(files[i], generator: generator, validation: validation) : nil
        }

        let superseded = Self.supersededCopies(files, parsed: parsed, storedByHash: storedByHash)

        let timestamp = ISO8601DateFormatter().string(from: now())
        var firstFileOfID: [String: String] = [:]
        let writer = RuleRowWriter(db: db, storesWarnings: try db.tableExists("rule_warning"))
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
                do {
                    try db.inSavepoint {
                        for rule in rules {
                            let change = try writer.upsert(rule, importedAt: timestamp)
                            let fresh: Set<String> = if case .unchanged = change { freshQueries[rule.record.id] ?? [] } else { [] }
                            try writer.writeQueries(rule.queries.filter { !fresh.contains($0.key) }, ruleID: rule.record.id,
                                                    ruleHash: rule.record.contentHash, generatedAt: timestamp)
                            changes.append(change)
                        }
                        return .commit
                    }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
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
        try AppDatabase.setMeta(db, "import.rowFormat", Self.rowFormat)
        try AppDatabase.setMeta(db, "import.attackFingerprint", attackFingerprint)
        try recordImportChanges(db, report: report, sourcePaths: files.map(\.input.absolutePath))
        return report
    }
}

extension RuleImporter {
    /// Files of `deprecated/` or `unsupported/` holding an id that an active file of the same run also holds: the
    /// active file wins whatever the path order, and the skip names both files.
    static func supersededCopies(_ files: [LoadedFile], parsed: [ParsedFile?], storedByHash: [String: [String]]) -> [Int: ImportSkip] {
        func ids(_ i: Int) -> [String] {
            switch parsed[i] {
            case .rules(let rules)?: rules.map(\.record.id)
            case .rejected?, .notSigma?: []
            case nil: storedByHash[files[i].hash] ?? []
            }
        }
        var activeFile: [String: Int] = [:]
        for i in files.indices where files[i].input.area == .active {
            for id in ids(i) where activeFile[id] == nil { activeFile[id] = i }
        }
        var skips: [Int: ImportSkip] = [:]
        for i in files.indices where files[i].input.area != .active {
            guard let (id, winner) = ids(i).lazy.compactMap({ id in activeFile[id].map { (id, $0) } }).first else { continue }
            skips[i] = ImportSkip(path: files[i].input.displayPath, reason: .supersededByActive,
                                  detail: "duplicate id \(id): the active file \(files[winner].input.displayPath) wins over \(files[i].input.displayPath)")
        }
        return skips
    }
}

/// Maps in parallel on all cores, keeping order (each slot is written by exactly one iteration).
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let buffer = UnsafeMutablePointer<R?>.allocate(capacity: items.count)
    buffer.initialize(repeating: nil, count: items.count)
    defer {
        buffer.deinitialize(count: items.count)
        buffer.deallocate()
    }
    let slots = SendablePointer(pointer: buffer)
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let chunk = (items.count + workers * 4 - 1) / (workers * 4)
    let chunks = (items.count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let start = c * chunk
        for i in start..<min(start + chunk, items.count) {
            slots.pointer[i] = transform(items[i])
        }
    }
    return (0..<items.count).map { buffer[$0]! }
}

private struct SendablePointer<R>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<R?>
}
