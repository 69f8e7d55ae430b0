import Foundation

/// A rule counted for a technique, as layer comments and reports name it.
public struct CoveredRule: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var level: String?

    public init(id: String, title: String, level: String?) {
        self.id = id
        self.title = title
        self.level = level
    }
}

/// One technique's coverage: the rules tagged with exactly it, and the total with its sub-techniques.
public struct TechniqueCoverage: Sendable, Hashable, Codable {
    public var id: String
    /// Full display name (`Scheduled Task/Job: Cron`); nil for a technique unknown to the loaded ATT&CK catalog.
    public var name: String?
    /// Tactic short names in matrix order: the catalog's, plus tactics from the rules' tags that it does not know.
    public var tactics: [String]
    public var platforms: [String]
    /// Rules tagged with exactly this technique.
    public var score: Int
    /// Distinct rules tagged with this technique or one of its sub-techniques.
    public var total: Int
    /// False for a technique of a newer ATT&CK release than the loaded one.
    public var known: Bool
    /// The rules behind `score`, highest level first.
    public var rules: [CoveredRule]

    public init(id: String, name: String?, tactics: [String], platforms: [String], score: Int, total: Int,
                known: Bool, rules: [CoveredRule]) {
        self.id = id
        self.name = name
        self.tactics = tactics
        self.platforms = platforms
        self.score = score
        self.total = total
        self.known = known
        self.rules = rules
    }

    /// `T1053` for `T1053.003`, nil for a technique.
    public var parentID: String? {
        id.firstIndex(of: ".").map { String(id[..<$0]) }
    }
}

/// Totals for one tactic column of the matrix.
public struct TacticCoverage: Sendable, Hashable, Codable {
    /// `TA0003`, nil for a tactic unknown to the loaded catalog.
    public var id: String?
    public var shortName: String
    public var name: String
    public var known: Bool
    /// Live techniques and sub-techniques of the loaded matrix under this tactic (after `--platform`).
    public var techniques: Int
    /// Of those (plus unknown techniques placed here by tags), how many at least one rule covers.
    public var covered: Int
    /// Distinct rules tagged with a technique under this tactic, or with the tactic itself.
    public var rules: Int

    public init(id: String?, shortName: String, name: String, known: Bool, techniques: Int, covered: Int, rules: Int) {
        self.id = id
        self.shortName = shortName
        self.name = name
        self.known = known
        self.techniques = techniques
        self.covered = covered
        self.rules = rules
    }
}

/// What `huntkb coverage` reports: per technique and per tactic, over the rules the filters select.
public struct CoverageReport: Sendable, Hashable, Codable {
    /// The loaded ATT&CK release, nil when none is loaded.
    public var attackVersion: String?
    /// Rules counted (after the filters and the default exclusion of deprecated, unsupported and removed rules).
    public var rules: Int
    /// `--platform` values, as the ATT&CK catalog spells them.
    public var platforms: [String]
    /// Covered techniques (score or total above zero), by id.
    public var techniques: [TechniqueCoverage]
    /// Tactic totals in matrix order.
    public var tactics: [TacticCoverage]
    /// `--gaps`: live matrix techniques no rule covers, by id; nil otherwise.
    public var gaps: [TechniqueCoverage]?
    /// `--compare-local-status`: the local statuses the covered techniques lack; nil otherwise.
    public var missingLocalStatus: [String]?
    /// The matrix the SVG draws (not part of the JSON form).
    public var matrix: AttackMatrix

    private enum CodingKeys: String, CodingKey {
        case attackVersion = "attack_version", rules, platforms, techniques, tactics, gaps
        case missingLocalStatus = "missing_local_status"
    }

    public init(attackVersion: String?, rules: Int, platforms: [String], techniques: [TechniqueCoverage],
                tactics: [TacticCoverage], gaps: [TechniqueCoverage]? = nil, missingLocalStatus: [String]? = nil,
                matrix: AttackMatrix) {
        self.attackVersion = attackVersion
        self.rules = rules
        self.platforms = platforms
        self.techniques = techniques
        self.tactics = tactics
        self.gaps = gaps
        self.missingLocalStatus = missingLocalStatus
        self.matrix = matrix
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        attackVersion = try c.decodeIfPresent(String.self, forKey: .attackVersion)
        rules = try c.decode(Int.self, forKey: .rules)
        platforms = try c.decode([String].self, forKey: .platforms)
        techniques = try c.decode([TechniqueCoverage].self, forKey: .techniques)
        tactics = try c.decode([TacticCoverage].self, forKey: .tactics)
        gaps = try c.decodeIfPresent([TechniqueCoverage].self, forKey: .gaps)
        missingLocalStatus = try c.decodeIfPresent([String].self, forKey: .missingLocalStatus)
        matrix = AttackMatrix(version: attackVersion, columns: [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(attackVersion, forKey: .attackVersion)
        try c.encode(rules, forKey: .rules)
        try c.encode(platforms, forKey: .platforms)
        try c.encode(techniques, forKey: .techniques)
        try c.encode(tactics, forKey: .tactics)
        try c.encodeIfPresent(gaps, forKey: .gaps)
        try c.encodeIfPresent(missingLocalStatus, forKey: .missingLocalStatus)
    }
}

/// The ATT&CK matrix as the heatmap draws it: tactic columns in matrix order, parent techniques as cells.
public struct AttackMatrix: Sendable, Hashable, Codable {
    /// One cell: a technique with its sub-techniques folded in.
    public struct Cell: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        /// Rules tagged with exactly the technique.
        public var score: Int
        /// Distinct rules tagged with it or a sub-technique (the colour).
        public var total: Int
        /// Sub-techniques in the matrix, and how many of them a rule covers.
        public var subtechniques: Int
        public var coveredSubtechniques: Int
        public var known: Bool

        public init(id: String, name: String, score: Int, total: Int, subtechniques: Int, coveredSubtechniques: Int, known: Bool) {
            self.id = id
            self.name = name
            self.score = score
            self.total = total
            self.subtechniques = subtechniques
            self.coveredSubtechniques = coveredSubtechniques
            self.known = known
        }
    }

    /// One tactic column.
    public struct Column: Sendable, Hashable, Codable {
        public var tactic: String
        public var tacticID: String?
        public var name: String
        public var known: Bool
        public var cells: [Cell]

        public init(tactic: String, tacticID: String?, name: String, known: Bool, cells: [Cell]) {
            self.tactic = tactic
            self.tacticID = tacticID
            self.name = name
            self.known = known
            self.cells = cells
        }
    }

    public var version: String?
    public var columns: [Column]

    public init(version: String?, columns: [Column]) {
        self.version = version
        self.columns = columns
    }

    /// The highest cell total (0 for an empty matrix).
    public var maxTotal: Int { columns.flatMap(\.cells).map(\.total).max() ?? 0 }
}

/// Enterprise ATT&CK's tactic order (its `x-mitre-matrix` object), including the tactics of releases newer than
/// the loaded one, so that columns unknown to the loaded catalog still land where a newer matrix puts them.
public enum MatrixOrder {
    public static let enterprise = [
        "reconnaissance", "resource-development", "initial-access", "execution", "persistence",
        "privilege-escalation", "defense-evasion", "stealth", "defense-impairment", "credential-access",
        "discovery", "lateral-movement", "collection", "command-and-control", "exfiltration", "impact",
    ]

    /// Position of a tactic short name: known ones by the list, others after them by name.
    public static func rank(_ tactic: String) -> Int {
        enterprise.firstIndex(of: tactic) ?? enterprise.count
    }

    public static func sorted(_ tactics: some Sequence<String>) -> [String] {
        tactics.sorted { (rank($0), $0) < (rank($1), $1) }
    }

    /// Title-cases a tactic short name unknown to the catalog (`defense-impairment` → `Defense Impairment`).
    public static func displayName(_ tactic: String) -> String {
        tactic.split(separator: "-").map { word in
            word == "and" ? "and" : word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }
}
