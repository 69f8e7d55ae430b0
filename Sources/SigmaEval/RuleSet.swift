import SigmaKit

/// The engine's version, stored with rule test results so a changed engine shows as not validated.
public enum SigmaEvalVersion {
    public static let current = "1.0"
}

/// Compiled rules indexed so that an event is tested only against rules that can match it.
///
/// Each rule is filed under literal facts one of which it requires: field equalities (`OriginalFileName`
/// = `whoami.exe`) or path leaves (`Image|endswith: '\\whoami.exe'` needs the last component `whoami.exe`),
/// preferring other fields over `EventID` and `Channel` (in log-source mode every Windows rule has those).
/// Rules without any are tested against every event.
public struct RuleSet: Sendable {
    public let rules: [CompiledRule]
    /// Rules that cannot be evaluated, with the reason.
    public let refused: [(rule: SigmaRule, reason: RuleRefusal)]
    /// Rules left out because their log source takes no event in this mode (not Windows, log-source mode).
    public let notApplicable: [SigmaRule]
    public let mode: EvaluationMode

    private var exact: [String: [[UInt8]: [Int]]] = [:]
    private var leaf: [String: [[UInt8]: [Int]]] = [:]
    private var unindexed: [Int] = []

    public init(rules input: [SigmaRule], mode: EvaluationMode) {
        var compiled: [CompiledRule] = []
        var refused: [(SigmaRule, RuleRefusal)] = []
        var notApplicable: [SigmaRule] = []
        for rule in input {
            do {
                if let c = try CompiledRule.compile(rule, mode: mode) { compiled.append(c) } else { notApplicable.append(rule) }
            } catch {
                refused.append((rule, error))
            }
        }
        self.rules = compiled
        self.refused = refused
        self.notApplicable = notApplicable
        self.mode = mode
        for (i, rule) in compiled.enumerated() {
            guard let best = rule.root.requirements.min(by: { IndexAtom.cost($0) < IndexAtom.cost($1) }) else {
                unindexed.append(i); continue
            }
            for atom in best {
                switch atom.space {
                case .exact: exact[atom.field, default: [:]][atom.key, default: []].append(i)
                case .leaf: leaf[atom.field, default: [:]][atom.key, default: []].append(i)
                }
            }
        }
    }

    /// How many rules are tested against every event (no literal to index them by).
    public var unindexedCount: Int { unindexed.count }

    /// Indices into `rules` of the rules `event` matches, ascending.
    public func matches(_ event: Event) -> [Int] {
        var candidates: [Int] = []
        for (field, value) in event.fields {
            if let table = exact[field], let hits = table[value.lowered] { candidates += hits }
            if let table = leaf[field] {
                let v = value.lowered
                let start = v.lastIndex(of: 0x5C).map { $0 + 1 } ?? 0
                if let hits = table[Array(v[start...])] { candidates += hits }
            }
        }
        var out: [Int] = []
        for i in unindexed where rules[i].root.matches(event) { out.append(i) }
        if candidates.isEmpty { return out }
        // A rule filed under several atoms may come up more than once.
        candidates.sort()
        var last = -1
        for i in candidates where i != last {
            last = i
            if rules[i].root.matches(event) { out.append(i) }
        }
        if !out.isEmpty, !unindexed.isEmpty { out.sort() }
        return out
    }
}
