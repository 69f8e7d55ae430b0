import Foundation
import GRDB

/// Counts rules per ATT&CK technique and tactic (`huntkb coverage`).
///
/// A technique's tactics are the loaded catalog's. A rule may name tactics the catalog does not know (ATT&CK v19's
/// `stealth` and `defense-impairment` against an 18.1 catalog): those are added to the rule's techniques that none
/// of the rule's known tactic tags explain, so a v19 Navigator still finds them. Techniques unknown to the catalog
/// take every tactic their rules name.
enum CoverageBuilder {
    /// One counted rule, reduced to what coverage needs.
    struct CountedRule {
        var rule: CoveredRule
        var techniques: [String]
        var tactics: [String]
    }

    static func build(_ db: Database, _ query: CoverageQuery) throws -> CoverageReport {
        let attack = try AttackView(db)
        let platforms = try attack.resolvePlatforms(query.platforms)
        var filter = query.filter
        filter.limit = nil
        let rules = try RuleSearch.search(db, filter)
            .filter { query.counts(kind: $0.kind, status: $0.status) }
            .map { CountedRule(rule: CoveredRule(id: $0.id, title: $0.title, level: $0.level), techniques: $0.techniques, tactics: $0.tactics) }
        return assemble(rules, attack: attack, platforms: platforms, gaps: query.gaps)
    }

    /// The tactics a rule gives one of its techniques beyond the catalog's (see the type's note).
    ///
    /// A technique unknown to the catalog takes the rule's tactics that its other, known techniques do not
    /// explain (all of them when every one is explained): `[defense-impairment, execution, t1685, t1059]` puts
    /// T1685 under defense-impairment only, since T1059 accounts for execution.
    static func extraTactics(technique: String, ruleTactics: [String], ruleTechniques: [String], attack: AttackView) -> [String] {
        guard let catalogTactics = attack.tacticsOf[technique], attack.techniques[technique] != nil else {
            let explained = Set(ruleTechniques.filter { $0 != technique }.flatMap { attack.tacticsOf[$0] ?? [] })
            let left = ruleTactics.filter { !explained.contains($0) }
            return left.isEmpty ? ruleTactics : left
        }
        let unknown = ruleTactics.filter { attack.tactics[$0] == nil }
        guard !unknown.isEmpty, !ruleTactics.contains(where: catalogTactics.contains) else { return [] }
        return unknown
    }

    static func parent(_ id: String) -> String? { id.firstIndex(of: ".").map { String(id[..<$0]) } }

    static func assemble(_ rules: [CountedRule], attack: AttackView, platforms: [String], gaps: Bool) -> CoverageReport {
        var exact: [String: [CoveredRule]] = [:]
        var totals: [String: Set<String>] = [:]
        var extras: [String: Set<String>] = [:]
        var tacticRules: [String: Set<String>] = [:]
        let platformSet = Set(platforms)
        func onPlatform(_ id: String) -> Bool {
            platformSet.isEmpty || !(attack.platformsOf[id] ?? []).filter(platformSet.contains).isEmpty
        }

        for counted in rules {
            let id = counted.rule.id
            for tactic in counted.tactics { tacticRules[tactic, default: []].insert(id) }
            for technique in counted.techniques {
                guard onPlatform(technique) else { continue }
                exact[technique, default: []].append(counted.rule)
                totals[technique, default: []].insert(id)
                if let parent = parent(technique) { totals[parent, default: []].insert(id) }
                let extra = extraTactics(technique: technique, ruleTactics: counted.tactics, ruleTechniques: counted.techniques, attack: attack)
                if !extra.isEmpty {
                    extras[technique, default: []].formUnion(extra)
                    // An unknown parent of a covered sub-technique sits where its sub-techniques do.
                    if let parent = parent(technique), attack.techniques[parent] == nil {
                        extras[parent, default: []].formUnion(extra)
                    }
                }
                for tactic in (attack.tacticsOf[technique] ?? []) + extra { tacticRules[tactic, default: []].insert(id) }
            }
        }

        func tactics(of id: String) -> [String] {
            MatrixOrder.sorted(Set((attack.tacticsOf[id] ?? []) + (extras[id] ?? [])))
        }
        func coverage(_ id: String) -> TechniqueCoverage {
            TechniqueCoverage(id: id, name: attack.displayName(id), tactics: tactics(of: id), platforms: attack.platformsOf[id] ?? [],
                              score: exact[id]?.count ?? 0, total: totals[id]?.count ?? 0,
                              known: attack.techniques[id] != nil, rules: exact[id] ?? [])
        }
        let techniques = totals.keys.sorted().map(coverage)
        let byID = Dictionary(uniqueKeysWithValues: techniques.map { ($0.id, $0) })

        // Live matrix techniques per tactic, after --platform.
        var matrixByTactic: [String: [String]] = [:]
        for (id, row) in attack.techniques where AttackView.isLive(row) && onPlatform(id) {
            for tactic in attack.tacticsOf[id] ?? [] { matrixByTactic[tactic, default: []].append(id) }
        }
        var placedByTactic: [String: Set<String>] = [:]
        for technique in techniques {
            for tactic in technique.tactics { placedByTactic[tactic, default: []].insert(technique.id) }
        }
        let tacticNames = MatrixOrder.sorted(Set(attack.tactics.keys).union(placedByTactic.keys))
        var tacticTotals: [TacticCoverage] = []
        var columns: [AttackMatrix.Column] = []
        for tactic in tacticNames {
            let record = attack.tactics[tactic]
            let all = Set(matrixByTactic[tactic] ?? []).union(placedByTactic[tactic] ?? [])
            let covered = all.filter { (byID[$0]?.score ?? 0) > 0 }.count
            let name = record?.name ?? MatrixOrder.displayName(tactic)
            tacticTotals.append(TacticCoverage(id: record?.id, shortName: tactic, name: name, known: record != nil,
                                               techniques: all.count, covered: covered, rules: tacticRules[tactic]?.count ?? 0))
            let parents = Set(all.map { parent($0) ?? $0 })
            let cells = parents.map { id -> AttackMatrix.Cell in
                let subs = Set((attack.subsOf[id] ?? []).filter(onPlatform)).union(all.filter { parent($0) == id })
                return AttackMatrix.Cell(id: id, name: attack.displayName(id) ?? id, score: byID[id]?.score ?? 0,
                                         total: byID[id]?.total ?? 0, subtechniques: subs.count,
                                         coveredSubtechniques: subs.filter { (byID[$0]?.score ?? 0) > 0 }.count,
                                         known: attack.techniques[id] != nil)
            }.sorted { (!$0.known ? 1 : 0, $0.name.lowercased(), $0.id) < (!$1.known ? 1 : 0, $1.name.lowercased(), $1.id) }
            columns.append(AttackMatrix.Column(tactic: tactic, tacticID: record?.id, name: name, known: record != nil, cells: cells))
        }

        var gapList: [TechniqueCoverage]?
        if gaps {
            gapList = attack.techniques.values
                .filter { AttackView.isLive($0) && onPlatform($0.id) && (byID[$0.id]?.total ?? 0) == 0 }
                .map { coverage($0.id) }
                .sorted { $0.id < $1.id }
        }
        return CoverageReport(attackVersion: attack.version, rules: rules.count, platforms: platforms, techniques: techniques,
                              tactics: tacticTotals, gaps: gapList, matrix: AttackMatrix(version: attack.version, columns: columns))
    }
}
