import GRDB

/// One scenario's exclusion findings, for `huntkb fp lint`.
public struct ScenarioLint: Sendable, Hashable, Codable {
    public var rule: String
    public var number: Int
    public var title: String
    public var findings: [ExclusionFinding]
}

/// False-positive scenario intents: each opens its own transaction.
extension AppDatabase {
    public func addScenario(rule: String, _ draft: ScenarioDraft, filterPath: String?, today: String) throws -> ScenarioRecord {
        try writer.write { db in
            let id = try ScenarioStore.resolveRule(db, rule)
            if let filter = draft.filter, let filterPath { _ = try GuideFile.checkFilter(filter, rule: id, path: filterPath, line: 0) }
            return try ScenarioStore.add(db, rule: id, draft, today: today)
        }
    }

    public func scenarios(rule: String?) throws -> [ScenarioRecord] {
        try writer.read { db in
            try ScenarioStore.scenarios(db, rule: try rule.map { try ScenarioStore.resolveRule(db, $0) })
        }
    }

    public func editScenario(rule: String, scenario: String, changes: ScenarioChanges, filterPath: String?,
                             today: String) throws -> ScenarioRecord {
        try writer.write { db in
            let id = try ScenarioStore.resolveRule(db, rule)
            if case .some(.some(let filter)) = changes.filter, let filterPath {
                _ = try GuideFile.checkFilter(filter, rule: id, path: filterPath, line: 0)
            }
            return try ScenarioStore.edit(db, rule: id, scenario: scenario, changes: changes, today: today)
        }
    }

    public func removeScenario(rule: String, scenario: String) throws -> ScenarioRecord {
        try writer.write { db in try ScenarioStore.remove(db, rule: try ScenarioStore.resolveRule(db, rule), scenario: scenario) }
    }

    /// Imports one parsed guide file in one transaction (all or nothing).
    public func importGuideFile(_ file: GuideFile, path: String, scenarios: Bool, notes: Bool, today: String) throws -> GuideImportSummary {
        try writer.write { db in
            try ScenarioStore.importFile(db, file, path: path, scenarios: scenarios, notes: notes, today: today)
        }
    }

    public func exportScenarios(rule: String?) throws -> GuideFile {
        try writer.read { db in try ScenarioStore.export(db, rule: try rule.map { try ScenarioStore.resolveRule(db, $0) }) }
    }

    /// Exclusion findings of every scenario (of one rule, or all), in `fp list` order; clean scenarios included.
    public func lintScenarios(rule: String?) throws -> [ScenarioLint] {
        try writer.read { db in
            let id = try rule.map { try ScenarioStore.resolveRule(db, $0) }
            var numbers: [String: Int] = [:]
            var parsed: [String: SigmaRuleBox] = [:]
            return try ScenarioStore.scenarios(db, rule: id).map { record in
                numbers[record.ruleId, default: 0] += 1
                if parsed[record.ruleId] == nil {
                    let yaml = try String.fetchOne(db, sql: "SELECT yaml FROM rule WHERE id = ?", arguments: [record.ruleId]) ?? ""
                    parsed[record.ruleId] = SigmaRuleBox(rule: GuideLoader.parseRule(text: yaml, id: record.ruleId, path: record.ruleId))
                }
                let filter = record.filterYaml.flatMap { try? GuideFile.checkFilter($0, rule: record.ruleId, path: "scenario", line: 0) }
                let findings = ExclusionLint.check(filter: filter, exampleFilter: record.exampleFilter, rule: parsed[record.ruleId]?.rule)
                return ScenarioLint(rule: record.ruleId, number: numbers[record.ruleId] ?? 1, title: record.title, findings: findings)
            }
        }
    }
}

import SigmaKit

struct SigmaRuleBox {
    var rule: SigmaRule?
}
