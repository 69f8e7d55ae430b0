import SigmaKit

/// A correlation rule ready to evaluate over a rule set's matches: references resolved to the set's rules,
/// group-by fields resolved through aliases per referenced rule, the timespan and thresholds as numbers.
public struct CompiledCorrelation: Sendable {
    public let rule: CorrelationRule
    /// Indices into the rule set's `rules`, in the order of `rules:` (the order temporal_ordered requires).
    let members: [Int]
    /// By member, by group-by entry: the event field holding that group value.
    let groupFields: [[String]]
    /// By member: the fields whose values value_count counts (several are one combined value).
    let valueFields: [[String]]
    let span: Double
    let thresholds: [(op: String, value: Double)]
    /// A temporal condition written as an expression over the rules' names or ids.
    let expression: ConditionExpression?
    /// By member: the name the expression uses for it.
    let expressionNames: [String]

    /// Whether `count` meets every threshold (several are a range, ANDed).
    func holds(_ count: Double) -> Bool {
        thresholds.allSatisfy { t in
            switch t.op {
            case "gt": count > t.value
            case "gte": count >= t.value
            case "lt": count < t.value
            case "lte": count <= t.value
            case "eq": count == t.value
            case "neq": count != t.value
            default: false
            }
        }
    }
}

/// Correlation rules compiled against a `RuleSet`, with the ones that cannot be evaluated and why.
public struct CorrelationSet: Sendable {
    public let correlations: [CompiledCorrelation]
    public let refused: [(rule: CorrelationRule, reason: String)]
    /// Fields an event's time is read from, first present wins.
    public let timeFields: [String]
    /// By rule index of the rule set: (correlation, member) pairs that rule feeds.
    let feeds: [Int: [(correlation: Int, member: Int)]]

    public var isEmpty: Bool { correlations.isEmpty }

    /// Rule indices whose own matches are not reported: every correlation referencing them leaves
    /// `generate` false (the spec: referenced rules are then only the correlation's input).
    public var hiddenRules: Set<Int> {
        var shown = Set<Int>(), referenced = Set<Int>()
        for c in correlations {
            referenced.formUnion(c.members)
            if c.rule.generate { shown.formUnion(c.members) }
        }
        return referenced.subtracting(shown)
    }

    public init(correlations input: [CorrelationRule], rules set: RuleSet,
                timeFields: [String] = CorrelationTime.standardFields) {
        self.timeFields = timeFields
        var byReference: [String: Int] = [:]
        for (i, compiled) in set.rules.enumerated() {
            // The first rule of an id or name wins, as in a file read top to bottom.
            for key in [compiled.rule.id?.lowercased(), compiled.rule.name].compactMap({ $0 }) where byReference[key] == nil {
                byReference[key] = i
            }
        }
        var unusable: [String: String] = [:]
        for (rule, reason) in set.refused {
            for key in [rule.id?.lowercased(), rule.name].compactMap({ $0 }) { unusable[key] = "is not evaluated (\(reason.reason))" }
        }
        for rule in set.notApplicable {
            for key in [rule.id?.lowercased(), rule.name].compactMap({ $0 }) { unusable[key] = "takes no event in this mode (its log source)" }
        }
        var correlationKeys = Set<String>()
        for c in input { correlationKeys.formUnion([c.id?.lowercased(), c.name].compactMap { $0 }) }

        var compiled: [CompiledCorrelation] = []
        var refused: [(rule: CorrelationRule, reason: String)] = []
        var feeds: [Int: [(correlation: Int, member: Int)]] = [:]
        for c in input {
            switch Self.compile(c, byReference: byReference, unusable: unusable, correlationKeys: correlationKeys, set: set) {
            case .failure(let refusal):
                refused.append((rule: c, reason: refusal.reason))
            case .success(let done):
                for (m, rule) in done.members.enumerated() { feeds[rule, default: []].append((correlation: compiled.count, member: m)) }
                compiled.append(done)
            }
        }
        self.correlations = compiled
        self.refused = refused
        self.feeds = feeds
    }

    private static func compile(_ c: CorrelationRule, byReference: [String: Int], unusable: [String: String],
                                correlationKeys: Set<String>, set: RuleSet) -> Result<CompiledCorrelation, RuleRefusal> {
        let supported: [CorrelationType] = [.eventCount, .valueCount, .temporal, .temporalOrdered]
        guard supported.contains(c.type) else { return .failure(RuleRefusal("\(c.type.rawValue) correlations are not evaluated")) }
        guard let span = CorrelationTime.timespan(c.timespan) else {
            return .failure(RuleRefusal("timespan '\(c.timespan)' is not a number and one of s, m, h, d, w, M, y"))
        }
        guard !c.rules.isEmpty else { return .failure(RuleRefusal("the correlation names no rules")) }
        var members: [Int] = []
        for reference in c.rules {
            let key = byReference[reference] != nil ? reference : reference.lowercased()
            if let i = byReference[key] {
                if members.contains(i) { return .failure(RuleRefusal("rule '\(reference)' is referenced twice")) }
                members.append(i)
            } else if let why = unusable[reference] ?? unusable[reference.lowercased()] {
                return .failure(RuleRefusal("referenced rule '\(reference)' \(why)"))
            } else if correlationKeys.contains(reference) || correlationKeys.contains(reference.lowercased()) {
                return .failure(RuleRefusal("referenced rule '\(reference)' is a correlation: chained correlations are not evaluated"))
            } else {
                return .failure(RuleRefusal("referenced rule '\(reference)' is not among the loaded rules"))
            }
        }
        // An alias maps a rule's name (or id) to its field; a rule it does not mention reads the alias's own name.
        func field(_ name: String, member: Int) -> String {
            guard let alias = c.aliases[name] else { return name }
            let rule = set.rules[members[member]].rule
            for key in [rule.name, rule.id, c.rules[member]].compactMap({ $0 }) {
                if let f = alias[key] { return f }
            }
            return name
        }
        let groupFields = members.indices.map { m in c.groupBy.map { field($0, member: m) } }
        var valueFields = members.map { _ in [String]() }
        if c.type == .valueCount {
            guard let names = c.conditions.first?.field, !names.isEmpty else {
                return .failure(RuleRefusal("value_count correlation condition has no field"))
            }
            let list = names.split(separator: ",").map { String($0) }
            valueFields = members.indices.map { m in list.map { field($0, member: m) } }
        }
        var thresholds = c.conditions.map { (op: $0.op, value: $0.value.doubleValue) }
        if thresholds.isEmpty {
            guard c.type == .temporal || c.type == .temporalOrdered else {
                return .failure(RuleRefusal("\(c.type.rawValue) correlation has no condition"))
            }
            thresholds = [("gte", Double(members.count))]
        }
        let known = ["gt", "gte", "lt", "lte", "eq", "neq"]
        if let bad = thresholds.first(where: { !known.contains($0.op) }) {
            return .failure(RuleRefusal("condition operator '\(bad.op)' is not one of \(known.joined(separator: ", "))"))
        }
        if c.extendedExpression != nil, c.type == .temporalOrdered {
            return .failure(RuleRefusal("a condition expression on temporal_ordered is not evaluated"))
        }
        return .success(CompiledCorrelation(rule: c, members: members, groupFields: groupFields, valueFields: valueFields,
                                            span: span, thresholds: thresholds, expression: c.extendedExpression,
                                            expressionNames: c.rules))
    }
}
