import GRDB

/// A row of `attack_tactic`.
public struct AttackTacticRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attack_tactic"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// `TA0003`
    public var id: String
    /// `persistence`
    public var shortName: String
    public var name: String
    public var url: String?

    public init(id: String, shortName: String, name: String, url: String? = nil) {
        self.id = id
        self.shortName = shortName
        self.name = name
        self.url = url
    }
}

/// A row of `attack_technique` (techniques and sub-techniques).
public struct AttackTechniqueRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attack_technique"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// `T1053.003`
    public var id: String
    public var name: String
    public var parentId: String?
    public var isSubtechnique: Bool
    /// JSON array of platform names.
    public var platforms: String
    public var url: String?
    public var deprecated: Bool
    public var revoked: Bool
    public var revokedBy: String?
}

/// A row of `attack_technique_tactic`.
public struct AttackTechniqueTacticRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attack_technique_tactic"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var techniqueId: String
    /// Tactic short name.
    public var tactic: String
}
