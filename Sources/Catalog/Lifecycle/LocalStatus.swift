import Foundation
import GRDB

/// `huntkb status`: team decisions recorded in the history with their notes.
public enum LocalStatusStore {
    /// Suggested team states; any word of letters, digits, `-` and `_` is accepted.
    public static let suggested = ["deployed", "tuning", "disabled", "documented", "deprecated", "testing", "rejected"]

    /// Normalizes and checks a status word (lower-case, 1 to 32 of `a-z 0-9 - _`).
    public static func validate(_ status: String) throws -> String {
        let lowered = status.trimmingCharacters(in: .whitespaces).lowercased()
        guard !lowered.isEmpty, lowered.count <= 32, lowered != "none",
              lowered.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) else {
            throw LifecycleError.invalidOption("'\(status)' is not a status (use a word such as \(suggested.prefix(4).joined(separator: ", ")); letters, digits, '-' and '_')")
        }
        return lowered
    }

    /// Sets (or, with `status` nil, clears) the local status of a rule and records a `local` event.
    /// Returns the event; nothing is recorded when the status and note are already those.
    @discardableResult
    public static func set(_ db: Database, idOrPrefix: String, status: String?, note: String?, now: Date = LifecycleClock.system.now()) throws -> RuleEventRecord? {
        let record = try AppDatabase.rule(db, idOrPrefix: idOrPrefix)
        let normalized = try status.map(validate)
        let cleanNote = note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        var state = try RuleLifecycleRecord.fetchOne(db, key: record.id)
            ?? RuleLifecycleRecord(ruleId: record.id, source: nil, path: record.sourcePath)
        if state.localStatus == normalized && (normalized == nil || state.localNote == cleanNote) { return nil }
        let at = LifecycleClock.timestamp(now)
        var event = RuleEventRecord(ruleId: record.id, runId: nil, kind: .local, title: record.title,
                                    oldValue: state.localStatus, newValue: normalized, note: cleanNote, at: at)
        state.localStatus = normalized
        state.localNote = normalized == nil ? nil : cleanNote
        state.localAt = normalized == nil ? nil : at
        try state.save(db)
        try event.insert(db)
        return event
    }

    /// The local status of one rule, nil when none is set.
    public static func get(_ db: Database, id: String) throws -> LocalStatus? {
        try list(db, statuses: [], ids: [id]).first
    }

    /// Rules with a local status (optionally one of `statuses`), by title.
    public static func list(_ db: Database, statuses: [String] = [], ids: [String] = []) throws -> [LocalStatus] {
        var sql = """
            SELECT r.id, r.title, r.status, l.local_status, l.local_note, l.local_at, l.source, l.removed_run IS NOT NULL AS removed
            FROM rule_lifecycle l JOIN rule r ON r.id = l.rule_id
            WHERE l.local_status IS NOT NULL
            """
        var arguments: [String] = []
        if !statuses.isEmpty {
            sql += " AND l.local_status IN (\(Array(repeating: "?", count: statuses.count).joined(separator: ", ")))"
            arguments += statuses.map { $0.lowercased() }
        }
        if !ids.isEmpty {
            sql += " AND l.rule_id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))"
            arguments += ids
        }
        sql += " ORDER BY r.title, r.id"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
            LocalStatus(ruleId: row[0], title: row[1], sourceStatus: row[2], localStatus: row[3], note: row[4],
                        setAt: row[5], source: row[6], removed: row[7])
        }
    }
}
