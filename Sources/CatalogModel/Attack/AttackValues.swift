import Foundation

/// An ATT&CK id with its name (name nil when unknown to the loaded catalog).
public struct AttackRef: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?

    public init(id: String, name: String?) {
        self.id = id
        self.name = name
    }
}

/// A technique as shown to users: the stored row plus resolved names.
public struct AttackTechniqueInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var parent: AttackRef?
    public var tactics: [AttackRef]
    public var platforms: [String]
    public var url: String?
    public var deprecated: Bool
    public var revoked: Bool
    /// The replacement of a revoked technique.
    public var revokedBy: AttackRef?
    public var subtechniques: [AttackRef]
    /// The ATT&CK release that was loaded.
    public var attackVersion: String

    public init(id: String, name: String, parent: AttackRef? = nil, tactics: [AttackRef], platforms: [String], url: String? = nil, deprecated: Bool, revoked: Bool, revokedBy: AttackRef? = nil, subtechniques: [AttackRef], attackVersion: String) {
        self.id = id
        self.name = name
        self.parent = parent
        self.tactics = tactics
        self.platforms = platforms
        self.url = url
        self.deprecated = deprecated
        self.revoked = revoked
        self.revokedBy = revokedBy
        self.subtechniques = subtechniques
        self.attackVersion = attackVersion
    }
}
