import GRDB

/// A row of `rule_query`: one generated query (or the reason generation failed) for a rule and target.
public struct RuleQueryRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rule_query"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var ruleId: String
    /// `kusto`, `splunk`, `lucene`.
    public var target: String
    /// Empty when the target has no pipeline.
    public var pipeline: String
    public var query: String?
    public var error: String?
    public var errorKind: String?
    public var generatorVersion: String
    /// The rule's content hash when the query was generated.
    public var ruleHash: String
    public var generatedAt: String

    /// `kusto/sentinel_asim`, `splunk`: the key of `Converter.targets`.
    public var targetKey: String { pipeline.isEmpty ? target : "\(target)/\(pipeline)" }
}


extension StoredQuery {
    init(_ record: RuleQueryRecord, currentRuleHash: String?) {
        self.init(ruleId: record.ruleId, key: record.targetKey, target: record.target,
                  pipeline: record.pipeline.isEmpty ? nil : record.pipeline, query: record.query, error: record.error,
                  errorKind: record.errorKind, generatorVersion: record.generatorVersion, generatedAt: record.generatedAt,
                  stale: record.ruleHash != currentRuleHash || record.generatorVersion != QueryGenerator.generatorVersion)
    }
}
