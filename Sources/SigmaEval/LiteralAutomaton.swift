/// An Aho-Corasick automaton over the literals rules require a field to contain: one pass over a value
/// reports every rule one of whose literals occurs in it.
///
/// Written by hand (no Swift package offers a byte-level multi-pattern matcher) because most rules
/// name only substrings (`CommandLine|contains`), so a field-equality index leaves them unindexed, and
/// testing each of them on every event is where the time went.
struct LiteralAutomaton: Sendable {
    /// Byte to input class (0: a byte no literal holds).
    private var classOf: [UInt8] = Array(repeating: 0, count: 256)
    private var classes = 1
    /// Dense transitions, `next[state * classes + class]`, premultiplied: the target state times
    /// `classes`, bit-inverted (negative) when literals end there, so the common step is one load and
    /// one add, with no lookup of the target's hits.
    private var next: [Int32] = []
    /// Per state: the range of `hits` holding the rules whose literal ends there (failure links merged).
    private var hitStart: [Int32] = []
    private var hitCount: [Int32] = []
    private var hits: [Int32] = []

    /// `literals`: each non-empty literal with the rules that require it.
    init(_ literals: [[UInt8]: [Int]]) {
        var byteSeen = [Bool](repeating: false, count: 256)
        for key in literals.keys { for b in key { byteSeen[Int(b)] = true } }
        for b in 0..<256 where byteSeen[b] {
            classOf[b] = UInt8(truncatingIfNeeded: classes)
            classes += 1
        }
        // The trie, transitions as a flat table filled in as states appear.
        var table: [Int32] = Array(repeating: -1, count: classes)
        var own: [[Int]] = [[]]
        for (key, rules) in literals where !key.isEmpty {
            var s = 0
            for b in key {
                let c = Int(classOf[Int(b)])
                var t = Int(table[s * classes + c])
                if t < 0 {
                    t = own.count
                    own.append([])
                    table.append(contentsOf: repeatElement(-1, count: classes))
                    table[s * classes + c] = Int32(t)
                }
                s = t
            }
            own[s] += rules
        }
        // Breadth first: failure links, missing transitions through them, outputs merged along them.
        let count = own.count
        var fail = [Int](repeating: 0, count: count)
        var merged = own
        var queue: [Int] = []
        queue.reserveCapacity(count)
        for c in 0..<classes {
            let t = Int(table[c])
            if t < 0 { table[c] = 0 } else { fail[t] = 0; queue.append(t) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            if !merged[fail[s]].isEmpty { merged[s] += merged[fail[s]] }
            for c in 0..<classes {
                let t = Int(table[s * classes + c])
                if t < 0 {
                    table[s * classes + c] = table[fail[s] * classes + c]
                } else {
                    fail[t] = Int(table[fail[s] * classes + c])
                    queue.append(t)
                }
            }
        }
        precondition(count * classes < Int(Int32.max), "literal automaton too large")
        // In place: a mapped copy would double the loading peak (the automata are built at once).
        for k in table.indices {
            let target = Int(table[k])
            let scaled = Int32(target * classes)
            table[k] = merged[target].isEmpty ? scaled : ~scaled
        }
        next = table
        hitStart.reserveCapacity(count)
        hitCount.reserveCapacity(count)
        for m in merged {
            let unique = Array(Set(m)).sorted()
            hitStart.append(Int32(hits.count))
            hitCount.append(Int32(unique.count))
            hits += unique.map { Int32($0) }
        }
    }

    /// Sets the bit of every entry with a literal in `value`; true when one was found.
    @discardableResult
    func scan(_ value: UnsafeBufferPointer<UInt8>, into found: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        var hit = false
        next.withUnsafeBufferPointer { next in
            hitCount.withUnsafeBufferPointer { hitCount in
                hitStart.withUnsafeBufferPointer { hitStart in
                    hits.withUnsafeBufferPointer { hits in
                        classOf.withUnsafeBufferPointer { classOf in
                            do {
                                var s = 0
                                let classes = self.classes
                                for b in value {
                                    let t = Int(next[s + Int(classOf[Int(b)])])
                                    if t >= 0 { s = t; continue }
                                    s = ~t
                                    hit = true
                                    let state = s / classes
                                    let start = Int(hitStart[state]), n = Int(hitCount[state])
                                    for k in start..<(start + n) {
                                        let r = Int(hits[k])
                                        found[r >> 6] |= 1 << UInt64(r & 63)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return hit
    }
}
