import Foundation

/// A MITRE ATT&CK catalog in memory: what `attack import` and the seed load into the database.
public struct AttackCatalog: Sendable, Hashable, Codable {
    /// One tactic.
    public struct Tactic: Sendable, Hashable, Codable {
        public var id: String
        public var shortName: String
        public var name: String

        public init(id: String, shortName: String, name: String) {
            self.id = id
            self.shortName = shortName
            self.name = name
        }

        public var url: String { "https://attack.mitre.org/tactics/\(id)/" }
    }

    /// One technique or sub-technique.
    public struct Technique: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        /// Tactic short names, in kill-chain order of the bundle.
        public var tactics: [String]
        public var platforms: [String]
        public var deprecated: Bool
        public var revoked: Bool
        /// The technique that replaced a revoked one.
        public var revokedBy: String?

        public init(id: String, name: String, tactics: [String] = [], platforms: [String] = [],
                    deprecated: Bool = false, revoked: Bool = false, revokedBy: String? = nil) {
            self.id = id
            self.name = name
            self.tactics = tactics
            self.platforms = platforms
            self.deprecated = deprecated
            self.revoked = revoked
            self.revokedBy = revokedBy
        }

        private enum CodingKeys: String, CodingKey {
            case id, name, tactics, platforms, deprecated, revoked, revokedBy
        }

        // The compact seed omits false flags and empty lists.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decode(String.self, forKey: .name)
            tactics = try c.decodeIfPresent([String].self, forKey: .tactics) ?? []
            platforms = try c.decodeIfPresent([String].self, forKey: .platforms) ?? []
            deprecated = try c.decodeIfPresent(Bool.self, forKey: .deprecated) ?? false
            revoked = try c.decodeIfPresent(Bool.self, forKey: .revoked) ?? false
            revokedBy = try c.decodeIfPresent(String.self, forKey: .revokedBy)
        }

        /// `T1053` for `T1053.003`, nil for a technique.
        public var parentID: String? {
            guard let dot = id.firstIndex(of: ".") else { return nil }
            return String(id[..<dot])
        }

        /// `https://attack.mitre.org/techniques/T1053/003/`
        public var url: String {
            "https://attack.mitre.org/techniques/\(id.replacingOccurrences(of: ".", with: "/"))/"
        }
    }

    /// ATT&CK release, e.g. `18.1` (or `unknown`).
    public var version: String
    /// Where the catalog came from (bundle file name).
    public var source: String
    public var tactics: [Tactic]
    public var techniques: [Technique]

    public init(version: String, source: String, tactics: [Tactic], techniques: [Technique]) {
        self.version = version
        self.source = source
        self.tactics = tactics
        self.techniques = techniques
    }
}
