import Foundation

/// One rule in a change group: its values at the start and end of the window.
public struct ChangeEntry: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var old: String?
    public var new: String?
    /// Modified: the top-level keys that changed (union over the window).
    public var fields: [String]
    public var detail: String?
    /// The last import run of the window that recorded this change.
    public var importRun: Int64

    private enum CodingKeys: String, CodingKey {
        case id, title, old, new, fields, detail, importRun = "import"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(old, forKey: .old)
        try c.encode(new, forKey: .new)
        try c.encode(fields, forKey: .fields)
        try c.encode(detail, forKey: .detail)
        try c.encode(importRun, forKey: .importRun)
    }

    public init(id: String, title: String, old: String? = nil, new: String? = nil, fields: [String], detail: String? = nil, importRun: Int64) {
        self.id = id
        self.title = title
        self.old = old
        self.new = new
        self.fields = fields
        self.detail = detail
        self.importRun = importRun
    }
}

/// `from → to: N rules`, for status and level changes.
public struct ChangeTransition: Sendable, Hashable, Codable {
    public var from: String?
    public var to: String?
    public var count: Int
    /// Rule ids, in the group's order.
    public var rules: [String]

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(count, forKey: .count)
        try c.encode(rules, forKey: .rules)
    }

    private enum CodingKeys: String, CodingKey { case from, to, count, rules }

    public init(from: String? = nil, to: String? = nil, count: Int, rules: [String]) {
        self.from = from
        self.to = to
        self.count = count
        self.rules = rules
    }
}

/// All changes of one kind.
public struct ChangeGroup: Sendable, Hashable, Codable {
    public var kind: String
    public var count: Int
    /// Status and level groups: the transitions, most frequent first. Empty for other kinds.
    public var transitions: [ChangeTransition]
    public var rules: [ChangeEntry]

    public init(kind: String, count: Int, transitions: [ChangeTransition], rules: [ChangeEntry]) {
        self.kind = kind
        self.count = count
        self.transitions = transitions
        self.rules = rules
    }
}

/// The sync report: what the covered import runs changed, grouped by kind.
///
/// Several events of one kind for one rule inside the window collapse into one entry (first old value, last
/// new value, union of changed keys); a status or level that went and came back is dropped. Local decisions
/// are not part of it (they are not imports): see `huntkb history` and `huntkb status list`.
public struct ChangeReport: Sendable, Hashable, Codable {
    public var source: String?
    public var since: String?
    public var fromImport: Int64?
    public var toImport: Int64?
    public var runs: [ImportRunSummary]
    public var total: Int
    public var groups: [ChangeGroup]

    private enum CodingKeys: String, CodingKey {
        case source, since, fromImport = "from_import", toImport = "to_import", runs, total, groups
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(since, forKey: .since)
        try c.encode(fromImport, forKey: .fromImport)
        try c.encode(toImport, forKey: .toImport)
        try c.encode(runs, forKey: .runs)
        try c.encode(total, forKey: .total)
        try c.encode(groups, forKey: .groups)
    }

    public init(source: String? = nil, since: String? = nil, fromImport: Int64? = nil, toImport: Int64? = nil, runs: [ImportRunSummary], total: Int, groups: [ChangeGroup]) {
        self.source = source
        self.since = since
        self.fromImport = fromImport
        self.toImport = toImport
        self.runs = runs
        self.total = total
        self.groups = groups
    }
}
