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

    func matches(_ event: Event) -> Bool {
        let result: Bool
        if let field {
            let value = event.fields[field]
            if requireAll {
                result = !tests.isEmpty && tests.allSatisfy { $0.matches(value, in: event) }
            } else {
                result = tests.contains { $0.matches(value, in: event) }
            }
        } else {
            let values = event.fields.values
            func anyField(_ t: ValueTest) -> Bool { values.contains { t.matches($0, in: event) } }
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

    func matches(_ event: Event) -> Bool {
        switch self {
        case .item(let item): return item.matches(event)
        case .all(let nodes):
            for n in nodes where !n.matches(event) { return false }
            return true
        case .any(let nodes):
            for n in nodes where n.matches(event) { return true }
            return false
        case .not(let n): return !n.matches(event)
        }
    }

    /// A literal equality the event must satisfy for the node to match: the field and the lower-case
    /// values one of which it must hold. Used to index rules.
    struct Requirement {
        var field: String
        var keys: Set<[UInt8]>
    }

    var requirements: [Requirement] {
        switch self {
        case .item(let item):
            guard let field = item.field, !item.negated, !item.tests.isEmpty else { return [] }
            let considered = item.requireAll ? [item.tests[0]] : item.tests
            var keys = Set<[UInt8]>()
            for t in considered {
                guard let k = t.exactKeys else { return [] }
                keys.formUnion(k)
            }
            return [Requirement(field: field, keys: keys)]
        case .all(let nodes):
            return nodes.flatMap(\.requirements)
        case .any(let nodes):
            guard let first = nodes.first else { return [] }
            let rest = nodes.dropFirst().map(\.requirements)
            var out: [Requirement] = []
            for r in first.requirements {
                var merged = r
                var everywhere = true
                for branch in rest {
                    guard let same = branch.first(where: { $0.field == r.field }) else { everywhere = false; break }
                    merged.keys.formUnion(same.keys)
                }
                if everywhere { out.append(merged) }
            }
            return out
        case .not:
            return []
        }
    }
}
