import Foundation
import GRDB

/// Which import runs a change report covers.
public struct ChangeQuery: Sendable, Hashable {
    /// Runs started on or after this day (`YYYY-MM-DD`).
    public var since: String?
    /// First and last import run ids, inclusive (either may be open).
    public var fromImport: Int64?
    public var toImport: Int64?
    /// Only runs of this source.
    public var source: String?
    /// Only these kinds; empty means every import kind.
    public var kinds: [RuleEventKind] = []

    public init(since: String? = nil, fromImport: Int64? = nil, toImport: Int64? = nil, source: String? = nil,
                kinds: [RuleEventKind] = []) {
        self.since = since
        self.fromImport = fromImport
        self.toImport = toImport
        self.source = source
        self.kinds = kinds
    }

    /// Parses `added,status,...` (also `modified`, `deprecated`, `level`, `tags`, `removed`, `restored`, `source`).
    public static func parseKinds(_ text: [String]) throws -> [RuleEventKind] {
        var kinds: [RuleEventKind] = []
        for item in text.flatMap({ $0.split(separator: ",") }) {
            let name = item.trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty else { continue }
            guard let kind = RuleEventKind(rawValue: name), kind != .local else {
                let valid = RuleEventKind.allCases.filter { $0 != .local }.map(\.rawValue).joined(separator: ", ")
                throw LifecycleError.invalidOption("--kind: unknown kind '\(name)' (expected \(valid))")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }
}

extension ChangeReport {
    /// Builds the report for `query`.
    public static func build(_ db: Database, _ query: ChangeQuery) throws -> ChangeReport {
        let source = query.source?.lowercased()
        if let source, try Int.fetchOne(db, sql: "SELECT 1 FROM import_run WHERE source = ? LIMIT 1", arguments: [source]) == nil {
            throw LifecycleError.unknownSource(source)
        }
        var request = ImportRunRecord.filter(Column("finished_at") != nil)
        if let source { request = request.filter(Column("source") == source) }
        if query.fromImport != nil || query.toImport != nil {
            if let from = query.fromImport, let to = query.toImport, from > to {
                throw LifecycleError.invalidOption("--from-import \(from) is after --to-import \(to)")
            }
            for id in [query.fromImport, query.toImport].compactMap({ $0 }) where try ImportRunRecord.fetchOne(db, key: id) == nil {
                throw LifecycleError.noImportRun("no import run #\(id) (see huntkb changes --list-imports)")
            }
            if let from = query.fromImport { request = request.filter(Column("id") >= from) }
            if let to = query.toImport { request = request.filter(Column("id") <= to) }
        } else if let since = query.since {
            guard LifecycleClock.isDay(since) else {
                throw LifecycleError.invalidOption("--since: '\(since)' is not a date (expected YYYY-MM-DD)")
            }
            request = request.filter(Column("started_at") >= since)
        } else {
            guard let latest = try request.order(Column("id").desc).fetchOne(db), let id = latest.id else {
                throw LifecycleError.noImportRun(source.map { "no import run of source '\($0)'" } ?? "no import run yet (run huntkb import first)")
            }
            request = ImportRunRecord.filter(Column("id") == id)
        }
        let runs = try request.order(Column("id")).fetchAll(db).map(ImportRunSummary.init)
        var report = ChangeReport(source: source, since: query.since, fromImport: query.fromImport ?? runs.first?.id,
                                  toImport: query.toImport ?? runs.last?.id, runs: runs, total: 0, groups: [])
        guard !runs.isEmpty else { return report }

        let kinds = query.kinds.isEmpty ? RuleEventKind.allCases.filter { $0 != .local } : query.kinds
        var merged: [RuleEventKind: [String: ChangeEntry]] = [:]
        let runIDs = runs.map(\.id)
        for chunk in stride(from: 0, to: runIDs.count, by: 500).map({ Array(runIDs[$0..<min($0 + 500, runIDs.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let kindMarks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT rule_id, kind, title, old_value, new_value, fields, detail, run_id FROM rule_event
                WHERE run_id IN (\(marks)) AND kind IN (\(kindMarks)) ORDER BY id
                """, arguments: StatementArguments(chunk.map { $0 as any DatabaseValueConvertible } + kinds.map(\.rawValue)))
            for row in rows {
                guard let kind = RuleEventKind(rawValue: row[1]) else { continue }
                let id: String = row[0]
                let fieldsText: String? = row[5]
                let fields = fieldsText.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
                let entry = ChangeEntry(id: id, title: row[2], old: row[3], new: row[4], fields: fields, detail: row[6], importRun: row[7])
                if var existing = merged[kind]?[id] {
                    existing.title = entry.title
                    existing.new = entry.new
                    existing.detail = entry.detail ?? existing.detail
                    existing.importRun = entry.importRun
                    for field in fields where !existing.fields.contains(field) { existing.fields.append(field) }
                    merged[kind]![id] = existing
                } else {
                    merged[kind, default: [:]][id] = entry
                }
            }
        }
        let rootsByRun = Dictionary(uniqueKeysWithValues: runs.map { ($0.id, $0.paths) })
        for kind in kinds {
            guard var entries = merged[kind].map({ Array($0.values) }) else { continue }
            for i in entries.indices where entries[i].detail != nil && entries[i].detail != "status" {
                entries[i].detail = RelativePath.relative(entries[i].detail, to: rootsByRun[entries[i].importRun] ?? [])
            }
            if kind == .status || kind == .level || kind == .tags {
                entries.removeAll { $0.old == $0.new }
            }
            if kind == .modified {
                entries = entries.map { entry in
                    var e = entry
                    e.fields = e.fields.sorted { a, b in
                        let ia = RuleDiff.keyOrder.firstIndex(of: a) ?? Int.max, ib = RuleDiff.keyOrder.firstIndex(of: b) ?? Int.max
                        return ia != ib ? ia < ib : a < b
                    }
                    return e
                }
            }
            guard !entries.isEmpty else { continue }
            entries.sort { ($0.title, $0.id) < ($1.title, $1.id) }
            var transitions: [ChangeTransition] = []
            if kind == .status || kind == .level {
                var byPair: [String: ChangeTransition] = [:]
                var order: [String] = []
                for entry in entries {
                    let key = (entry.old ?? "") + "\u{0}" + (entry.new ?? "")
                    if byPair[key] == nil {
                        byPair[key] = ChangeTransition(from: entry.old, to: entry.new, count: 0, rules: [])
                        order.append(key)
                    }
                    byPair[key]!.count += 1
                    byPair[key]!.rules.append(entry.id)
                }
                transitions = order.compactMap { byPair[$0] }.sorted {
                    $0.count != $1.count ? $0.count > $1.count : ($0.from ?? "", $0.to ?? "") < ($1.from ?? "", $1.to ?? "")
                }
            }
            report.groups.append(ChangeGroup(kind: kind.rawValue, count: entries.count, transitions: transitions, rules: entries))
            report.total += entries.count
        }
        return report
    }
}
