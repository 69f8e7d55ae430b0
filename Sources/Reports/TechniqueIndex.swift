import CatalogModel
/// Rules grouped by ATT&CK technique, with the lookups the guide pages need; built once per document.
struct TechniqueIndex {
    /// Technique ids that get a page or block, sorted: every tagged technique and the parent of every tagged sub-technique.
    let pageIDs: [String]
    /// Rules carrying no valid technique tag, sorted.
    let untagged: [GuideRule]
    private let rulesByTechnique: [String: [GuideRule]]
    private let subsByParent: [String: [String]]
    private let corpus: GuideCorpus
    private let tacticByID: [String: GuideAttackRef]
    private let tacticRank: [String: Int]

    init(_ corpus: GuideCorpus) {
        self.corpus = corpus
        var byTechnique: [String: [GuideRule]] = [:]
        var untagged: [GuideRule] = []
        for rule in corpus.rules {
            let all = Set(rule.techniques.map { $0.id.uppercased() }.filter(Self.isTechniqueID))
            if all.isEmpty { untagged.append(rule) }
            let ids = corpus.onlyTechniques.map { only in all.filter { only.contains($0) } } ?? all
            for id in ids { byTechnique[id, default: []].append(rule) }
        }
        var pages = Set(byTechnique.keys)
        for id in byTechnique.keys { if let parent = Self.parentID(id) { pages.insert(parent) } }
        var subs: [String: [String]] = [:]
        for id in pages { if let parent = Self.parentID(id) { subs[parent, default: []].append(id) } }
        pageIDs = pages.sorted()
        subsByParent = subs.mapValues { $0.sorted() }
        rulesByTechnique = byTechnique.mapValues { $0.sorted(by: Self.ruleOrder) }
        self.untagged = untagged.sorted(by: Self.ruleOrder)
        var tactics: [String: GuideAttackRef] = [:]
        var rank: [String: Int] = [:]
        for (i, tactic) in corpus.tactics.enumerated() where tactics[tactic.id] == nil {
            tactics[tactic.id] = tactic
            rank[tactic.id] = i
        }
        tacticByID = tactics
        tacticRank = rank
    }

    func rules(for id: String) -> [GuideRule] { rulesByTechnique[id] ?? [] }
    func subtechniques(of id: String) -> [String] { subsByParent[id] ?? [] }
    func parent(of id: String) -> String? { Self.parentID(id) }

    /// "Scheduled Task/Job: Cron" for a sub-technique whose parent is known, else the name, else the id.
    func displayName(_ id: String) -> String {
        let name = corpus.techniques[id]?.name ?? ""
        guard !name.isEmpty, name != id else {
            return "unknown to the loaded ATT&CK release" + (corpus.attackVersion.map { " (\($0))" } ?? "")
        }
        if let parent = Self.parentID(id), let parentName = corpus.techniques[parent]?.name, !parentName.isEmpty {
            return "\(parentName): \(name)"
        }
        return name
    }

    /// The technique's tactics from ATT&CK, else those of the rules tagged with it (or its sub-techniques).
    func tactics(of id: String) -> [GuideAttackRef] {
        var refs: [GuideAttackRef] = []
        var seen = Set<String>()
        for tacticID in corpus.techniques[id]?.tactics ?? [] where !seen.contains(tacticID) {
            seen.insert(tacticID)
            refs.append(tacticByID[tacticID] ?? GuideAttackRef(id: tacticID, name: tacticID))
        }
        if refs.isEmpty {
            let related = self.rules(for: id) + subtechniques(of: id).flatMap { self.rules(for: $0) }
            for rule in related {
                for tactic in rule.tactics where !seen.contains(tactic.id) {
                    seen.insert(tactic.id)
                    refs.append(tacticByID[tactic.id] ?? tactic)
                }
            }
        }
        return refs.sorted { (tacticRank[$0.id] ?? Int.max, $0.id) < (tacticRank[$1.id] ?? Int.max, $1.id) }
    }

    static let levelRank = ["critical": 0, "high": 1, "medium": 2, "low": 3, "informational": 4]
    static let statusRank = ["stable": 0, "test": 1, "experimental": 2, "deprecated": 3, "unsupported": 4]

    /// Level (critical first), then status (stable first), then title.
    static func ruleOrder(_ a: GuideRule, _ b: GuideRule) -> Bool {
        (levelRank[a.level ?? ""] ?? 5, statusRank[a.status ?? ""] ?? 5, a.title.lowercased(), a.id)
            < (levelRank[b.level ?? ""] ?? 5, statusRank[b.status ?? ""] ?? 5, b.title.lowercased(), b.id)
    }

    /// Whether ATT&CK as loaded knows the technique (a name other than its id).
    func isKnown(_ id: String) -> Bool {
        let name = corpus.techniques[id]?.name ?? ""
        return !name.isEmpty && name != id
    }

    /// `T1234` or `T1234.567`.
    static func isTechniqueID(_ id: String) -> Bool {
        let chars = Array(id.utf8)
        guard chars.count == 5 || chars.count == 9, chars[0] == UInt8(ascii: "T") else { return false }
        for (i, c) in chars.enumerated().dropFirst() {
            if i == 5 { if c != UInt8(ascii: ".") { return false } } else if !(c >= 48 && c <= 57) { return false }
        }
        return true
    }

    static func parentID(_ id: String) -> String? {
        guard isTechniqueID(id), id.count == 9 else { return nil }
        return String(id.prefix(5))
    }
}
