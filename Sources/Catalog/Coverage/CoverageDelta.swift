import Foundation
import GRDB

/// Rebuilds each changed rule's state before and after the window from `rule_event`, walking back from the
/// catalog's current rows: first undoing the runs after the window, then the window's own runs.
///
/// Only rules with an added, removed, restored, status, deprecated or tags event in the window can change a count.
/// The search filters other than status are applied to the rules as they are now (level, log source and local
/// status have no history of their own here).
enum CoverageDeltaBuilder {
    struct RuleState {
        var exists = true
        var removed = false
        var status: String?
        var attackTags: [String]
    }

    static let kinds: [RuleEventKind] = [.added, .removed, .restored, .status, .deprecated, .tags]

    static func build(_ db: Database, window: ChangeQuery, coverage query: CoverageQuery) throws -> CoverageDelta {
        var resolve = window
        resolve.kinds = [.added]
        let runs = try ChangeReport.build(db, resolve).runs
        let attack = try AttackView(db)
        let platforms = Set(try attack.resolvePlatforms(query.platforms))
        var delta = CoverageDelta(attackVersion: attack.version, source: window.source?.lowercased(), since: window.since,
                                  fromImport: window.fromImport ?? runs.first?.id, toImport: window.toImport ?? runs.last?.id,
                                  runs: runs, techniques: [])
        guard let last = runs.last?.id else { return delta }
        let windowRuns = runs.map(\.id)
        let kindList = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")

        var affected = Set<String>()
        for chunk in windowRuns.chunked(500) {
            let ids = try String.fetchAll(db, sql: "SELECT DISTINCT rule_id FROM rule_event WHERE kind IN (\(kindList)) AND run_id IN (\(RuleSearch.placeholders(chunk.count)))",
                                          arguments: StatementArguments(Array(chunk)))
            affected.formUnion(ids)
        }
        guard !affected.isEmpty else { return delta }

        // Rules the non-status filters select, as they are now.
        var filter = query.filter
        filter.includeRemoved = true
        filter.limit = nil
        let userStatuses = Set(filter.statuses.map { $0.lowercased() })
        filter.statuses = []
        var selected: [String: RuleSummary] = [:]
        for summary in try RuleSearch.search(db, filter) where affected.contains(summary.id) && summary.kind != "filter" {
            selected[summary.id] = summary
        }

        var states: [String: RuleState] = [:]
        for id in affected {
            guard let summary = selected[id] else { continue }
            let tags = try String.fetchAll(db, sql: "SELECT tag FROM rule_tag WHERE rule_id = ? AND namespace = 'attack' ORDER BY position", arguments: [id])
            states[id] = RuleState(exists: true, removed: try LifecycleFilter.isRemoved(db, id: id), status: summary.status, attackTags: tags)
        }
        let after: [String: RuleState]
        do {
            // Undo everything recorded after the window, newest first.
            let later = try Row.fetchAll(db, sql: "SELECT rule_id, kind, old_value, detail FROM rule_event WHERE run_id > ? AND kind IN (\(kindList)) ORDER BY id DESC",
                                         arguments: [last])
            for row in later { undo(row, &states) }
            after = states
        }
        for chunk in windowRuns.chunked(500) {
            let rows = try Row.fetchAll(db, sql: "SELECT rule_id, kind, old_value, detail FROM rule_event WHERE kind IN (\(kindList)) AND run_id IN (\(RuleSearch.placeholders(chunk.count))) ORDER BY id DESC",
                                        arguments: StatementArguments(Array(chunk)))
            for row in rows { undo(row, &states) }
        }
        let before = states

        func counted(_ state: RuleState?) -> Bool {
            guard let state, state.exists, !state.removed else { return false }
            if userStatuses.isEmpty { return !CoverageQuery.inactiveStatuses.contains(state.status ?? "") }
            return userStatuses.contains(state.status ?? "")
        }
        func techniques(_ state: RuleState?) -> Set<String> {
            guard counted(state), let state else { return [] }
            return Set(state.attackTags.compactMap { TagNormalizer.normalize($0).technique }).filter { id in
                platforms.isEmpty || !(attack.platformsOf[id] ?? []).filter(platforms.contains).isEmpty
            }
        }
        var gained: [String: [CoveredRule]] = [:]
        var lost: [String: [CoveredRule]] = [:]
        var extras: [String: Set<String>] = [:]
        for id in selected.keys.sorted() {
            let summary = selected[id]!
            let rule = CoveredRule(id: id, title: summary.title, level: summary.level)
            let old = techniques(before[id]), new = techniques(after[id])
            for technique in new.subtracting(old) { gained[technique, default: []].append(rule) }
            for technique in old.subtracting(new) { lost[technique, default: []].append(rule) }
            for state in [before[id], after[id]].compactMap({ $0 }) {
                let normalized = state.attackTags.map(TagNormalizer.normalize)
                let tactics = normalized.compactMap(\.tactic), ruleTechniques = normalized.compactMap(\.technique)
                for technique in old.symmetricDifference(new) where ruleTechniques.contains(technique) {
                    extras[technique, default: []].formUnion(CoverageBuilder.extraTactics(
                        technique: technique, ruleTactics: tactics, ruleTechniques: ruleTechniques, attack: attack))
                }
            }
        }
        let order: (CoveredRule, CoveredRule) -> Bool = { ($0.title, $0.id) < ($1.title, $1.id) }
        delta.techniques = Set(gained.keys).union(lost.keys).sorted().map { id in
            let g = (gained[id] ?? []).sorted(by: order), l = (lost[id] ?? []).sorted(by: order)
            return TechniqueDelta(id: id, name: attack.displayName(id),
                                  tactics: MatrixOrder.sorted(Set((attack.tacticsOf[id] ?? []) + (extras[id] ?? []))),
                                  change: g.count - l.count, gained: g, lost: l, known: attack.techniques[id] != nil)
        }
        return delta
    }

    /// Steps one rule's state back over one event.
    static func undo(_ row: Row, _ states: inout [String: RuleState]) {
        let id: String = row[0]
        guard var state = states[id], let kind = RuleEventKind(rawValue: row[1]) else { return }
        let old: String? = row[2]
        let detail: String? = row[3]
        switch kind {
        case .added: state.exists = false
        case .removed: state.removed = false
        case .restored: state.removed = true
        case .status: state.status = old
        case .deprecated: if detail == "status" || detail == nil { state.status = old }
        case .tags: state.attackTags = (old ?? "").components(separatedBy: ", ").filter { !$0.isEmpty }
        default: break
        }
        states[id] = state
    }
}
