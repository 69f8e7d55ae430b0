/// Search filters; every filter that is set must match (AND); values of one repeatable filter are alternatives (OR).
public struct RuleQuery: Sendable, Hashable {
    /// FTS5 query over title, description, tags, detection text and false positives.
    public var text: String?
    /// `T1053` matches T1053 and its sub-techniques; `T1053.003` matches exactly; `attack.` prefix optional.
    public var techniques: [String] = []
    /// Tactic short names (`persistence`, `privilege_escalation`) or TA ids.
    public var tactics: [String] = []
    public var statuses: [String] = []
    public var levels: [String] = []
    public var products: [String] = []
    public var categories: [String] = []
    public var services: [String] = []
    /// Case-insensitive substring of the author field.
    public var authors: [String] = []
    /// `YYYY-MM-DD`, inclusive, on `modified` (else `date`).
    public var modifiedSince: String?
    /// `YYYY-MM-DD`, exclusive, on `modified` (else `date`).
    public var modifiedBefore: String?
    /// Rule kinds to include (`rule`, `correlation`, `filter`); empty means all.
    public var kinds: [String] = []
    /// Import sources (see `huntkb import --source`) the rule must belong to.
    public var sources: [String] = []
    /// The team's local status (`deployed`, `tuning`...; `none` for rules without one).
    public var localStatuses: [String] = []
    /// Rules removed from their source are hidden unless this is set.
    public var includeRemoved = false
    public var limit: Int?

    public init(text: String? = nil) {
        self.text = text
    }
}

/// One search hit: the fields list output needs.
public struct RuleSummary: Sendable, Hashable, Codable {
    /// The `logsource` triple.
    public struct LogSourceSummary: Sendable, Hashable, Codable {
        public var product: String?
        public var category: String?
        public var service: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(product, forKey: .product)
            try c.encode(category, forKey: .category)
            try c.encode(service, forKey: .service)
        }
    }

    public var id: String
    public var kind: String
    public var title: String
    public var status: String?
    public var level: String?
    public var date: String?
    public var modified: String?
    public var author: String?
    /// Normalized technique ids from the tags, in tag order.
    public var techniques: [String]
    /// Normalized tactic names from the tags, in tag order.
    public var tactics: [String]
    public var logsource: LogSourceSummary
    public var path: String

    private enum CodingKeys: String, CodingKey {
        case id, kind, title, status, level, date, modified, author, techniques, tactics, logsource, path
    }

    // Absent values are written as null (not omitted) so every object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(status, forKey: .status)
        try c.encode(level, forKey: .level)
        try c.encode(date, forKey: .date)
        try c.encode(modified, forKey: .modified)
        try c.encode(author, forKey: .author)
        try c.encode(techniques, forKey: .techniques)
        try c.encode(tactics, forKey: .tactics)
        try c.encode(logsource, forKey: .logsource)
        try c.encode(path, forKey: .path)
    }
}
