import SigmaKit

/// A detection item compiled for evaluation.
struct CompiledItem: Sendable {
    /// nil for keywords: the values are searched in every field of the event.
    var field: String?
    var tests: [ValueTest]
    /// The `all` modifier: every value must match (otherwise any one).
    var requireAll: Bool
    /// The `neq` modifier negates the whole item.
    var negated: Bool

    /// The field's id in the table the rule was resolved against (-1: keyword, or not resolved).
    var id: Int = -1

    func matches(_ event: EventView) -> Bool {
        let result: Bool
        if field != nil {
            let value = event.value(id)
            // Through a buffer pointer: iterating the array copies each test (a retain and a release).
            result = tests.withUnsafeBufferPointer { tests in
                if requireAll {
                    if tests.isEmpty { return false }
                    for i in tests.indices where !tests[i].matches(value, in: event) { return false }
                    return true
                }
                for i in tests.indices where tests[i].matches(value, in: event) { return true }
                return false
            }
        } else {
            func anyField(_ t: ValueTest) -> Bool {
                for id in event.present where t.matches(event.value(Int(id)), in: event) { return true }
                return false
            }
            result = requireAll ? !tests.isEmpty && tests.allSatisfy(anyField) : tests.contains(where: anyField)
        }
        return negated ? !result : result
    }
}

/// The compiled condition tree of a rule.
indirect enum MatchNode: Sendable {
    case all([MatchNode])
    case any([MatchNode])
    case not(MatchNode)
    case item(CompiledItem)

    func matches(_ event: EventView) -> Bool {
        switch self {
        case .item(let item): return item.matches(event)
        case .all(let nodes):
            return nodes.withUnsafeBufferPointer { nodes in
                for i in nodes.indices where !nodes[i].matches(event) { return false }
                return true
            }
        case .any(let nodes):
            return nodes.withUnsafeBufferPointer { nodes in
                for i in nodes.indices where nodes[i].matches(event) { return true }
                return false
            }
        case .not(let n): return !n.matches(event)
        }
    }

    /// This tree with field names numbered by `table` (names it does not hold are added), and the
    /// members of each `and`/`or` in order of cost: the result is the same, and a cheap test that fails
    /// (an equality) spares a regular expression.
    func resolved(_ table: inout FieldTable) -> MatchNode {
        func ordered(_ nodes: [MatchNode]) -> [MatchNode] {
            let resolved = nodes.map { $0.resolved(&table) }
            return resolved.enumerated().sorted { a, b in
                let (ca, cb) = (a.element.cost, b.element.cost)
                return ca != cb ? ca < cb : a.offset < b.offset
            }.map(\.element)
        }
        switch self {
        case .item(var item):
            if let f = item.field { item.id = table.id(for: f) }
            item.tests = item.tests.map { $0.resolved(&table) }
            return .item(item)
        case .all(let nodes): return .all(ordered(nodes))
        case .any(let nodes): return .any(ordered(nodes))
        case .not(let n): return .not(n.resolved(&table))
        }
    }

    /// Rough cost of evaluating the node: a regular expression or a keyword search costs most.
    var cost: Int {
        switch self {
        case .item(let item):
            let each = item.tests.reduce(0) { $0 + $1.cost }
            return item.field == nil ? each * 20 : each
        case .all(let nodes), .any(let nodes): return nodes.reduce(1) { $0 + $1.cost }
        case .not(let n): return n.cost
        }
    }

    /// Whether some item is a keyword (searched in every field).
    var hasKeywords: Bool {
        switch self {
        case .item(let item): return item.field == nil
        case .all(let nodes), .any(let nodes): return nodes.contains { $0.hasKeywords }
        case .not(let n): return n.hasKeywords
        }
    }

    /// A keyword value matches when some field's (lower-case) value matches it: the substrings it needs
    /// are then needed in some field.
    static func keywordRequirements(_ item: CompiledItem) -> [Set<IndexAtom>] {
        func atoms(_ t: ValueTest) -> [IndexAtom]? {
            guard let a = t.atoms(field: ""), a.allSatisfy({ $0.space == .contains }) else { return nil }
            return a.map { IndexAtom(space: .keyword, field: "", key: $0.key) }
        }
        if item.requireAll { return item.tests.compactMap { atoms($0).map(Set.init) } }
        var all = Set<IndexAtom>()
        for t in item.tests {
            guard let a = atoms(t) else { return [] }
            all.formUnion(a)
        }
        return [all]
    }

    /// Alternatives of which one must hold for the node to match (each a set of atoms, any of which
    /// must hold): used to index rules.
    var requirements: [Set<IndexAtom>] {
        switch self {
        case .item(let item):
            guard !item.negated, !item.tests.isEmpty else { return [] }
            guard let field = item.field else { return Self.keywordRequirements(item) }
            if item.requireAll {
                // Every value must match: each one alone is a requirement.
                return item.tests.compactMap { $0.atoms(field: field).map(Set.init) }
            }
            var atoms = Set<IndexAtom>()
            for t in item.tests {
                guard let a = t.atoms(field: field) else { return [] }
                atoms.formUnion(a)
            }
            return [atoms]
        case .all(let nodes):
            return nodes.flatMap(\.requirements)
        case .any(let nodes):
            // One requirement of each branch, joined: the cheapest of each.
            var atoms = Set<IndexAtom>()
            for n in nodes {
                guard let best = n.requirements.min(by: { IndexAtom.cost($0) < IndexAtom.cost($1) }) else { return [] }
                atoms.formUnion(best)
            }
            return atoms.isEmpty ? [] : [atoms]
        case .not:
            return []
        }
    }
}

/// One literal fact an event may have, for the rule index: a field equal to a text, a field whose last
/// path component (after the last backslash) equals a text, a field that contains a text, or some field
/// that contains a text (a keyword; `field` is then empty). All lower case.
struct IndexAtom: Hashable, Sendable {
    enum Space: Hashable, Sendable { case exact, leaf, contains, keyword }
    var space: Space
    var field: String
    var key: [UInt8]

    /// How many events a requirement lets through, roughly: `EventID` and `Channel` are shared by many.
    static func cost(_ atoms: Set<IndexAtom>) -> Int {
        atoms.reduce(0) { total, a in
            switch (a.field, a.space) {
            case ("Channel", _): total + 1000
            case ("EventID", _): total + 100
            // A short substring occurs in many values.
            case (_, .contains), (_, .keyword): total + (a.key.count >= 4 ? 3 : 30)
            default: total + 1
            }
        }
    }
}
