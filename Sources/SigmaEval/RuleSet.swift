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

    /// Per indexed field: rule indices by the hash of the whole lower-case value and of its last path
    /// component. Hashes, not the bytes, so a lookup allocates nothing; a collision only adds a candidate,
    /// which is then evaluated in full.
    private struct FieldIndex: Sendable {
        var exact: [UInt64: [Int]] = [:]
        var leaf: [UInt64: [Int]] = [:]
        var literals: [[UInt8]: [Int]] = [:]
        var automaton: LiteralAutomaton?
    }
    private var index: [String: FieldIndex] = [:]
    private var unindexed: [Int] = []
    /// The unindexed rules as a bit set, the start of every event's candidates.
    private var always: [UInt64] = []

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
                let h = Self.hash(atom.key[...])
                switch atom.space {
                case .exact: index[atom.field, default: FieldIndex()].exact[h, default: []].append(i)
                case .leaf: index[atom.field, default: FieldIndex()].leaf[h, default: []].append(i)
                case .contains: index[atom.field, default: FieldIndex()].literals[atom.key, default: []].append(i)
                }
            }
        }
        for (field, table) in index where !table.literals.isEmpty {
            index[field]!.automaton = LiteralAutomaton(table.literals)
            index[field]!.literals = [:]
        }
        var always = [UInt64](repeating: 0, count: (compiled.count + 63) / 64)
        for i in unindexed { always[i >> 6] |= 1 << UInt64(i & 63) }
        self.always = always
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// How many rules are tested against every event (no literal to index them by).
    public var unindexedCount: Int { unindexed.count }

    /// Indices into `rules` of the rules `event` matches, ascending.
    public func matches(_ event: Event) -> [Int] {
        // Candidates as a bit set: no duplicates, and read out in ascending order.
        var found = always
        var any = !unindexed.isEmpty
        for (field, value) in event.fields {
            guard let table = index[field] else { continue }
            let v = value.lowered
            func mark(_ hits: [Int]) {
                for i in hits { found[i >> 6] |= 1 << UInt64(i & 63) }
                any = true
            }
            if !table.exact.isEmpty, let hits = table.exact[Self.hash(v[...])] { mark(hits) }
            if !table.leaf.isEmpty {
                let start = v.lastIndex(of: 0x5C).map { $0 + 1 } ?? 0
                if let hits = table.leaf[Self.hash(v[start...])] { mark(hits) }
            }
            if let automaton = table.automaton {
                automaton.scan(v, into: &found)
                any = true
            }
        }
        var out: [Int] = []
        guard any else { return out }
        for w in 0..<found.count {
            var bits = found[w]
            while bits != 0 {
                let i = w << 6 | bits.trailingZeroBitCount
                bits &= bits &- 1
                if rules[i].root.matches(event) { out.append(i) }
            }
        }
        return out
    }
}
