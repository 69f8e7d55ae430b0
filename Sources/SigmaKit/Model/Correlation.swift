/// Correlation types of the Sigma correlation specification.
public enum CorrelationType: String, Sendable, Hashable, Codable, CaseIterable {
    case eventCount = "event_count"
    case valueCount = "value_count"
    case temporal
    case temporalOrdered = "temporal_ordered"
    case valueSum = "value_sum"
    case valueAvg = "value_avg"
    case valuePercentile = "value_percentile"
    case valueMedian = "value_median"
}

/// A threshold of a correlation `condition:` (`gte: 10`).
public struct CorrelationCondition: Sendable, Hashable, Codable {
    /// gt, gte, lt, lte, eq, neq
    public var op: String
    public var value: SigmaNumber
    /// The field counted or summed (value_* types).
    public var field: String?
    /// The percentile of a `value_percentile` correlation.
    public var percentile: Int?

    public init(op: String, value: SigmaNumber, field: String? = nil, percentile: Int? = nil) {
        self.op = op
        self.value = value
        self.field = field
        self.percentile = percentile
    }
}

/// A Sigma correlation rule (a document with `correlation:`).
public struct CorrelationRule: Sendable, Hashable, Codable {
    public var title: String
    public var id: String?
    public var name: String?
    public var status: RuleStatus?
    public var description: String?
    public var author: String?
    public var date: String?
    public var modified: String?
    public var level: RuleLevel?
    public var tags: [String]
    public var references: [String]
    public var falsepositives: [String]
    public var type: CorrelationType
    /// Referenced rules by id or name.
    public var rules: [String]
    public var groupBy: [String]
    /// e.g. `1h`, `15m`.
    public var timespan: String
    public var conditions: [CorrelationCondition]
    /// `aliases:` alias → (rule name → field).
    public var aliases: [String: [String: String]]
    public var generate: Bool
    public var custom: [String: String]
    /// A boolean expression over rule names (`rule_a and not rule_b`) of temporal correlations.
    public var extendedCondition: String? = nil
    /// `extendedCondition` parsed (identifiers are rule references).
    public var extendedExpression: ConditionExpression? = nil

    public init(title: String, id: String? = nil, name: String? = nil, status: RuleStatus? = nil,
                description: String? = nil, author: String? = nil, date: String? = nil, modified: String? = nil,
                level: RuleLevel? = nil, tags: [String] = [], references: [String] = [], falsepositives: [String] = [],
                type: CorrelationType, rules: [String], groupBy: [String] = [], timespan: String,
                conditions: [CorrelationCondition] = [], aliases: [String: [String: String]] = [:],
                generate: Bool = false, custom: [String: String] = [:]) {
        self.title = title
        self.id = id
        self.name = name
        self.status = status
        self.description = description
        self.author = author
        self.date = date
        self.modified = modified
        self.level = level
        self.tags = tags
        self.references = references
        self.falsepositives = falsepositives
        self.type = type
        self.rules = rules
        self.groupBy = groupBy
        self.timespan = timespan
        self.conditions = conditions
        self.aliases = aliases
        self.generate = generate
        self.custom = custom
    }
}

/// A Sigma filter document (a document with `filter:`): detections ANDed NOT into the rules it names.
public struct SigmaFilter: Sendable, Hashable, Codable {
    public var title: String
    public var id: String?
    public var name: String?
    public var description: String?
    public var author: String?
    public var date: String?
    public var modified: String?
    public var logsource: LogSource
    /// Rule ids or names the filter applies to.
    public var rules: [String]
    public var detection: Detections
    /// `rules: any` (or an empty list): the filter applies to every rule of its log source.
    public var appliesToAnyRule: Bool = false

    public init(title: String, id: String? = nil, name: String? = nil, description: String? = nil,
                author: String? = nil, date: String? = nil, modified: String? = nil,
                logsource: LogSource, rules: [String], detection: Detections) {
        self.title = title
        self.id = id
        self.name = name
        self.description = description
        self.author = author
        self.date = date
        self.modified = modified
        self.logsource = logsource
        self.rules = rules
        self.detection = detection
    }
}
