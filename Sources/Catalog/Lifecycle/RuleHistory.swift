import Foundation
import GRDB

/// A few lines of history for `show`.
public struct RuleHistorySummary: Sendable, Hashable, Codable {
    public var source: String?
    public var removed: Bool
    public var localStatus: String?
    public var localNote: String?
    /// When the catalog first saw the rule (its first event), nil for rules imported before history was kept.
    public var firstSeen: String?
    /// The latest event, as `2024-05-01 status experimental → test`.
    public var lastChange: String?
    public var events: Int
}

/// Reading a rule's history.
public enum RuleHistory {
    public static func timeline(_ db: Database, idOrPrefix: String) throws -> RuleTimeline {
        let record = try AppDatabase.rule(db, idOrPrefix: idOrPrefix)
        let state = try RuleLifecycleRecord.fetchOne(db, key: record.id)
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.at, e.kind, e.old_value, e.new_value, e.fields, e.detail, e.note, e.run_id,
                   x.source, x.commit_id, x.commit_date, x.tag, x.paths
            FROM rule_event e LEFT JOIN import_run x ON x.id = e.run_id
            WHERE e.rule_id = ? ORDER BY e.id
            """, arguments: [record.id])
        let events = rows.map { row in
            let fields: String? = row[4]
            return RuleTimelineEntry(at: row[0], kind: row[1], old: row[2], new: row[3],
                                     fields: fields.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? [],
                                     detail: relativeDetail(row[5], paths: row[12]), note: row[6], importRun: row[7], source: row[8], commit: row[9],
                                     commitDate: row[10], tag: row[11])
        }
        return RuleTimeline(id: record.id, title: record.title, status: record.status, source: state?.source,
                            path: state?.path ?? record.sourcePath, removed: state?.removedRun != nil,
                            localStatus: state?.localStatus, localNote: state?.localNote, events: events)
    }

    private static func relativeDetail(_ detail: String?, paths: String?) -> String? {
        guard let detail, detail != "status", let paths,
              let roots = try? JSONDecoder().decode([String].self, from: Data(paths.utf8)) else { return detail }
        return RelativePath.relative(detail, to: roots)
    }

    public static func summary(_ db: Database, id: String) throws -> RuleHistorySummary {
        let state = try RuleLifecycleRecord.fetchOne(db, key: id)
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM rule_event WHERE rule_id = ?", arguments: [id]) ?? 0
        let first = try String.fetchOne(db, sql: "SELECT at FROM rule_event WHERE rule_id = ? AND kind = 'added' ORDER BY id LIMIT 1", arguments: [id])
        var last: String?
        if let row = try Row.fetchOne(db, sql: "SELECT at, kind, old_value, new_value FROM rule_event WHERE rule_id = ? ORDER BY id DESC LIMIT 1", arguments: [id]) {
            let at: String = row[0], kind: String = row[1]
            let old: String? = row[2], new: String? = row[3]
            var text = String(at.prefix(10)) + " " + kind
            if ["status", "level", "source", "local"].contains(kind) || (kind == "deprecated" && old != new) {
                text += " \(old ?? "none") → \(new ?? "none")"
            }
            last = text
        }
        return RuleHistorySummary(source: state?.source, removed: state?.removedRun != nil, localStatus: state?.localStatus,
                                  localNote: state?.localNote, firstSeen: first.map { String($0.prefix(10)) },
                                  lastChange: last, events: count)
    }
}
