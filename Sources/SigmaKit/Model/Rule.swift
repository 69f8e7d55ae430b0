/// Rule maturity per the spec.
public enum RuleStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case stable, test, experimental, deprecated, unsupported
}

/// Rule criticality per the spec, ordered from least to most severe.
public enum RuleLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case informational, low, medium, high, critical

    public var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: RuleLevel, b: RuleLevel) -> Bool { a.rank < b.rank }
}

/// A `related:` entry.
public struct RelatedRule: Sendable, Hashable, Codable {
    /// derived, obsolete, merged, renamed, similar
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }
}

/// A Sigma detection rule with all top-level fields of the spec, plus custom fields.
public struct SigmaRule: Sendable, Hashable, Codable {
    public var title: String
    public var id: String?
    public var name: String?
    public var related: [RelatedRule]
    public var taxonomy: String?
    public var status: RuleStatus?
    public var description: String?
    public var license: String?
    public var author: String?
    public var references: [String]
    /// ISO `YYYY-MM-DD` (the spec's `YYYY/MM/DD` is normalized).
    public var date: String?
    public var modified: String?
    public var logsource: LogSource
    public var detection: Detections
    public var fields: [String]
    public var falsepositives: [String]
    public var level: RuleLevel?
    public var tags: [String]
    public var scope: [String]
    /// Top-level keys outside the spec, as JSON text (kept, not dropped).
    public var custom: [String: String]
    /// Where each top-level key starts in the file (for diagnostics).
    public var keyPositions: [String: SourcePosition]

    public init(title: String, id: String? = nil, name: String? = nil, related: [RelatedRule] = [],
                taxonomy: String? = nil, status: RuleStatus? = nil, description: String? = nil,
                license: String? = nil, author: String? = nil, references: [String] = [],
                date: String? = nil, modified: String? = nil, logsource: LogSource,
                detection: Detections, fields: [String] = [], falsepositives: [String] = [],
                level: RuleLevel? = nil, tags: [String] = [], scope: [String] = [],
                custom: [String: String] = [:], keyPositions: [String: SourcePosition] = [:]) {
        self.title = title
        self.id = id
        self.name = name
        self.related = related
        self.taxonomy = taxonomy
        self.status = status
        self.description = description
        self.license = license
        self.author = author
        self.references = references
        self.date = date
        self.modified = modified
        self.logsource = logsource
        self.detection = detection
        self.fields = fields
        self.falsepositives = falsepositives
        self.level = level
        self.tags = tags
        self.scope = scope
        self.custom = custom
        self.keyPositions = keyPositions
    }
}
