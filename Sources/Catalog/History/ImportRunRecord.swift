import Foundation
import GRDB

/// A row of `import_run`: one import of a source, with its git provenance and counts.
public struct ImportRunRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "import_run"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var source: String
    /// JSON array of the absolute paths given.
    public var paths: String
    /// `full` (walked every root of the source: removals computed) or `partial`.
    public var scope: String
    public var commitId: String?
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

    public init(source: String, paths: [String], scope: String, git: GitFacts?, startedAt: String) {
        self.source = source
        self.paths = Self.encode(paths)
        self.scope = scope
        self.commitId = git?.commit
        self.commitDate = git?.commitDate
        self.tag = git?.tag
        self.startedAt = startedAt
        self.files = 0
        self.added = 0
        self.updated = 0
        self.unchanged = 0
        self.removed = 0
        self.restored = 0
        self.rejected = 0
        self.events = 0
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The decoded `paths` array.
    public var pathList: [String] {
        (try? JSONDecoder().decode([String].self, from: Data(paths.utf8))) ?? []
    }

    static func encode(_ list: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(list)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}

/// A row of `rule_event`: one observed change of one rule.
public struct RuleEventRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "rule_event"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var ruleId: String
    public var runId: Int64?
    public var kind: String
    public var title: String
    public var oldValue: String?
    public var newValue: String?
    /// JSON array of top-level keys (modified events).
    public var fields: String?
    public var detail: String?
    public var note: String?
    public var at: String

    public init(ruleId: String, runId: Int64?, kind: RuleEventKind, title: String, oldValue: String? = nil,
                newValue: String? = nil, fields: [String]? = nil, detail: String? = nil, note: String? = nil, at: String) {
        self.ruleId = ruleId
        self.runId = runId
        self.kind = kind.rawValue
        self.title = title
        self.oldValue = oldValue
        self.newValue = newValue
        self.fields = fields.map(ImportRunRecord.encode)
        self.detail = detail
        self.note = note
        self.at = at
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The decoded `fields` array (empty when none).
    public var fieldList: [String] {
        guard let fields else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(fields.utf8))) ?? []
    }
}

/// The kinds of `rule_event`, in the order reports list them.
public enum RuleEventKind: String, Sendable, Codable, CaseIterable {
    /// First seen in the catalog.
    case added
    /// Content changed (top-level keys listed; `modified` date before → after).
    case modified
    /// Status changed, other than to deprecated.
    case status
    /// Became deprecated: status set to deprecated, or the file moved under a `deprecated/` folder.
    case deprecated
    case level
    /// The `attack.*` tags changed.
    case tags
    /// Gone from its source (kept in the catalog, hidden from search and guides).
    case removed
    /// Back in its source after being removed.
    case restored
    /// Now owned by another source (two sources share the rule id; the latest import wins).
    case source
    /// A team decision: `huntkb status set/clear`.
    case local
}

/// A row of `rule_lifecycle`.
struct RuleLifecycleRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rule_lifecycle"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var ruleId: String
    var source: String?
    var path: String
    var removedRun: Int64?
    var localStatus: String?
    var localNote: String?
    var localAt: String?
}
