import Foundation

/// An import run as reports show it.
public struct ImportRunSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var source: String
    public var paths: [String]
    public var scope: String
    public var commit: String?
    public var commitDate: String?
    public var tag: String?
    public var startedAt: String
    public var finishedAt: String?
    public var files: Int
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var removed: Int
    public var restored: Int
    public var rejected: Int
    public var events: Int

    /// `#3 sigma abc123456789 (r2024-05-01) 2024-05-01`
    public var label: String {
        var text = "#\(id) \(source)"
        if let commit { text += " \(String(commit.prefix(12)))" }
        if let tag { text += " (\(tag))" }
        text += " " + String((commitDate ?? startedAt).prefix(10))
        return text
    }

    private enum CodingKeys: String, CodingKey {
        case id, source, paths, scope, commit, commitDate = "commit_date", tag, startedAt = "started_at",
             finishedAt = "finished_at", files, added, updated, unchanged, removed, restored, rejected, events
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(paths, forKey: .paths)
        try c.encode(scope, forKey: .scope)
        try c.encode(commit, forKey: .commit)
        try c.encode(commitDate, forKey: .commitDate)
        try c.encode(tag, forKey: .tag)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(finishedAt, forKey: .finishedAt)
        try c.encode(files, forKey: .files)
        try c.encode(added, forKey: .added)
        try c.encode(updated, forKey: .updated)
        try c.encode(unchanged, forKey: .unchanged)
        try c.encode(removed, forKey: .removed)
        try c.encode(restored, forKey: .restored)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(events, forKey: .events)
    }

    public init(id: Int64, source: String, paths: [String], scope: String, commit: String? = nil, commitDate: String? = nil, tag: String? = nil, startedAt: String, finishedAt: String? = nil, files: Int, added: Int, updated: Int, unchanged: Int, removed: Int, restored: Int, rejected: Int, events: Int) {
        self.id = id
        self.source = source
        self.paths = paths
        self.scope = scope
        self.commit = commit
        self.commitDate = commitDate
        self.tag = tag
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.files = files
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
        self.restored = restored
        self.rejected = rejected
        self.events = events
    }
}

