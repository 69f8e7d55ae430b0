import SigmaKit

/// The engine's version, stored with rule test results so a changed engine shows as not validated.
public enum SigmaEvalVersion {
    public static let current = "1.0"
}

/// Compiled rules indexed so that an event is tested only against rules that can match it.
///
/// Each rule is filed under one literal equality it requires (the most selective: a field other than
/// `EventID`/`Channel` first, then `EventID`, then `Channel`; in log-source mode every Windows rule has
/// one); rules without one are tested against every event.
public struct RuleSet: Sendable {
    public let rules: [CompiledRule]
    /// Rules that cannot be evaluated, with the reason.
    public let refused: [(rule: SigmaRule, reason: RuleRefusal)]
    /// Rules left out because their log source takes no event in this mode (not Windows, log-source mode).
    public let notApplicable: [SigmaRule]
    public let mode: EvaluationMode

    private var index: [String: [[UInt8]: [Int]]] = [:]
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
            let best = rule.root.requirements.min { a, b in
                (Self.fieldRank(a.field), a.keys.count) < (Self.fieldRank(b.field), b.keys.count)
            }
            guard let best else { unindexed.append(i); continue }
            for key in best.keys { index[best.field, default: [:]][key, default: []].append(i) }
        }
    }

    static func fieldRank(_ field: String) -> Int {
        switch field {
        case "Channel": 2
        case "EventID": 1
        default: 0
        }
    }

    /// How many rules are tested against every event (no literal to index them by).
    public var unindexedCount: Int { unindexed.count }

    /// Indices into `rules` of the rules `event` matches, ascending.
    public func matches(_ event: Event) -> [Int] {
        var out: [Int] = []
        for i in unindexed where rules[i].root.matches(event) { out.append(i) }
        var fromIndex = false
        for (field, table) in index {
            guard let value = event.fields[field], let candidates = table[value.lowered] else { continue }
            for i in candidates where rules[i].root.matches(event) { out.append(i); fromIndex = true }
        }
        if fromIndex { out.sort() }
        return out
    }
}
