import SigmaKit

/// One window in which a correlation's condition held, for one group-by value.
public struct CorrelationMatch: Sendable, Hashable {
    /// An event in the window.
    public struct Record: Sendable, Hashable {
        public var event: String
        /// 0-based index of the record in its file.
        public var record: Int
        /// The event's time as written.
        public var time: String
        /// Indices into the rule set's `rules` of the correlation's rules this event matched.
        public var rules: [Int]
    }

    /// Index into the correlation set's `correlations`.
    public var correlation: Int
    /// By group-by entry (the correlation's `group-by`, alias names as written): the group's value.
    public var group: [String]
    /// The times of the window's first and last events, as written.
    public var start: String
    public var end: String
    /// The number the condition tested: events (event_count), distinct values (value_count), distinct rules
    /// (temporal) or rules matched in order (temporal_ordered).
    public var count: Int
    public var records: [Record]
}

/// Collects what a correlation set needs from each matched event, then finds the windows.
///
/// Windows open at an event and hold every later event of the group within the timespan; the first window
/// whose count meets the condition is reported and the next one opens after its last event, so a burst is
/// reported once per timespan. Events without a time, or without a value for a group-by field, take no part
/// (as SIEM aggregations drop events that lack their `by` fields).
public struct CorrelationCollector: Sendable {
    public let set: CorrelationSet
    /// Matched events fed to a correlation that had no readable time.
    public private(set) var eventsWithoutTime = 0

    struct Observation: Sendable {
        var time: Double
        var timeText: String
        var sequence: Int
        var members: [Int]
        var value: String?
        var path: Int
        var record: Int
    }

    private var paths: [String] = []
    private var pathIndex: [String: Int] = [:]
    private var sequence = 0
    /// By correlation: group key to its observations in arrival order.
    private var groups: [[[String]: [Observation]]]
    /// By correlation: group keys in order of first appearance (deterministic output).
    private var groupOrder: [[[String]]]

    public init(_ set: CorrelationSet) {
        self.set = set
        groups = Array(repeating: [:], count: set.correlations.count)
        groupOrder = Array(repeating: [], count: set.correlations.count)
    }

    /// Records one event: `hits` are the rule-set indices it matched, `field` reads its values.
    public mutating func add(hits: [Int], event path: String, record: Int, field: (String) -> String?) {
        var fed: [(correlation: Int, member: Int)] = []
        for rule in hits { if let f = set.feeds[rule] { fed += f } }
        guard !fed.isEmpty else { return }
        guard let when = eventTime(field) else {
            eventsWithoutTime += 1
            return
        }
        let (time, timeText) = when
        let p: Int
        if let known = pathIndex[path] { p = known } else {
            p = paths.count
            paths.append(path)
            pathIndex[path] = p
        }
        // One observation per correlation and group: an event matching two of its rules counts once.
        var pending: [Int: [[String]: Observation]] = [:]
        for (c, m) in fed {
            let correlation = set.correlations[c]
            var key: [String] = []
            key.reserveCapacity(correlation.groupFields[m].count)
            var complete = true
            for name in correlation.groupFields[m] {
                guard let v = field(name) else { complete = false; break }
                key.append(v)
            }
            guard complete else { continue }
            var value: String?
            if !correlation.valueFields[m].isEmpty {
                let parts = correlation.valueFields[m].map(field)
                if parts.allSatisfy({ $0 != nil }) { value = parts.map { $0! }.joined(separator: "\u{1F}") }
            }
            if var existing = pending[c]?[key] {
                existing.members.append(m)
                if existing.value == nil { existing.value = value }
                pending[c]![key] = existing
            } else {
                pending[c, default: [:]][key] = Observation(time: time, timeText: timeText, sequence: sequence, members: [m],
                                                            value: value, path: p, record: record)
            }
        }
        sequence += 1
        for (c, byKey) in pending.sorted(by: { $0.key < $1.key }) {
            for (key, observation) in byKey.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                if groups[c][key] == nil { groupOrder[c].append(key) }
                groups[c][key, default: []].append(observation)
            }
        }
    }

    private func eventTime(_ field: (String) -> String?) -> (Double, String)? {
        for name in set.timeFields {
            if let text = field(name), let seconds = CorrelationTime.seconds(text) { return (seconds, text) }
        }
        return nil
    }

    /// Every window that meets its correlation's condition: by correlation, then window start, then group
    /// (first seen first).
    public func matches() -> [CorrelationMatch] {
        var out: [CorrelationMatch] = []
        for (c, correlation) in set.correlations.enumerated() {
            var found: [(start: Double, order: Int, match: CorrelationMatch)] = []
            for (order, key) in groupOrder[c].enumerated() {
                let observations = groups[c][key]!.sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
                for window in Self.windows(observations, correlation) {
                    let slice = observations[window.range]
                    let records = slice.map {
                        CorrelationMatch.Record(event: paths[$0.path], record: $0.record, time: $0.timeText,
                                                rules: $0.members.map { correlation.members[$0] })
                    }
                    let match = CorrelationMatch(correlation: c, group: key, start: slice.first!.timeText,
                                                 end: slice.last!.timeText, count: window.count, records: records)
                    found.append((slice.first!.time, order, match))
                }
            }
            found.sort { ($0.start, $0.order) < ($1.start, $1.order) }
            out += found.map(\.match)
        }
        return out
    }

    /// The reported windows of one group's observations (sorted by time) and the count each met.
    static func windows(_ o: [Observation], _ c: CompiledCorrelation) -> [(range: Range<Int>, count: Int)] {
        var out: [(range: Range<Int>, count: Int)] = []
        var memberCounts = Array(repeating: 0, count: c.members.count)
        var valueCounts: [String: Int] = [:]
        func add(_ x: Observation) {
            for m in x.members { memberCounts[m] += 1 }
            if let v = x.value { valueCounts[v, default: 0] += 1 }
        }
        func remove(_ x: Observation) {
            for m in x.members { memberCounts[m] -= 1 }
            if let v = x.value {
                let n = valueCounts[v]! - 1
                valueCounts[v] = n == 0 ? nil : n
            }
        }
        var j = 0, e = 0
        while j < o.count {
            while e < o.count, o[e].time - o[j].time <= c.span {
                add(o[e])
                e += 1
            }
            let count: Int
            var holds: Bool
            switch c.rule.type {
            case .eventCount:
                count = e - j
            case .valueCount:
                count = valueCounts.count
            case .temporalOrdered:
                // A window opens only at an event of the first rule, so the chain is what is reported.
                var next = 0
                if o[j].members.contains(0) {
                    for x in o[j..<e] where next < c.members.count && x.members.contains(next) { next += 1 }
                }
                count = next
            default:
                count = memberCounts.filter { $0 > 0 }.count
            }
            holds = c.holds(Double(count)) && (c.rule.type != .temporalOrdered || o[j].members.contains(0))
            if let expression = c.expression {
                holds = Self.evaluate(expression) { name in
                    c.expressionNames.firstIndex(of: name).map { memberCounts[$0] > 0 } ?? false
                }
            }
            if holds {
                out.append((range: j..<e, count: count))
                memberCounts = Array(repeating: 0, count: c.members.count)
                valueCounts = [:]
                j = e
            } else {
                remove(o[j])
                j += 1
            }
        }
        return out
    }

    /// A temporal condition expression, identifiers true when that rule matched in the window.
    static func evaluate(_ e: ConditionExpression, _ present: (String) -> Bool) -> Bool {
        switch e {
        case .identifier(let name): present(name)
        case .and(let parts): parts.allSatisfy { evaluate($0, present) }
        case .or(let parts): parts.contains { evaluate($0, present) }
        case .not(let inner): !evaluate(inner, present)
        case .selector(let quantifier, _, let matched):
            quantifier == .all ? matched.allSatisfy(present) : matched.contains(where: present)
        }
    }
}
