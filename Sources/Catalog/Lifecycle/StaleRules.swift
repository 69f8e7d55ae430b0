import Foundation
import GRDB

/// What `huntkb stale` looks for.
public struct StaleQuery: Sendable, Hashable {
    /// Statuses to consider; empty means any status.
    public var statuses: [String] = ["experimental", "test"]
    /// Rules whose last change (`modified`, else `date`) is more than this many days before `today`.
    /// SigmaHQ promotes experimental rules to test after 300 days without change.
    public var olderThanDays: Int = 300
    /// When set, replaces the age: rules not changed since this day (`YYYY-MM-DD`, exclusive).
    public var notModifiedSince: String?
    public var today: Date
    public var source: String?
    public var includeRemoved = false

    public init(today: Date) {
        self.today = today
    }

    /// Parses `300d`, `6w`, `10m` (30-day months), `1y` (365 days) or a plain number of days.
    public static func parseAge(_ text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = trimmed.last.flatMap { $0.isLetter ? $0 : nil }
        let number = unit == nil ? trimmed : String(trimmed.dropLast())
        let factor: Int? = switch unit {
        case nil, "d": 1
        case "w": 7
        case "m": 30
        case "y": 365
        default: nil
        }
        guard let factor, let n = Int(number), n >= 0, n <= 100_000 else {
            throw LifecycleError.invalidOption("--older-than: '\(text)' is not an age (expected e.g. 300d, 12w, 10m, 1y)")
        }
        return n * factor
    }
}


extension StaleReport {
    public static func build(_ db: Database, _ query: StaleQuery) throws -> StaleReport {
        let valid = ["stable", "test", "experimental", "deprecated", "unsupported"]
        let statuses = query.statuses.map { $0.lowercased() }
        for status in statuses where !valid.contains(status) {
            throw LifecycleError.invalidOption("--status: unknown status '\(status)' (expected one of: \(valid.joined(separator: ", ")), or any)")
        }
        let todayText = LifecycleClock.day(query.today)
        let cutoff: String
        if let since = query.notModifiedSince {
            guard LifecycleClock.isDay(since) else {
                throw LifecycleError.invalidOption("--not-modified-since: '\(since)' is not a date (expected YYYY-MM-DD)")
            }
            cutoff = since
        } else {
            cutoff = LifecycleClock.day(query.today.addingTimeInterval(-Double(query.olderThanDays) * 86_400))
        }
        var clauses = ["COALESCE(r.modified, r.date) IS NOT NULL", "COALESCE(r.modified, r.date) < ?"]
        var arguments: [any DatabaseValueConvertible] = [cutoff]
        if !statuses.isEmpty {
            clauses.append("r.status IN (\(Array(repeating: "?", count: statuses.count).joined(separator: ", ")))")
            arguments += statuses.map { $0 as any DatabaseValueConvertible }
        }
        if !query.includeRemoved { clauses.append(LifecycleFilter.notRemoved()) }
        if let source = query.source {
            let filter = LifecycleFilter.source([source])
            clauses.append(filter.sql)
            arguments += filter.arguments.map { $0 as any DatabaseValueConvertible }
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.title, r.status, r.level, r.date, r.modified, COALESCE(r.modified, r.date) AS last_change,
                   l.source, l.local_status, COALESCE(l.path, r.source_path) AS path
            FROM rule r LEFT JOIN rule_lifecycle l ON l.rule_id = r.id
            WHERE \(clauses.joined(separator: " AND "))
            ORDER BY last_change, r.title, r.id
            """, arguments: StatementArguments(arguments))
        let todayDate = LifecycleClock.parse(todayText) ?? query.today
        let rules = rows.map { row -> StaleRule in
            let last: String = row["last_change"]
            let age = LifecycleClock.parse(String(last.prefix(10))).map { Int((todayDate.timeIntervalSince($0) / 86_400).rounded()) } ?? 0
            return StaleRule(id: row["id"], title: row["title"], status: row["status"], level: row["level"], date: row["date"],
                             modified: row["modified"], lastChange: last, ageDays: age, source: row["source"],
                             localStatus: row["local_status"], path: row["path"])
        }
        return StaleReport(today: todayText, cutoff: cutoff, statuses: statuses, rules: rules)
    }
}
