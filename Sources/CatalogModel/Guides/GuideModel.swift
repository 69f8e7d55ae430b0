/// An ATT&CK tactic or technique as shown in a guide: id, name and link.
public struct GuideAttackRef: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var url: String?

    public init(id: String, name: String, url: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
    }
}

/// One query text for one conversion target, with the names a guide shows for it.
public struct GuideQuery: Sendable, Hashable, Codable {
    /// Target key, e.g. `asim`.
    public var target: String
    /// SIEM display name, e.g. `Microsoft Sentinel (ASIM)`.
    public var siem: String
    /// Language display name, e.g. `KQL`.
    public var language: String
    /// Code-fence info string, e.g. `kql`.
    public var fence: String
    public var text: String

    public init(target: String, siem: String, language: String, fence: String, text: String) {
        self.target = target
        self.siem = siem
        self.language = language
        self.fence = fence
        self.text = text
    }
}

/// A false-positive scenario of a rule, with the tuned queries its Sigma filter yields.
public struct GuideScenario: Sendable, Hashable, Codable {
    public var title: String
    public var description: String
    public var exclusion: String
    public var exampleFilter: String
    public var exampleLanguage: String
    /// The Sigma filter document, when the scenario has one.
    public var filterYAML: String?
    public var author: String?
    public var created: String?
    public var updated: String?
    /// The rule's queries AND NOT the filter, one per target.
    public var tunedQueries: [GuideQuery]
    /// Why tuned queries are missing for some targets (conversion errors), shown instead of a query.
    public var tuningProblems: [String]
    /// Fields HuntKB wrote because the source lacked them (title, description, exclusion, example_filter).
    public var completedFields: [String] = []
    /// HuntKB's reading of the author's guidance, shown with the Sigma filter.
    public var translationNote: String?
    /// Risky-exclusion findings on the example filter and the Sigma filter.
    public var findings: [ExclusionFinding] = []

    public init(title: String, description: String = "", exclusion: String = "", exampleFilter: String = "",
                exampleLanguage: String = "kql", filterYAML: String? = nil, author: String? = nil,
                created: String? = nil, updated: String? = nil, tunedQueries: [GuideQuery] = [],
                tuningProblems: [String] = []) {
        self.title = title
        self.description = description
        self.exclusion = exclusion
        self.exampleFilter = exampleFilter
        self.exampleLanguage = exampleLanguage
        self.filterYAML = filterYAML
        self.author = author
        self.created = created
        self.updated = updated
        self.tunedQueries = tunedQueries
        self.tuningProblems = tuningProblems
    }
}

/// A key/value pair kept in order (log source fields).
public struct GuidePair: Sendable, Hashable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Everything a guide shows about one rule; plain values so rendering needs no database.
public struct GuideRule: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var status: String?
    public var level: String?
    public var author: String?
    public var date: String?
    public var modified: String?
    /// Log source fields in a fixed order (product, category, service, then others).
    public var logsource: [GuidePair]
    public var description: String?
    /// The rule's hunting note, shown before the description when present.
    public var note: String?
    public var tactics: [GuideAttackRef]
    public var techniques: [GuideAttackRef]
    /// The rule's Sigma YAML as stored.
    public var yaml: String
    public var queries: [GuideQuery]
    /// Why queries are missing for some targets, shown instead of a query.
    public var queryProblems: [String]
    /// The rule's own `falsepositives:` lines.
    public var falsepositives: [String]
    public var scenarios: [GuideScenario]
    public var references: [String]
    /// Where the rule came from (e.g. `rules-threat-hunting/...`), for ordering by hunting usefulness.
    public var sourcePath: String?
    /// What must be collected for the rule to see anything, one line each.
    public var prerequisites: [String] = []
    /// Per target with a query: what it reads, stacking query and pivots (or why not).
    public var plans: [GuideTargetPlan] = []
    /// For deprecated or unsupported rules: the rules that replace them.
    public var replacedBy: [GuideReplacement] = []
    /// Atomic Red Team tests named by the rule's references, e.g. `T1053.003`.
    public var atomicTests: [String] = []
    /// Analysts' ADS-style sections, when written.
    public var ads: GuideADS?
    /// Regression events the rule was checked on; nil until an evaluation has run (filled by the evaluation work).
    public var validatedEvents: Int?
    /// The last `huntkb test` of the rule, nil when it has none.
    public var validation: GuideValidation?

    public init(id: String, title: String, status: String? = nil, level: String? = nil, author: String? = nil,
                date: String? = nil, modified: String? = nil, logsource: [GuidePair] = [],
                description: String? = nil, note: String? = nil, tactics: [GuideAttackRef] = [],
                techniques: [GuideAttackRef] = [], yaml: String = "", queries: [GuideQuery] = [],
                queryProblems: [String] = [], falsepositives: [String] = [], scenarios: [GuideScenario] = [],
                references: [String] = []) {
        self.id = id
        self.title = title
        self.status = status
        self.level = level
        self.author = author
        self.date = date
        self.modified = modified
        self.logsource = logsource
        self.description = description
        self.note = note
        self.tactics = tactics
        self.techniques = techniques
        self.yaml = yaml
        self.queries = queries
        self.queryProblems = queryProblems
        self.falsepositives = falsepositives
        self.scenarios = scenarios
        self.references = references
    }
}

/// An ATT&CK technique known to the guide: name, link, tactics and hunting note.
public struct GuideTechniqueInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var url: String?
    /// Tactic ids (e.g. `TA0003`) the technique belongs to.
    public var tactics: [String]
    public var note: String?

    public init(id: String, name: String, url: String? = nil, tactics: [String] = [], note: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.tactics = tactics
        self.note = note
    }
}

/// The input of every guide: selected rules plus ATT&CK names, in plain values.
public struct GuideCorpus: Sendable, Hashable, Codable {
    public var rules: [GuideRule]
    /// Known techniques by id (upper case); techniques missing here get their id as name.
    public var techniques: [String: GuideTechniqueInfo]
    /// Tactics in matrix order, for the index.
    public var tactics: [GuideAttackRef]
    /// When set, only these techniques (and their parents) get sections, e.g. the techniques of one tactic.
    public var onlyTechniques: Set<String>?
    /// The loaded ATT&CK release (e.g. `18.1`), for "unknown to ATT&CK 18.1" lines; nil when not known.
    public var attackVersion: String?

    public init(rules: [GuideRule], techniques: [String: GuideTechniqueInfo] = [:], tactics: [GuideAttackRef] = [],
                onlyTechniques: Set<String>? = nil) {
        self.rules = rules
        self.techniques = techniques
        self.tactics = tactics
        self.onlyTechniques = onlyTechniques
    }
}
