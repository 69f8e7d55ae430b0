import Foundation
import GRDB
import Yams

/// A stored sample: one file of events (JSON, JSON Lines or concatenated documents) for a rule.
public struct RuleTestSample: Sendable, Hashable {
    public var name: String
    /// Attack samples: the expected number of matches (nil = at least one).
    public var matchCount: Int?
    public var eventsText: String
    public var origin: String
}

/// A false-positive scenario with its filter and benign samples.
public struct RuleTestScenario: Sendable, Hashable {
    public var title: String
    public var filterYAML: String?
    public var benign: [RuleTestSample]
}

/// Everything `huntkb test` needs for one rule.
public struct RuleTestInput: Sendable, Hashable {
    public var rule: RuleSource
    public var attacks: [RuleTestSample]
    public var scenarios: [RuleTestScenario]
}

/// The result of testing one rule, as stored.
public struct RuleTestResultRecord: Sendable, Hashable {
    public var ruleID: String
    public var passed: Bool
    public var eventCount: Int
    /// `[{"check","passed","detail"}]`.
    public var checksJSON: String

    public init(ruleID: String, passed: Bool, eventCount: Int, checksJSON: String) {
        self.ruleID = ruleID
        self.passed = passed
        self.eventCount = eventCount
        self.checksJSON = checksJSON
    }
}

/// Whether a rule was proven on events, for the guide's "validated on N events" line.
public struct RuleValidationSummary: Sendable, Hashable {
    public enum State: String, Sendable { case validated, failed, notValidated = "not-validated" }
    public var ruleID: String
    public var state: State
    public var eventCount: Int
    /// YYYY-MM-DD of the last `huntkb test`, nil when never tested.
    public var testedOn: String?
    public var engineVersion: String?

    /// "validated on 3 events (2026-12-01)", "validation failed on 2026-12-01", or "not validated".
    public var line: String {
        switch state {
        case .validated: "validated on \(eventCount) event\(eventCount == 1 ? "" : "s") (\(testedOn ?? "?"))"
        case .failed: "validation failed on \(testedOn ?? "?") (\(eventCount) events)"
        case .notValidated: "not validated"
        }
    }
}

/// What `events import` attached.
public struct RuleEventImportReport: Sendable, Hashable {
    public var samples = 0
    public var rules: Set<String> = []
    /// One line each: a folder whose info.yml or event file could not be used.
    public var problems: [String] = []
}

/// SQL for rule test samples and results (rule_test_event, rule_test_result).
enum RuleTestStore {
    /// Attaches the samples an `info.yml` describes (SigmaHQ regression layout; `type: benign` entries with
    /// `scenario:` name a false-positive scenario's benign sample). `read` returns a file of the folder.
    static func attach(_ db: Database, infoText: String, origin: String, now: String,
                       read: (String) -> String?, listJSON: () -> [String], report: inout RuleEventImportReport) throws {
        let info: [String: Any]
        do {
            guard let loaded = try Yams.load(yaml: infoText) as? [String: Any] else {
                report.problems.append("\(origin)/info.yml: not a YAML mapping"); return
            }
            info = loaded
        } catch {
            report.problems.append("\(origin)/info.yml: invalid YAML"); return
        }
        let ruleIDs = (info["rule_metadata"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String)?.lowercased() }
        let tests = info["regression_tests_info"] as? [[String: Any]] ?? []
        if ruleIDs.isEmpty { report.problems.append("\(origin)/info.yml: no rule_metadata id"); return }
        if tests.isEmpty { report.problems.append("\(origin)/info.yml: no regression_tests_info entry"); return }
        for ruleID in ruleIDs {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM rule WHERE id = ?", arguments: [ruleID]) == true else {
                report.problems.append("\(origin): rule \(ruleID) is not in the catalog"); continue
            }
            try db.execute(sql: "DELETE FROM rule_test_event WHERE rule_id = ? AND origin = ?", arguments: [ruleID, origin])
            for (n, test) in tests.enumerated() {
                let name = test["name"] as? String ?? "test \(n + 1)"
                let benign = (test["type"] as? String)?.lowercased() == "benign"
                let path = test["path"] as? String ?? ""
                let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                var candidates = benign ? [path] : [stem + ".json", (path as NSString).lastPathComponent]
                if !benign { let all = listJSON(); if all.count == 1 { candidates.append(all[0]) } }
                guard let text = candidates.lazy.compactMap(read).first else {
                    report.problems.append("\(origin): no event file for '\(name)' (\(path))"); continue
                }
                let scenario = test["scenario"] as? String
                if benign, scenario == nil {
                    report.problems.append("\(origin): benign sample '\(name)' names no scenario"); continue
                }
                try db.execute(sql: """
                    INSERT INTO rule_test_event (rule_id, kind, scenario_title, name, match_count, events_json, origin, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [ruleID, benign ? "benign" : "attack", scenario, name,
                                     benign ? nil : test["match_count"] as? Int, text, origin, now])
                report.samples += 1
                report.rules.insert(ruleID)
            }
        }
    }

    static func inputs(_ db: Database, rules: [RuleSource]) throws -> [RuleTestInput] {
        var out: [RuleTestInput] = []
        for rule in rules {
            let id = rule.id.lowercased()
            let rows = try Row.fetchAll(db, sql: """
                SELECT kind, scenario_title, name, match_count, events_json, origin FROM rule_test_event
                WHERE rule_id = ? ORDER BY kind, id
                """, arguments: [id])
            func sample(_ r: Row) -> RuleTestSample {
                RuleTestSample(name: r["name"], matchCount: r["match_count"], eventsText: r["events_json"], origin: r["origin"])
            }
            let attacks = rows.filter { $0["kind"] as String == "attack" }.map(sample)
            let benign = rows.filter { $0["kind"] as String == "benign" }
            let scenarioRows = try Row.fetchAll(db, sql: "SELECT title, filter_yaml FROM fp_scenario WHERE rule_id = ? ORDER BY position, id",
                                                arguments: [id])
            let scenarios = scenarioRows.map { s -> RuleTestScenario in
                let title: String = s["title"]
                return RuleTestScenario(title: title, filterYAML: s["filter_yaml"],
                                        benign: benign.filter { ($0["scenario_title"] as String?) == title }.map(sample))
            }
            out.append(RuleTestInput(rule: rule, attacks: attacks, scenarios: scenarios))
        }
        return out
    }

    static func save(_ db: Database, _ results: [RuleTestResultRecord], engineVersion: String, now: String) throws {
        for r in results {
            try db.execute(sql: """
                INSERT OR REPLACE INTO rule_test_result (rule_id, engine_version, tested_at, passed, event_count, checks_json)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [r.ruleID.lowercased(), engineVersion, now, r.passed ? 1 : 0, r.eventCount, r.checksJSON])
        }
    }

    static func summary(_ db: Database, ruleID: String) throws -> RuleValidationSummary {
        let id = ruleID.lowercased()
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM rule_test_result WHERE rule_id = ?", arguments: [id]) else {
            return RuleValidationSummary(ruleID: id, state: .notValidated, eventCount: 0, testedOn: nil, engineVersion: nil)
        }
        let passed: Bool = row["passed"]
        let tested: String = row["tested_at"]
        return RuleValidationSummary(ruleID: id, state: passed ? .validated : .failed, eventCount: row["event_count"],
                                     testedOn: String(tested.prefix(10)), engineVersion: row["engine_version"])
    }

    /// Every stored result as a guide shows it, by lower-case rule id (one read for all pages).
    static func guideValidations(_ db: Database) throws -> [String: GuideValidation] {
        struct Check: Decodable { var check: String; var passed: Bool; var detail: String; var events: Int? }
        var out: [String: GuideValidation] = [:]
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: "SELECT rule_id, passed, tested_at, event_count, checks_json FROM rule_test_result") {
            let checks = (try? decoder.decode([Check].self, from: Data((row["checks_json"] as String).utf8))) ?? []
            func sum(_ kind: String) -> Int? {
                let counted = checks.filter { $0.check.hasPrefix(kind + " ") && $0.events != nil }
                return counted.isEmpty && checks.contains(where: { $0.check.hasPrefix(kind + " ") }) ? nil
                    : counted.reduce(0) { $0 + ($1.events ?? 0) }
            }
            let failed = checks.first { !$0.passed }
            let tested: String = row["tested_at"]
            let events: Int = row["event_count"]
            // Only results that carry the counts of both kinds are split.
            var attack = sum("attack"), benign = sum("benign")
            if attack.map({ $0 + (benign ?? 0) != events }) ?? true { attack = nil; benign = nil }
            out[row["rule_id"]] = GuideValidation(passed: row["passed"], events: events, attackEvents: attack,
                                                  benignEvents: benign, testedOn: String(tested.prefix(10)),
                                                  failure: failed.map { "\($0.check): \($0.detail)" })
        }
        return out
    }

    static func timestamp(_ clock: LifecycleClock) -> String {
        LifecycleClock.timestamp(clock.now())
    }
}
