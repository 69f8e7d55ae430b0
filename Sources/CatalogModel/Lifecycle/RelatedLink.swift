import Foundation

/// A `related:` link seen from one rule, whichever rule declared it.
public struct RelatedLink: Sendable, Hashable, Codable {
    /// The other rule.
    public var id: String
    /// derived, obsolete, merged, renamed, similar
    public var type: String
    /// `outgoing`: this rule's own `related:` names the other; `incoming`: the other rule names this one.
    public var direction: String
    /// How the link reads from this rule: "replaced by", "replaces", "derived from", "merged into"...
    public var phrase: String
    public var title: String?
    public var status: String?
    /// The other rule is in the catalog but removed from its source.
    public var removed: Bool

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(direction, forKey: .direction)
        try c.encode(phrase, forKey: .phrase)
        try c.encode(title, forKey: .title)
        try c.encode(status, forKey: .status)
        try c.encode(removed, forKey: .removed)
    }

    private enum CodingKeys: String, CodingKey { case id, type, direction, phrase, title, status, removed }

    public init(id: String, type: String, direction: String, phrase: String, title: String? = nil, status: String? = nil, removed: Bool) {
        self.id = id
        self.type = type
        self.direction = direction
        self.phrase = phrase
        self.title = title
        self.status = status
        self.removed = removed
    }
}
