import Foundation
import GRDB
import SigmaKit

/// Reading, exporting and refreshing stored queries.
public enum QueryStore {
    /// Per rule, the target keys whose stored query is up to date (same rule hash, same generator).
    static func freshKeys(_ db: Database, ruleIDs: [String]? = nil) throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        var rows: [Row] = []
        let sql = """
            SELECT q.rule_id, q.target, q.pipeline FROM rule_query q JOIN rule r ON r.id = q.rule_id
            WHERE q.generator_version = ? AND q.rule_hash = r.content_hash
            """
        if let ruleIDs {
            for chunk in stride(from: 0, to: ruleIDs.count, by: 500).map({ Array(ruleIDs[$0..<min($0 + 500, ruleIDs.count)]) }) {
                rows += try Row.fetchAll(db, sql: sql + " AND q.rule_id IN (\(RuleSearch.placeholders(chunk.count)))",
                                         arguments: StatementArguments([QueryGenerator.generatorVersion] + chunk))
            }
        } else {
            rows = try Row.fetchAll(db, sql: sql, arguments: [QueryGenerator.generatorVersion])
        }
        for row in rows {
            let pipeline: String = row[2]
            let target: String = row[1]
            out[row[0], default: []].insert(pipeline.isEmpty ? target : "\(target)/\(pipeline)")
        }
        return out
    }

    /// Which rules have an up-to-date stored query for every one of `keys`, and for the others which keys
    /// they do have. Counted in SQL: an unchanged re-import needs only the ids, not a set per rule.
    /// Correlations and filters have no queries: they count as complete.
    static func freshness(_ db: Database, keys: [String]) throws -> (complete: Set<String>, partial: [String: Set<String>]) {
        guard !keys.isEmpty else { return ([], [:]) }
        let placeholders = keys.indices.map { "?\($0 + 2)" }.joined(separator: ", ")
        var arguments: StatementArguments = [QueryGenerator.generatorVersion]
        arguments += StatementArguments(keys)
        var complete = Set<String>()
        var partialIDs: [String] = []
        let wanted = Set(keys).count
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.id, CASE WHEN r.kind = 'rule' THEN (SELECT count(*) FROM rule_query q WHERE q.rule_id = r.id
                AND q.generator_version = ?1 AND q.rule_hash = r.content_hash
                AND (CASE q.pipeline WHEN '' THEN q.target ELSE q.target || '/' || q.pipeline END) IN (\(placeholders)))
                ELSE \(keys.count) END FROM rule r
            """, arguments: arguments)
        while let row = try rows.next() {
            let id: String = row[0]
            let count: Int = row[1]
            if count >= wanted { complete.insert(id) } else { partialIDs.append(id) }
        }
        var partial: [String: Set<String>] = [:]
        if !partialIDs.isEmpty {
            let all = try freshKeys(db, ruleIDs: partialIDs)
            for id in partialIDs { partial[id] = all[id] ?? [] }
        }
        return (complete, partial)
    }

    /// A rule's stored queries in `Converter.targets` order.
    public static func queries(_ db: Database, ruleID: String) throws -> [StoredQuery] {
        let hash = try String.fetchOne(db, sql: "SELECT content_hash FROM rule WHERE id = ?", arguments: [ruleID])
        let order = QueryGenerator.allTargetKeys
        return try ExactText.records(RuleQueryRecord.self, db, sql: "SELECT * FROM rule_query WHERE rule_id = ?", arguments: [ruleID])
            .map { StoredQuery($0, currentRuleHash: hash) }
            .sorted { (order.firstIndex(of: $0.key) ?? 99, $0.key) < (order.firstIndex(of: $1.key) ?? 99, $1.key) }
    }

    /// The stored query of each rule for one target, in the order of `ruleIDs` (rules without one are skipped).
    public static func queries(_ db: Database, ruleIDs: [String], targetKey: String) throws -> [StoredQuery] {
        let parts = targetKey.split(separator: "/", maxSplits: 1).map(String.init)
        let target = parts.first ?? targetKey
        let pipeline = parts.count > 1 ? parts[1] : ""
        var byRule: [String: StoredQuery] = [:]
        for chunk in ruleIDs.chunked(500) {
            let rows = try Row.fetchAll(db, sql: """
                SELECT q.*, r.content_hash AS current_hash FROM rule_query q JOIN rule r ON r.id = q.rule_id
                WHERE q.target = ? AND q.pipeline = ? AND q.rule_id IN (\(RuleSearch.placeholders(chunk.count)))
                """, arguments: StatementArguments([target, pipeline] + Array(chunk)))
            for row in rows {
                let record = try RuleQueryRecord(row: row)
                byRule[record.ruleId] = StoredQuery(record, currentRuleHash: row["current_hash"])
            }
        }
        return ruleIDs.compactMap { byRule[$0] }
    }

    /// What `refresh` did.
    public struct RefreshReport: Sendable, Hashable {
        public var generated = 0
        public var failed = 0
        public var upToDate = 0
        public var rules = 0

        public init() {}

        public var summary: String {
            "regenerated \(generated) (\(failed) failed to convert), up to date \(upToDate), rules \(rules)"
        }
    }

    /// Regenerates queries that are missing or stale (rule changed or generator newer); `force` regenerates all.
    /// Parsing and conversion run in parallel before the writes; one transaction.
    public static func refresh(_ database: AppDatabase, targetKeys: [String] = QueryGenerator.allTargetKeys,
                               force: Bool = false, ruleIDs: [String]? = nil) throws -> RefreshReport {
        let generator = try QueryGenerator(targetKeys: targetKeys)
        return try database.writer.write { db in
            var report = RefreshReport()
            let fresh = force ? [:] : try freshKeys(db)
            let wanted = Set(generator.keys)
            var rows = try Row.fetchAll(db, sql: "SELECT id, yaml, content_hash, source_path FROM rule WHERE kind = 'rule' ORDER BY id")
            if let ruleIDs {
                let keep = Set(ruleIDs)
                rows = rows.filter { keep.contains($0["id"]) }
            }
            report.rules = rows.count
            struct Job: Sendable { var id: String; var yaml: String; var hash: String; var path: String; var keys: Set<String> }
            var jobs: [Job] = []
            for row in rows {
                let id: String = row["id"]
                let missing = wanted.subtracting(fresh[id] ?? [])
                report.upToDate += wanted.count - missing.count
                if !missing.isEmpty {
                    jobs.append(Job(id: id, yaml: row["yaml"], hash: row["content_hash"], path: row["source_path"], keys: missing))
                }
            }
            let results: [[GeneratedQuery]] = parallelMap(jobs) { job in
                let file = SigmaParser.parse(text: job.yaml, path: job.path)
                guard let rule = file.rules.first(where: { $0.id?.lowercased() == job.id }) else { return [] }
                return generator.generate(rule, filters: QueryGenerator.filters(in: file.documents, for: rule))
                    .filter { job.keys.contains($0.key) }
            }
            let writer = RuleRowWriter(db: db)
            let timestamp = ISO8601DateFormatter().string(from: database.clock.now())
            for (job, queries) in zip(jobs, results) {
                try writer.writeQueries(queries, ruleID: job.id, ruleHash: job.hash, generatedAt: timestamp)
                report.generated += queries.count
                report.failed += queries.filter { if case .failure = $0.result { true } else { false } }.count
            }
            return report
        }
    }
}
