import SigmaKit

/// How a rule's log source is used.
public enum EvaluationMode: String, Sendable, CaseIterable {
    /// The detection and condition alone.
    case detection
    /// Also the channel and event ID conditions the log source maps to (see `LogsourceMapping`).
    case logsource
}

/// A rule the engine cannot evaluate, with the reason (listed once, not per event).
public struct RuleRefusal: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A Sigma rule compiled once into a matcher.
public struct CompiledRule: Sendable {
    public let rule: SigmaRule
    /// The condition tree, fields numbered by the rule's own `table` (a `RuleSet` renumbers them by its own).
    let root: MatchNode
    let table: FieldTable
    let hasKeywords: Bool

    init(rule: SigmaRule, root: MatchNode) {
        self.rule = rule
        var table = FieldTable()
        self.root = root.resolved(&table)
        self.table = table
        self.hasKeywords = root.hasKeywords
    }

    /// Compiles `rule`; in `.logsource` mode a non-Windows log source yields nil (it takes no event).
    public static func compile(_ rule: SigmaRule, mode: EvaluationMode) throws(RuleRefusal) -> CompiledRule? {
        var logsource: [LogsourceMapping.Condition] = []
        if mode == .logsource {
            // The log source first: a rule that takes no event is not refused for its detection.
            switch LogsourceMapping.outcome(for: rule.logsource) {
            case .notWindows:
                return nil
            case .notMapped:
                throw RuleRefusal("log source \(describe(rule.logsource)) is not mapped to a Windows channel or event ID")
            case .conditions(let conditions):
                logsource = conditions
            }
        }
        var root = try compileDetection(rule.detection)
        if !logsource.isEmpty {
            let nodes = logsource.map { c in
                MatchNode.item(CompiledItem(field: c.field,
                                            tests: c.values.map { .string(StringPattern(SigmaString(plain: $0), cased: false)) },
                                            requireAll: false, negated: false))
            }
            root = .all(nodes + [root])
        }
        return CompiledRule(rule: rule, root: root)
    }

    public func matches(_ event: Event) -> Bool {
        Self.evaluate(root, table: table, allFields: hasKeywords, on: event)
    }

    /// One tree on one event (tests and samples; a hunt goes through `EventMatcher`).
    static func evaluate(_ root: MatchNode, table: FieldTable, allFields: Bool, on event: Event) -> Bool {
        var table = table
        var record = EventRecord(fieldCount: table.count)
        record.load(event, table: &table, allFields: allFields)
        return record.withView { root.matches($0) }
    }

    static func describe(_ ls: LogSource) -> String {
        let parts = [("product", ls.product), ("category", ls.category), ("service", ls.service)]
            .compactMap { k, v in v.map { "\(k): \($0)" } }
        return parts.isEmpty ? "(empty)" : parts.joined(separator: ", ")
    }

    static func compileDetection(_ detection: Detections) throws(RuleRefusal) -> MatchNode {
        guard !detection.conditions.isEmpty else { throw RuleRefusal("the rule has no condition") }
        var named: [String: MatchNode] = [:]
        for n in detection.named {
            named[n.name] = try compileGroup(n.body)
        }
        var conditions: [MatchNode] = []
        for c in detection.conditions {
            conditions.append(try compileCondition(c, named))
        }
        // A list of conditions: the rule matches when any of them does.
        return conditions.count == 1 ? conditions[0] : .any(conditions)
    }

    static func compileCondition(_ c: ConditionExpression, _ named: [String: MatchNode]) throws(RuleRefusal) -> MatchNode {
        switch c {
        case .identifier(let name):
            guard let node = named[name] else { throw RuleRefusal("the condition names '\(name)', which the detection does not define") }
            return node
        case .and(let items):
            var nodes: [MatchNode] = []
            for i in items { nodes.append(try compileCondition(i, named)) }
            return .all(nodes)
        case .or(let items):
            var nodes: [MatchNode] = []
            for i in items { nodes.append(try compileCondition(i, named)) }
            return .any(nodes)
        case .not(let inner):
            return .not(try compileCondition(inner, named))
        case .selector(let quantifier, let pattern, let matched):
            guard !matched.isEmpty else {
                throw RuleRefusal("'\(quantifier == .all ? "all" : "1") of \(pattern ?? "them")' selects no search identifier")
            }
            var nodes: [MatchNode] = []
            for name in matched {
                guard let node = named[name] else { throw RuleRefusal("the condition names '\(name)', which the detection does not define") }
                nodes.append(node)
            }
            return quantifier == .all ? .all(nodes) : .any(nodes)
        }
    }

    static func compileGroup(_ group: DetectionGroup) throws(RuleRefusal) -> MatchNode {
        var nodes: [MatchNode] = []
        for node in group.nodes {
            switch node {
            case .group(let g): nodes.append(try compileGroup(g))
            case .item(let item): nodes.append(try compileItem(item))
            }
        }
        return group.linking == .and ? .all(nodes) : .any(nodes)
    }

    static func keywordValue(_ value: SigmaValue) -> SigmaValue {
        switch value {
        case .string(var s, let cased):
            if !s.startsWithWildcard { s.prepend(.wildcardMulti) }
            if !s.endsWithWildcard { s.append(.wildcardMulti) }
            return .string(s, cased: cased)
        case .expansion(let members):
            return .expansion(members.map(keywordValue))
        default:
            return value
        }
    }

    static let timeModifiers: Set<Modifier> = [.minute, .hour, .day, .week, .month, .year]

    static func compileItem(_ item: DetectionItem) throws(RuleRefusal) -> MatchNode {
        if let time = item.modifiers.first(where: timeModifiers.contains) {
            throw RuleRefusal("the time modifier '\(time.rawValue)' is not supported")
        }
        var tests: [ValueTest] = []
        // A keyword is a word of the message, not the whole of a field: search it anywhere.
        let values = item.field == nil ? item.values.map(keywordValue) : item.values
        do {
            for v in values { tests.append(try ValueTest.compile(v)) }
        } catch {
            throw RuleRefusal(error.reason)
        }
        return .item(CompiledItem(field: item.field, tests: tests, requireAll: item.valueLinking == .and, negated: item.negated))
    }
}
