import GRDB

/// A row of `fp_scenario`: a false-positive scenario written by analysts for one rule.
public struct ScenarioRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "fp_scenario"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// Lower-cased rule id.
    public var ruleId: String
    public var title: String
    public var description: String
    /// Filter/exclusion guidance.
    public var exclusion: String
    public var exampleFilter: String
    public var exampleLanguage: String
    /// Sigma filter document (YAML), when the scenario has one.
    public var filterYaml: String?
    public var author: String?
    public var created: String
    public var updated: String
    public var position: Int
    /// Space-separated fields HuntKB wrote (see `ScenarioDraft.completedFields`).
    public var completedFields: String = ""
    public var translationNote: String?

    public init(id: Int64? = nil, ruleId: String, title: String, description: String = "", exclusion: String = "",
                exampleFilter: String = "", exampleLanguage: String = "kql", filterYaml: String? = nil,
                author: String? = nil, created: String, updated: String, position: Int = 0) {
        self.id = id
        self.ruleId = ruleId
        self.title = title
        self.description = description
        self.exclusion = exclusion
        self.exampleFilter = exampleFilter
        self.exampleLanguage = exampleLanguage
        self.filterYaml = filterYaml
        self.author = author
        self.created = created
        self.updated = updated
        self.position = position
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The scenario in the guide-file form (for export).
    public var draft: ScenarioDraft {
        var d = ScenarioDraft(title: title, description: description, exclusion: exclusion, exampleFilter: exampleFilter,
                      exampleLanguage: exampleLanguage, filter: filterYaml, author: author, created: created,
                      updated: updated)
        d.completedFields = completedFields.split(separator: " ").map(String.init)
        d.translationNote = translationNote
        return d
    }
}

/// A row of `hunting_note`: free text about a rule or an ATT&CK technique.
public struct NoteRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "hunting_note"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// What a note is about.
    public enum Kind: String, Codable, Sendable, Hashable, DatabaseValueConvertible {
        case rule, technique
    }

    public var subjectKind: Kind
    /// Lower-cased rule id or upper-cased technique id.
    public var subject: String
    public var text: String
    public var author: String?
    public var created: String
    public var updated: String

    public init(subjectKind: Kind, subject: String, text: String, author: String? = nil, created: String, updated: String) {
        self.subjectKind = subjectKind
        self.subject = subject
        self.text = text
        self.author = author
        self.created = created
        self.updated = updated
    }
}
