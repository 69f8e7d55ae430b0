import Foundation

/// A team's own state for a rule, kept apart from the source's `status:` so it survives re-imports.
public struct LocalStatus: Sendable, Hashable, Codable {
    public var ruleId: String
    public var title: String
    /// The source's status (from the rule file).
    public var sourceStatus: String?
    public var localStatus: String
    public var note: String?
    /// When it was set, ISO 8601 UTC.
    public var setAt: String?
    public var source: String?
    public var removed: Bool

    private enum CodingKeys: String, CodingKey {
        case ruleId = "id", title, sourceStatus = "source_status", localStatus = "local_status", note, setAt = "set_at",
             source, removed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ruleId, forKey: .ruleId)
        try c.encode(title, forKey: .title)
        try c.encode(sourceStatus, forKey: .sourceStatus)
        try c.encode(localStatus, forKey: .localStatus)
        try c.encode(note, forKey: .note)
        try c.encode(setAt, forKey: .setAt)
        try c.encode(source, forKey: .source)
        try c.encode(removed, forKey: .removed)
    }

    public init(ruleId: String, title: String, sourceStatus: String? = nil, localStatus: String, note: String? = nil, setAt: String? = nil, source: String? = nil, removed: Bool) {
        self.ruleId = ruleId
        self.title = title
        self.sourceStatus = sourceStatus
        self.localStatus = localStatus
        self.note = note
        self.setAt = setAt
        self.source = source
        self.removed = removed
    }
}
