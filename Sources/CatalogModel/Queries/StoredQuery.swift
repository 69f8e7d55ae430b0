import Foundation

/// A stored query as shown to users, with whether it is out of date.
public struct StoredQuery: Sendable, Hashable, Codable {
    public var ruleId: String
    public var key: String
    public var target: String
    public var pipeline: String?
    public var query: String?
    public var error: String?
    public var errorKind: String?
    public var generatorVersion: String
    public var generatedAt: String
    /// True when the rule changed or the generator is newer since the query was generated.
    public var stale: Bool

    public init(ruleId: String, key: String, target: String, pipeline: String? = nil, query: String? = nil, error: String? = nil, errorKind: String? = nil, generatorVersion: String, generatedAt: String, stale: Bool) {
        self.ruleId = ruleId
        self.key = key
        self.target = target
        self.pipeline = pipeline
        self.query = query
        self.error = error
        self.errorKind = errorKind
        self.generatorVersion = generatorVersion
        self.generatedAt = generatedAt
        self.stale = stale
    }
}
