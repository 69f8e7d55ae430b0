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

    /// Requirement ids by field and the hash of the whole lower-case value (`exact`) or of its last path
    /// component (`leaf`), and per field an automaton over the literals values must contain. Hashes, not
    /// the bytes, so a lookup allocates nothing; a collision only lets a requirement hold, and the rule is
    /// then evaluated in full.
    private var exact = HashIndex()
    private var leaf = HashIndex()
    /// By field id of `table`: bit 0 some exact key, bit 1 some leaf key.
    private var lookups: [UInt8] = []
    /// By field id: its automaton in `automata`, or -1.
    private var automatonOf: [Int32] = []
    private var automata: [LiteralAutomaton] = []
    /// Over the literals keywords need: run on every field of the event.
    private var keywordAutomaton: LiteralAutomaton?
    private var unindexed: [Int] = []
    /// The unindexed rules as a bit set, the start of every event's candidates.
    private(set) var always: [UInt64] = []
    /// Requirements (a set of atoms, one of which holds whenever the rule matches), numbered; each indexed
    /// rule is filed under its cheapest one (its trigger) and is a candidate when all of its hold.
    private var requirementCount = 0
    /// By requirement id: the rules it triggers.
    private var triggered: [[Int32]] = []
    /// By rule: its other requirements (all must hold too).
    private var othersOf: [[Int32]] = []

    /// Each rule's tree with fields numbered by `table`.
    let roots: [MatchNode]
    /// The same trees laid out flat, for matching.
    let program: FlatProgram
    /// Every field some rule reads.
    let table: FieldTable
    /// Some rule has keywords, so every field of an event is kept (not only those rules name).
    let allFields: Bool

    public init(rules input: [SigmaRule], mode: EvaluationMode) {
        var compiled: [CompiledRule] = []
        var refused: [(SigmaRule, RuleRefusal)] = []
        var notApplicable: [SigmaRule] = []
        // Compiling (regular expressions above all) is a good part of loading: on every core.
        let outcomes = Parallel.map(input.count) { i -> Result<CompiledRule?, RuleRefusal> in
            do throws(RuleRefusal) { return .success(try CompiledRule.compile(input[i], mode: mode)) } catch { return .failure(error) }
        }
        for (rule, outcome) in zip(input, outcomes) {
            switch outcome {
            case .success(let c?): compiled.append(c)
            case .success(nil): notApplicable.append(rule)
            case .failure(let error): refused.append((rule, error))
            }
        }
        self.rules = compiled
        self.refused = refused
        self.notApplicable = notApplicable
        self.mode = mode
        var table = FieldTable()
        roots = compiled.map { $0.root.resolved(&table) }
        program = FlatProgram(roots)
        allFields = compiled.contains { $0.hasKeywords }
        var ids: [Set<IndexAtom>: Int] = [:]
        var requirementAtoms: [Set<IndexAtom>] = []
        var triggered: [[Int32]] = []
        var othersOf = [[Int32]](repeating: [], count: compiled.count)
        for (i, rule) in compiled.enumerated() {
            let requirements = Array(Set(rule.root.requirements))
            guard let best = requirements.min(by: { IndexAtom.cost($0) < IndexAtom.cost($1) }) else {
                unindexed.append(i); continue
            }
            for requirement in requirements {
                let id: Int
                if let known = ids[requirement] {
                    id = known
                } else {
                    id = ids.count
                    ids[requirement] = id
                    requirementAtoms.append(requirement)
                    triggered.append([])
                }
                if requirement == best { triggered[id].append(Int32(i)) } else { othersOf[i].append(Int32(id)) }
            }
        }
        // Every requirement is indexed, so that whether it holds is known after one pass over the event:
        // searching a rule's other substrings one by one when it is triggered costs more than the automata.
        var exact: [UInt64: [Int32]] = [:], leaf: [UInt64: [Int32]] = [:]
        var literals: [Int: [[UInt8]: [Int]]] = [:]
        var keywordLiterals: [[UInt8]: [Int]] = [:]
        var lookups = [UInt8](repeating: 0, count: table.count)
        for (id, requirement) in requirementAtoms.enumerated() {
            for atom in requirement {
                if atom.space == .keyword { keywordLiterals[atom.key, default: []].append(id); continue }
                let field = table.id(for: atom.field)
                if field >= lookups.count { lookups += repeatElement(0, count: field + 1 - lookups.count) }
                let h = Self.key(field: field, atom.key.withUnsafeBufferPointer { Self.hash($0) })
                switch atom.space {
                case .exact: exact[h, default: []].append(Int32(id)); lookups[field] |= 1
                case .leaf: leaf[h, default: []].append(Int32(id)); lookups[field] |= 2
                case .contains: literals[field, default: [:]][atom.key, default: []].append(id)
                case .keyword: break
                }
            }
        }
        lookups += repeatElement(0, count: max(0, table.count - lookups.count))
        self.exact = HashIndex(exact)
        self.leaf = HashIndex(leaf)
        self.lookups = lookups
        let fields = literals.keys.sorted(), byField = literals
        automata = Parallel.map(fields.count) { LiteralAutomaton(byField[fields[$0]]!) }
        keywordAutomaton = keywordLiterals.isEmpty ? nil : LiteralAutomaton(keywordLiterals)
        var automatonOf = [Int32](repeating: -1, count: table.count)
        for (k, field) in fields.enumerated() { automatonOf[field] = Int32(k) }
        self.automatonOf = automatonOf
        self.table = table
        self.requirementCount = ids.count
        self.triggered = triggered
        self.othersOf = othersOf
        var always = [UInt64](repeating: 0, count: (compiled.count + 63) / 64)
        for i in unindexed { always[i >> 6] |= 1 << UInt64(i & 63) }
        self.always = always
    }

    /// The field table's hash: eight bytes a step, where every value of the event is hashed.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { FieldTable.hash(bytes) }

    /// The index key of a value hash on a field.
    @inline(__always)
    static func key(field: Int, _ h: UInt64) -> UInt64 {
        h ^ (UInt64(truncatingIfNeeded: field + 1) &* 0x9E3779B97F4A7C15)
    }

    /// How many rules are tested against every event (no literal to index them by).
    public var unindexedCount: Int { unindexed.count }

    /// Indices into `rules` of the rules `event` matches, ascending.
    public func matches(_ event: Event) -> [Int] {
        var matcher = EventMatcher(self)
        return matcher.matches(event)
    }

    /// The rules the event in `view` matches, ascending, into `out` (emptied first); `held` and `found`
    /// are scratch.
    func matches(_ view: EventView, held: inout [UInt64], found: inout [UInt64], into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        // Requirements that hold, then candidate rules, as bit sets: no duplicates, ascending order.
        held.removeAll(keepingCapacity: true)
        held.append(contentsOf: repeatElement(0, count: (requirementCount + 63) / 64))
        found.removeAll(keepingCapacity: true)
        found.append(contentsOf: always)
        var any = !unindexed.isEmpty
        var anyHeld = false
        held.withUnsafeMutableBufferPointer { held in
            lookups.withUnsafeBufferPointer { lookups in
                automatonOf.withUnsafeBufferPointer { automatonOf in
                    automata.withUnsafeBufferPointer { automata in
                        for id in view.present {
                            let id = Int(id)
                            guard id < lookups.count, let value = view.value(id) else { continue }
                            let v = value.low
                            let kinds = lookups[id]
                            if kinds & 1 != 0, exact.mark(Self.key(field: id, Self.hash(v)), into: held) { anyHeld = true }
                            if kinds & 2 != 0 {
                                var start = v.count
                                while start > 0, v[start - 1] != 0x5C { start -= 1 }
                                let h = Self.hash(UnsafeBufferPointer(rebasing: v[start...]))
                                if leaf.mark(Self.key(field: id, h), into: held) { anyHeld = true }
                            }
                            let a = Int(automatonOf[id])
                            if a >= 0, automata[a].scan(v, into: held) { anyHeld = true }
                        }
                        // Every field, the ones no rule names too (keywords search them all).
                        if let keywords = keywordAutomaton {
                            for id in view.present {
                                guard let value = view.value(Int(id)) else { continue }
                                if keywords.scan(value.low, into: held) { anyHeld = true }
                            }
                        }
                    }
                }
            }
        }
        if anyHeld {
            held.withUnsafeBufferPointer { held in
                triggered.withUnsafeBufferPointer { triggered in
                    othersOf.withUnsafeBufferPointer { othersOf in
                        for w in 0..<held.count {
                            var bits = held[w]
                            while bits != 0 {
                                let r = w << 6 | bits.trailingZeroBitCount
                                bits &= bits &- 1
                                rules: for i in triggered[r] {
                                    for o in othersOf[Int(i)] where held[Int(o) >> 6] & (1 << UInt64(o & 63)) == 0 { continue rules }
                                    found[Int(i) >> 6] |= 1 << UInt64(i & 63)
                                    any = true
                                }
                            }
                        }
                    }
                }
            }
        }
        guard any else { return }
        program.withRun(view) { run in
            for w in 0..<found.count {
                var bits = found[w]
                while bits != 0 {
                    let i = w << 6 | bits.trailingZeroBitCount
                    bits &= bits &- 1
                    if run.matches(rule: i) { out.append(i) }
                }
            }
        }
    }
}

/// A rule set's per-thread matching state: the event record and scratch buffers, reused from event to
/// event so matching one allocates nothing in the common case.
public struct EventMatcher: Sendable {
    public let set: RuleSet
    /// The set's fields, plus (when keywords need every field) the other names events have shown.
    var table: FieldTable
    var record: EventRecord
    var held: [UInt64] = []
    var found: [UInt64] = []
    var hits: [Int] = []

    public init(_ set: RuleSet) {
        self.set = set
        table = set.table
        record = EventRecord(fieldCount: table.count)
    }

    /// Indices into `set.rules` of the rules `event` matches, ascending.
    public mutating func matches(_ event: Event) -> [Int] {
        record.load(event, table: &table, allFields: set.allFields)
        return matchRecord()
    }

    /// Matches the event now in `record`.
    mutating func matchRecord() -> [Int] {
        let set = self.set
        var held = self.held, found = self.found, hits = self.hits
        self.held = []; self.found = []; self.hits = []
        record.withView { set.matches($0, held: &held, found: &found, into: &hits) }
        self.held = held
        self.found = found
        self.hits = hits
        return hits
    }

    /// The text of `field` in the event last matched, when it has one and some rule reads it.
    public func text(_ field: String) -> String? {
        table.lookup(field).flatMap { $0 < record.slots.count ? record.text($0) : nil }
    }
}
