import Foundation

/// How one technique's rule count changed over a window of import runs.
public struct TechniqueDelta: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var tactics: [String]
    /// Rules after the window minus rules before it (tagged with exactly this technique).
    public var change: Int
    public var gained: [CoveredRule]
    public var lost: [CoveredRule]
    public var known: Bool

    public init(id: String, name: String?, tactics: [String], change: Int, gained: [CoveredRule], lost: [CoveredRule], known: Bool) {
        self.id = id
        self.name = name
        self.tactics = tactics
        self.change = change
        self.gained = gained
        self.lost = lost
        self.known = known
    }
}

/// The change in coverage between the start and the end of a window of import runs (same windows as `changes`).
public struct CoverageDelta: Sendable, Hashable, Codable {
    public var attackVersion: String?
    public var source: String?
    public var since: String?
    public var fromImport: Int64?
    public var toImport: Int64?
    public var runs: [ImportRunSummary]
    /// Techniques whose count changed, by id; unchanged ones are absent.
    public var techniques: [TechniqueDelta]

    public init(attackVersion: String?, source: String? = nil, since: String? = nil, fromImport: Int64? = nil, toImport: Int64? = nil,
                runs: [ImportRunSummary], techniques: [TechniqueDelta]) {
        self.attackVersion = attackVersion
        self.source = source
        self.since = since
        self.fromImport = fromImport
        self.toImport = toImport
        self.runs = runs
        self.techniques = techniques
    }

    private enum CodingKeys: String, CodingKey {
        case attackVersion = "attack_version", source, since, fromImport = "from_import", toImport = "to_import", runs, techniques
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(attackVersion, forKey: .attackVersion)
        try c.encode(source, forKey: .source)
        try c.encode(since, forKey: .since)
        try c.encode(fromImport, forKey: .fromImport)
        try c.encode(toImport, forKey: .toImport)
        try c.encode(runs, forKey: .runs)
        try c.encode(techniques, forKey: .techniques)
    }
}
