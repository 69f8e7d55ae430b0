import GRDB

/// The `rule` table row mapping of `RuleRecord` (the struct itself lives with the plain values).
extension RuleRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rule"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The row of a Sigma id (lower-cased). The table's primary key is its integer `key` (the full-text index's
    /// rowid); the id is a unique key, and lookups by id go through here.
    public static func fetchOne(_ db: Database, key id: String) throws -> RuleRecord? {
        try RuleRecord.filter(Column("id") == id).fetchOne(db)
    }
}

/// A row of `rule_tag`.
public struct RuleTagRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rule_tag"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var ruleId: String
    public var position: Int
    public var tag: String
    public var namespace: String
    public var value: String
    public var technique: String?
    public var tactic: String?
}

/// A row of `rule_reference`.
public struct RuleReferenceRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rule_reference"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var ruleId: String
    public var position: Int
    public var url: String
}

/// A row of `rule_falsepositive`: one line of the rule's own `falsepositives:`.
public struct RuleFalsePositiveRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rule_falsepositive"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var ruleId: String
    public var position: Int
    public var text: String
}

/// A row of `rule_related`.
public struct RuleRelatedRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rule_related"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var ruleId: String
    public var position: Int
    public var relatedId: String
    public var type: String
}
