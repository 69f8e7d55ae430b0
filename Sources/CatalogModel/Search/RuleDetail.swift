import Foundation

/// Everything stored about one rule, with ATT&CK names resolved: what `huntkb show` prints.
public struct RuleDetail: Sendable, Codable {
    /// A tag with what the loaded ATT&CK catalog knows about it.
    public struct Tag: Sendable, Hashable, Codable {
        public var tag: String
        public var technique: String?
        public var tactic: String?
        /// Technique or tactic name from the loaded catalog (sub-techniques as `Parent: Sub`).
        public var name: String?
        /// An ATT&CK technique or tactic tag that the loaded catalog does not know (e.g. from a newer release).
        public var unknownToAttack: Bool
        public var deprecated: Bool
        public var revoked: Bool
        /// The technique that replaced a revoked one.
        public var replacedBy: AttackRef?

        public init(tag: String, technique: String? = nil, tactic: String? = nil, name: String? = nil, unknownToAttack: Bool, deprecated: Bool, revoked: Bool, replacedBy: AttackRef? = nil) {
            self.tag = tag
            self.technique = technique
            self.tactic = tactic
            self.name = name
            self.unknownToAttack = unknownToAttack
            self.deprecated = deprecated
            self.revoked = revoked
            self.replacedBy = replacedBy
        }
    }

    public var rule: RuleRecord
    public var tags: [Tag]
    public var references: [String]
    public var falsepositives: [String]
    public var related: [RelatedRule]
    /// The ATT&CK release names come from.
    public var attackVersion: String?
    /// Generated queries, one per stored target.
    public var queries: [StoredQuery] = []
    /// `related:` links both ways (this rule's own and other rules naming it), as the lifecycle reads them.
    public var links: [RelatedLink] = []
    /// The team's local status, when set.
    public var localStatus: LocalStatus?
    /// The import source that last imported the rule (nil before history or for unknown).
    public var source: String?
    /// The rule is no longer in its source (kept in the catalog, hidden from search by default).
    public var removed = false
    /// The validator's warnings stored at import (ATT&CK ones against the ATT&CK catalog loaded then).
    public var warnings: [Warning] = []
    /// The rule's hunting note (`huntkb note`), when one is stored.
    public var huntingNote: String?
    /// Titles of the rule's false-positive scenarios (`huntkb fp`), in their stored order.
    public var scenarios: [String] = []

    /// A stored validator warning: `line:column: warning: message [code]`.
    public struct Warning: Sendable, Hashable, Codable, CustomStringConvertible {
        public var code: String
        public var message: String
        public var line: Int?
        public var column: Int?

        public var description: String {
            let at = line.map { "\($0):\(column ?? 1): " } ?? ""
            return "\(at)warning: \(message) [\(code)]"
        }

        public init(code: String, message: String, line: Int? = nil, column: Int? = nil) {
            self.code = code
            self.message = message
            self.line = line
            self.column = column
        }
    }

    /// Related rule entry.
    public struct RelatedRule: Sendable, Hashable, Codable {
        public var id: String
        public var type: String
        /// Title when the related rule is in the catalog.
        public var title: String?

        public init(id: String, type: String, title: String? = nil) {
            self.id = id
            self.type = type
            self.title = title
        }
    }

    public init(rule: RuleRecord, tags: [Tag], references: [String], falsepositives: [String], related: [RelatedRule], attackVersion: String? = nil, queries: [StoredQuery] = [], links: [RelatedLink] = [], localStatus: LocalStatus? = nil, source: String? = nil, warnings: [Warning] = [], huntingNote: String? = nil, scenarios: [String] = []) {
        self.rule = rule
        self.tags = tags
        self.references = references
        self.falsepositives = falsepositives
        self.related = related
        self.attackVersion = attackVersion
        self.queries = queries
        self.links = links
        self.localStatus = localStatus
        self.source = source
        self.warnings = warnings
        self.huntingNote = huntingNote
        self.scenarios = scenarios
    }
}

