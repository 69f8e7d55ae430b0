import Foundation

/// A rule that has not changed for long.
public struct StaleRule: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var status: String?
    public var level: String?
    public var date: String?
    public var modified: String?
    /// `modified`, else `date`.
    public var lastChange: String
    public var ageDays: Int
    public var source: String?
    public var localStatus: String?
    public var path: String

    private enum CodingKeys: String, CodingKey {
        case id, title, status, level, date, modified, lastChange = "last_change", ageDays = "age_days", source,
             localStatus = "local_status", path
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(status, forKey: .status)
        try c.encode(level, forKey: .level)
        try c.encode(date, forKey: .date)
        try c.encode(modified, forKey: .modified)
        try c.encode(lastChange, forKey: .lastChange)
        try c.encode(ageDays, forKey: .ageDays)
        try c.encode(source, forKey: .source)
        try c.encode(localStatus, forKey: .localStatus)
        try c.encode(path, forKey: .path)
    }

    public init(id: String, title: String, status: String? = nil, level: String? = nil, date: String? = nil, modified: String? = nil, lastChange: String, ageDays: Int, source: String? = nil, localStatus: String? = nil, path: String) {
        self.id = id
        self.title = title
        self.status = status
        self.level = level
        self.date = date
        self.modified = modified
        self.lastChange = lastChange
        self.ageDays = ageDays
        self.source = source
        self.localStatus = localStatus
        self.path = path
    }
}

/// The result of `huntkb stale`: the cutoff used and the rules, oldest first.
public struct StaleReport: Sendable, Hashable, Codable {
    public var today: String
    /// Rules last changed before this day are listed.
    public var cutoff: String
    public var statuses: [String]
    public var rules: [StaleRule]

    public init(today: String, cutoff: String, statuses: [String], rules: [StaleRule]) {
        self.today = today
        self.cutoff = cutoff
        self.statuses = statuses
        self.rules = rules
    }
}
