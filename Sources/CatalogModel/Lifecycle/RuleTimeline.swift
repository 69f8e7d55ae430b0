import Foundation

/// One event of a rule's timeline, with the import run that observed it.
public struct RuleTimelineEntry: Sendable, Hashable, Codable {
    public var at: String
    public var kind: String
    public var old: String?
    public var new: String?
    /// Top-level keys that changed (modified events).
    public var fields: [String]
    public var detail: String?
    public var note: String?
    /// The import run; nil for local decisions.
    public var importRun: Int64?
    public var source: String?
    public var commit: String?
    public var commitDate: String?
    public var tag: String?

    private enum CodingKeys: String, CodingKey {
        case at, kind, old, new, fields, detail, note, importRun = "import", source, commit, commitDate = "commit_date", tag
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(at, forKey: .at)
        try c.encode(kind, forKey: .kind)
        try c.encode(old, forKey: .old)
        try c.encode(new, forKey: .new)
        try c.encode(fields, forKey: .fields)
        try c.encode(detail, forKey: .detail)
        try c.encode(note, forKey: .note)
        try c.encode(importRun, forKey: .importRun)
        try c.encode(source, forKey: .source)
        try c.encode(commit, forKey: .commit)
        try c.encode(commitDate, forKey: .commitDate)
        try c.encode(tag, forKey: .tag)
    }

    public init(at: String, kind: String, old: String? = nil, new: String? = nil, fields: [String], detail: String? = nil, note: String? = nil, importRun: Int64? = nil, source: String? = nil, commit: String? = nil, commitDate: String? = nil, tag: String? = nil) {
        self.at = at
        self.kind = kind
        self.old = old
        self.new = new
        self.fields = fields
        self.detail = detail
        self.note = note
        self.importRun = importRun
        self.source = source
        self.commit = commit
        self.commitDate = commitDate
        self.tag = tag
    }
}

/// A rule's current lifecycle state and its timeline, oldest first.
public struct RuleTimeline: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var status: String?
    public var source: String?
    public var path: String
    public var removed: Bool
    public var localStatus: String?
    public var localNote: String?
    public var events: [RuleTimelineEntry]

    private enum CodingKeys: String, CodingKey {
        case id, title, status, source, path, removed, localStatus = "local_status", localNote = "local_note", events
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(status, forKey: .status)
        try c.encode(source, forKey: .source)
        try c.encode(path, forKey: .path)
        try c.encode(removed, forKey: .removed)
        try c.encode(localStatus, forKey: .localStatus)
        try c.encode(localNote, forKey: .localNote)
        try c.encode(events, forKey: .events)
    }

    public init(id: String, title: String, status: String? = nil, source: String? = nil, path: String, removed: Bool, localStatus: String? = nil, localNote: String? = nil, events: [RuleTimelineEntry]) {
        self.id = id
        self.title = title
        self.status = status
        self.source = source
        self.path = path
        self.removed = removed
        self.localStatus = localStatus
        self.localNote = localNote
        self.events = events
    }
}
