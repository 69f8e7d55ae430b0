import Foundation
import GRDB
import SigmaKit

/// Turns one import run's changes into `rule_event` rows and lifecycle state (called by `recordImportChanges`).
///
/// Rules of the model:
/// - Each rule belongs to the source that last imported it. When two sources carry the same rule id, the most
///   recent import wins the catalog row (the importer upserts by id); the history records, with that run, what
///   changed and a `source` event naming the previous and new owner.
/// - Unchanged rules record nothing, so importing the same source twice adds no events. A rule taken over from
///   the compiled-in seed changes owner silently (the seed is a copy of public rules, not a source one follows).
/// - A rule is *removed* only by a `full` run of the source that owns it (one that walked every root folder the
///   source was last fully imported from, or whose former roots no longer exist: a moved clone), when its last
///   known file lies under a folder that run walked (or a former root that is gone) and no file of the run held it. Importing a single file, a sub-folder or another folder of a source is `partial`
///   and never removes anything: absence from a partial view proves nothing. A file that is present but
///   rejected (broken YAML) does not remove its rule either; a file read fine that no longer holds the id does.
/// - Removed rules stay in the catalog (history, notes and scenarios point at them); they reappear as
///   `restored` when a later import of any source finds them again.
enum HistoryRecorder {
    static func record(_ db: Database, report: ImportReport, sourcePaths: [String], run given: inout ImportRunRecord?,
                       diffs: [String: RuleImporter.PreparedDiff] = [:], fileHashes: [String: String] = [:],
                       now: Date) throws {
        // A catalog still being migrated (upgrade tests import into old schemas) has nothing to record into.
        guard try db.tableExists("rule_event") else { return }
        var states: [String: RuleLifecycleRecord] = [:]
        // Read by position: Codable decoding with snake-case key conversion cost more than the query.
        let stateRows = try Row.fetchCursor(db, sql: "SELECT rule_id, source, path, removed_run, local_status, local_note, local_at FROM rule_lifecycle")
        while let row = try stateRows.next() {
            let state = RuleLifecycleRecord(ruleId: row[0], source: row[1], path: row[2], removedRun: row[3],
                                            localStatus: row[4], localNote: row[5], localAt: row[6])
            states[state.ruleId] = state
        }
        var run = try given ?? openRun(db, sourcePaths: sourcePaths, owners: Set(report.changes.map { states[$0.ruleID]?.source ?? "" }), now: now)
        defer { given = run }
        guard let runID = run.id else { return }
        let at = run.startedAt
        let pathSet = Set(sourcePaths)

        var events: [RuleEventRecord] = []
        var dirty: [String: RuleLifecycleRecord] = [:]
        var seen = Set<String>()
        var restored = 0
        // Unchanged rules whose last known file is not part of this run (moved or renamed files).
        var moved: [(id: String, hash: String)] = []
        // Files that yielded at least one rule in this run.
        var claimed = Set<String>()

        func event(_ id: String, _ kind: RuleEventKind, title: String, old: String? = nil, new: String? = nil,
                   fields: [String]? = nil, detail: String? = nil) {
            events.append(RuleEventRecord(ruleId: id, runId: runID, kind: kind, title: title, oldValue: old, newValue: new,
                                          fields: fields, detail: detail, at: at))
        }
        /// Restore and ownership events shared by every rule the run found.
        func claim(_ id: String, title: String, path: String, state: RuleLifecycleRecord?) -> RuleLifecycleRecord {
            var next = state ?? RuleLifecycleRecord(ruleId: id, source: run.source, path: path)
            if state?.removedRun != nil {
                event(id, .restored, title: title, detail: path)
                next.removedRun = nil
                restored += 1
            }
            // The seed holds copies of public rules: the first real source to carry one simply takes it over.
            if let owner = state?.source, owner != run.source, owner != SourceName.seed {
                event(id, .source, title: title, old: owner, new: run.source)
            }
            next.source = run.source
            next.path = path
            return next
        }

        for change in report.changes {
            let id = change.ruleID
            seen.insert(id)
            let state = states[id]
            switch change {
            case .added(let record):
                claimed.insert(record.sourcePath)
                event(id, .added, title: record.title, new: record.status)
                let next = claim(id, title: record.title, path: record.sourcePath, state: state)
                dirty[id] = next
            case .updated(let previous, let current):
                claimed.insert(current.sourcePath)
                let oldPath = state?.path ?? previous.sourcePath
                let next = claim(id, title: current.title, path: current.sourcePath, state: state)
                let diff = diffs[id].flatMap { prepared in
                    prepared.previousHash == previous.contentHash && prepared.currentHash == current.contentHash ? prepared.diff : nil
                } ?? RuleDiff.compare(previous: previous, current: current)
                if !diff.fields.isEmpty {
                    event(id, .modified, title: current.title, old: previous.modified, new: current.modified, fields: diff.fields)
                }
                var deprecatedNow = false
                if previous.status != current.status {
                    if current.status == "deprecated" {
                        event(id, .deprecated, title: current.title, old: previous.status, new: current.status, detail: "status")
                        deprecatedNow = true
                    } else {
                        event(id, .status, title: current.title, old: previous.status, new: current.status)
                    }
                }
                if previous.level != current.level {
                    event(id, .level, title: current.title, old: previous.level, new: current.level)
                }
                if diff.attackTagsChanged {
                    event(id, .tags, title: current.title, old: diff.oldAttackTags.joined(separator: ", "),
                          new: diff.newAttackTags.joined(separator: ", "))
                }
                if !deprecatedNow && movedUnderDeprecated(from: oldPath, to: current.sourcePath) {
                    event(id, .deprecated, title: current.title, old: previous.status, new: current.status, detail: current.sourcePath)
                }
                dirty[id] = next
            case .unchanged(_, let hash):
                if let state, pathSet.contains(state.path) {
                    claimed.insert(state.path)
                    if state.removedRun != nil || (state.source != nil && state.source != run.source) {
                        let title = try ruleTitle(db, id)
                        dirty[id] = claim(id, title: title, path: state.path, state: state)
                    } else if state.source == nil {
                        var next = state
                        next.source = run.source
                        dirty[id] = next
                    }
                } else {
                    moved.append((id, hash))
                }
            }
        }

        // Files whose bytes the catalog already held under another path: find where each moved rule lives now.
        if !moved.isEmpty {
            let candidates = sourcePaths.filter { !claimed.contains($0) }
            let byHash = hashes(of: candidates, known: fileHashes)
            for (id, hash) in moved {
                let state = states[id]
                let row = try Row.fetchOne(db, sql: "SELECT title, status, source_path FROM rule WHERE id = ?", arguments: [id])
                let storedPath: String? = row?["source_path"]
                let newPath = byHash[hash] ?? state?.path ?? storedPath ?? ""
                let title: String = row?["title"] ?? id
                let status: String? = row?["status"]
                claimed.insert(newPath)
                var next = claim(id, title: title, path: newPath, state: state)
                if let oldPath = state?.path, movedUnderDeprecated(from: oldPath, to: newPath) {
                    event(id, .deprecated, title: title, old: status, new: status, detail: newPath)
                }
                if state == nil { next.source = run.source }
                if let storedPath, storedPath != newPath {
                    // The importer's unchanged-bytes fast path leaves the old path; keep `show` truthful.
                    try db.execute(sql: "UPDATE rule SET source_path = ? WHERE id = ?", arguments: [newPath, id])
                }
                dirty[id] = next
            }
        }

        // Removals: only a full run, only the source's own rules, only under folders this run walked.
        var removed = 0
        if run.scope == "full" {
            // The folders walked, plus the source's former roots that no longer exist (a moved clone: its old
            // files are all gone, so rules last seen there and not found now are gone too).
            let missingRoots = try RuleImporter.roots(db, source: run.source).filter { !isDirectory($0) }
            let folders = (run.pathList.filter(isDirectory) + missingRoots).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
            let gone = states.values.filter { state in
                // Its file is gone, or was read and now holds other rules; a file present but rejected protects it.
                state.source == run.source && state.removedRun == nil && !seen.contains(state.ruleId)
                    && (!pathSet.contains(state.path) || claimed.contains(state.path)) && folders.contains { state.path.hasPrefix($0) }
            }.sorted { ($0.path, $0.ruleId) < ($1.path, $1.ruleId) }
            for var state in gone {
                let row = try Row.fetchOne(db, sql: "SELECT title, status FROM rule WHERE id = ?", arguments: [state.ruleId])
                event(state.ruleId, .removed, title: row?["title"] ?? state.ruleId, old: row?["status"], detail: state.path)
                state.removedRun = runID
                dirty[state.ruleId] = state
                removed += 1
            }
        }

        // Cached statements bound directly: the records' Codable encoding (and `save`'s update-then-insert) cost
        // more than the SQLite work on a first import, where every rule is dirty and has an event.
        let saveState = try db.cachedStatement(sql: """
            INSERT INTO rule_lifecycle(rule_id, source, path, removed_run, local_status, local_note, local_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(rule_id) DO UPDATE SET source = excluded.source, path = excluded.path,
                removed_run = excluded.removed_run, local_status = excluded.local_status,
                local_note = excluded.local_note, local_at = excluded.local_at
            """)
        for id in dirty.keys.sorted() {
            let state = dirty[id]!
            try saveState.executeExact([state.ruleId, state.source, state.path, state.removedRun, state.localStatus,
                                        state.localNote, state.localAt])
        }
        let insertEvent = try db.cachedStatement(sql: """
            INSERT INTO rule_event(rule_id, run_id, kind, title, old_value, new_value, fields, detail, note, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for event in events {
            try insertEvent.executeExact([event.ruleId, event.runId, event.kind, event.title, event.oldValue, event.newValue,
                                          event.fields, event.detail, event.note, event.at])
        }

        run.files = report.files
        run.added = report.imported
        run.updated = report.updated
        run.unchanged = report.unchanged
        run.rejected = report.rejected
        run.removed = removed
        run.restored = restored
        run.events = events.count
        try run.update(db)

        let folders = run.pathList.filter(isDirectory)
        if run.scope == "full" {
            try db.execute(sql: """
                INSERT INTO import_source(name, roots, last_run) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET roots = excluded.roots, last_run = excluded.last_run
                """, arguments: [run.source, ImportRunRecord.encode(folders), runID])
        } else {
            try db.execute(sql: """
                INSERT INTO import_source(name, roots, last_run) VALUES (?, '[]', ?)
                ON CONFLICT(name) DO UPDATE SET last_run = excluded.last_run
                """, arguments: [run.source, runID])
        }
    }

    /// A partial run for imports that come without one (the seed, in-memory texts, plain `run(paths:into:)`). Such a run is named after the one source that
    /// already owns every rule it saw, so re-importing known files never moves them between sources; otherwise
    /// after the files' git repository or deepest common folder.
    static func openRun(_ db: Database, sourcePaths: [String], owners: Set<String>, now date: Date) throws -> ImportRunRecord {
        let now = LifecycleClock.timestamp(date)
        let name = owners.count == 1 && owners.first != "" ? owners.first! : implicitSourceName(sourcePaths)
        var run = ImportRunRecord(source: name, paths: [], scope: "partial", git: nil, startedAt: now)
        run.finishedAt = now
        try run.insert(db)
        return run
    }

    /// The seed, else the files' git repository name, else the slug of their deepest common folder.
    static func implicitSourceName(_ paths: [String]) -> String {
        guard let first = paths.first else { return SourceName.fallback }
        if first.hasPrefix(SeedLoader.sourcePrefix) { return SourceName.seed }
        var common = (first as NSString).deletingLastPathComponent.split(separator: "/", omittingEmptySubsequences: false)
        for path in paths.dropFirst() {
            let parts = (path as NSString).deletingLastPathComponent.split(separator: "/", omittingEmptySubsequences: false)
            var n = 0
            while n < common.count && n < parts.count && common[n] == parts[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        let folder = common.joined(separator: "/")
        if folder.hasPrefix("/"), isDirectory(folder), let top = GitFacts.git(["rev-parse", "--show-toplevel"], in: folder) {
            let name = SourceName.slug((top as NSString).lastPathComponent)
            if !name.isEmpty { return name }
        }
        let name = SourceName.slug(String(common.last ?? ""))
        return name.isEmpty ? SourceName.fallback : name
    }

    static func ruleTitle(_ db: Database, _ id: String) throws -> String {
        try String.fetchOne(db, sql: "SELECT title FROM rule WHERE id = ?", arguments: [id]) ?? id
    }

    /// A `deprecated` path component appeared (SigmaHQ moves retired rules to `deprecated/`).
    static func movedUnderDeprecated(from old: String, to new: String) -> Bool {
        func count(_ path: String) -> Int {
            path.split(separator: "/").filter { $0.lowercased() == "deprecated" }.count
        }
        return count(new) > count(old)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// SHA-256 of each readable file (first path wins for identical bytes); `known` holds hashes already made.
    static func hashes(of paths: [String], known: [String: String] = [:]) -> [String: String] {
        let hashed = parallelMap(paths) { path -> (String, String)? in
            if let hash = known[path] { return (hash, path) }
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return (SHA256.hex(data), path)
        }
        var out: [String: String] = [:]
        for case let (hash, path)? in hashed where out[hash] == nil { out[hash] = path }
        return out
    }
}
