import Foundation
import SigmaKit
import GRDB

/// The outcome of importing a source: the importer's report and the recorded import run.
public struct SourceImportReport: Sendable {
    public var report: ImportReport
    public var run: ImportRunRecord

    /// `import #3 of source 'sigma' at 1a2b3c4d5e6f (r2024-05-01): 12 change events; removed 1, restored 0`,
    /// printed by `huntkb import` under the importer's summary line.
    public var runLine: String {
        let commit = run.commitId.map { " at \(String($0.prefix(12)))" + (run.tag.map { " (\($0))" } ?? "") } ?? ""
        var text = "import #\(run.id ?? 0) of source '\(run.source)'\(commit): \(run.events) change event\(run.events == 1 ? "" : "s")"
        text += "; removed \(run.removed), restored \(run.restored)"
        if run.scope == "partial" { text += " (partial import: removals not computed)" }
        return text
    }
}

extension RuleImporter {
    /// Imports files and folders as one run of a named source, recording the run and each rule's history.
    ///
    /// `source` nil derives the name (see `SourceName`). Git facts come from the first path. The run is
    /// `full` when its folders include every root of the source's last full run (or the source is new and every
    /// path is a folder), and at least one file was found; otherwise `partial` (see `HistoryRecorder`). Roots
    /// that no longer exist need no covering: importing a moved clone from its new place is a full run.
    public func run(paths: [String], source: String?, into database: AppDatabase) throws -> SourceImportReport {
        let given = try source.map(SourceName.validate)
        let absolute = paths.map(Self.absolutePath)
        let (inputs, missing) = RuleFileCollector.collect(paths)
        // A wrong path in a scheduled job must fail loudly and leave no empty run hiding the real last sync.
        if let first = missing.first { throw first }
        let batched = inputs.count > batchSize
        // git runs beside the reading and hashing: its four processes would otherwise leave the cores idle.
        let (git, loaded) = concurrently({ absolute.first.flatMap(GitFacts.read(at:)) }, { batched ? [] : load(inputs) })
        let name = given ?? SourceName.derive(paths: paths, git: git)
        let folders = absolute.filter(HistoryRecorder.isDirectory)
        func begin(_ db: Database) throws -> ImportRunRecord {
            let full = try Self.coversSource(db, name: name, folders: folders, allFolders: folders.count == absolute.count)
                && !inputs.isEmpty
            var started = ImportRunRecord(source: name, paths: absolute, scope: full ? "full" : "partial", git: git,
                                          startedAt: LifecycleClock.timestamp(clock.now()))
            try started.insert(db)
            return started
        }
        func end(_ db: Database, _ run: ImportRunRecord?) throws -> ImportRunRecord {
            guard var finished = run else { throw LifecycleError.noImportRun("the import run vanished while importing") }
            finished.finishedAt = LifecycleClock.timestamp(clock.now())
            try finished.update(db)
            return finished
        }
        // One write transaction applying the run batch by batch, each batch's parse and conversion overlapping
        // the previous batch's write (see `runBatched`).
        var finished: ImportRunRecord?
        let (report, _) = try runBatched(inputs, database: database, preloaded: batched ? nil : Preloaded(files: loaded),
                                         begin: begin, end: { db, run in finished = try end(db, run) })
        guard let finished else { throw LifecycleError.noImportRun("the import run vanished while importing") }
        return SourceImportReport(report: report, run: finished)
    }

    /// Whether an import of `folders` walks everything the source was last fully imported from.
    static func coversSource(_ db: Database, name: String, folders: [String], allFolders: Bool) throws -> Bool {
        guard !folders.isEmpty else { return false }
        let stored = try String.fetchOne(db, sql: "SELECT roots FROM import_source WHERE name = ?", arguments: [name])
        let roots = stored.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        // A new source (or one only ever imported file by file): a folders-only import defines its roots.
        if roots.isEmpty { return allFolders }
        // Roots that no longer exist (the clone was moved or deleted) hold no file: nothing there to cover.
        let uncovered = roots.filter { root in
            !folders.contains { folder in root == folder || root.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") }
        }
        if uncovered.isEmpty { return true }
        return allFolders && uncovered.allSatisfy { !HistoryRecorder.isDirectory($0) }
    }

    /// The folders the source was last fully imported from.
    static func roots(_ db: Database, source: String) throws -> [String] {
        let stored = try String.fetchOne(db, sql: "SELECT roots FROM import_source WHERE name = ?", arguments: [source])
        return stored.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }

    /// Absolute and standardized the way `RuleFileCollector` stores source paths.
    static func absolutePath(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
