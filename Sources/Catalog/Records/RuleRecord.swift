import GRDB

/// A row of `rule`: one Sigma rule (or correlation/filter document) with its original text.
public struct RuleRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rule"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var kind: String
    public var title: String
    public var name: String?
    public var status: String?
    public var level: String?
    public var levelRank: Int
    public var description: String?
    public var author: String?
    public var license: String?
    public var taxonomy: String?
    public var date: String?
    public var modified: String?
    public var logsourceProduct: String?
    public var logsourceCategory: String?
    public var logsourceService: String?
    public var logsourceDefinition: String?
    /// JSON object.
    public var logsourceCustom: String
    /// JSON array.
    public var fields: String
    /// JSON array.
    public var scope: String
    /// JSON object of top-level keys outside the spec.
    public var custom: String
    public var detectionJson: String
    public var detectionText: String
    public var yaml: String
    public var contentHash: String
    public var sourcePath: String
    public var importedAt: String

    /// The row of a Sigma id (lower-cased). The table's primary key is its integer `key` (the full-text index's
    /// rowid); the id is a unique key, and lookups by id go through here.
    public static func fetchOne(_ db: Database, key id: String) throws -> RuleRecord? {
        try RuleRecord.filter(Column("id") == id).fetchOne(db)
    }

    /// Columns that change whenever the rule content changes (everything but bookkeeping).
    public func sameContent(as other: RuleRecord) -> Bool {
        var a = self, b = other
        a.importedAt = ""; b.importedAt = ""
        a.sourcePath = ""; b.sourcePath = ""
        return a == b
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
