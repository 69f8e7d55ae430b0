import SigmaKit

/// What happened to one rule during an import run (computed inside the import transaction).
public enum RuleChange: Sendable, Hashable {
    /// A rule that was not in the catalog.
    case added(RuleRecord)
    /// A rule whose content changed: the row before and after.
    case updated(previous: RuleRecord, current: RuleRecord)
    /// A rule whose file is byte-for-byte what the catalog holds.
    case unchanged(id: String, contentHash: String)

    public var ruleID: String {
        switch self {
        case .added(let r): r.id
        case .updated(_, let r): r.id
        case .unchanged(let id, _): id
        }
    }
}

/// A file that was not imported, with the reason as `path:line:column: error: message`.
public struct ImportRejection: Sendable, Hashable {
    /// The path as the user gave it (or as found under a folder they gave).
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    /// Further error diagnostics of the same file.
    public var moreErrors: Int

    public init(path: String, line: Int = 1, column: Int = 1, message: String, moreErrors: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.moreErrors = moreErrors
    }

    init(path: String, diagnostic: Diagnostic, moreErrors: Int = 0) {
        self.init(path: path, line: diagnostic.position?.line ?? 1, column: diagnostic.position?.column ?? 1,
                  message: diagnostic.message, moreErrors: moreErrors)
    }

    /// The one-line report.
    public var description: String {
        let more = moreErrors > 0 ? " (and \(moreErrors) more error\(moreErrors == 1 ? "" : "s"))" : ""
        return "\(path):\(line):\(column): error: \(message)\(more)"
    }
}

/// The outcome of one import run.
public struct ImportReport: Sendable {
    /// Rules added to the catalog.
    public var imported = 0
    /// Rules whose content changed.
    public var updated = 0
    /// Rules already in the catalog unchanged.
    public var unchanged = 0
    /// Files rejected, in the order met.
    public var rejections: [ImportRejection] = []
    /// Every rule change, in file order.
    public var changes: [RuleChange] = []
    /// Files examined.
    public var files = 0

    public init() {}

    public var rejected: Int { rejections.count }

    /// `imported N, updated N, unchanged N, rejected N`
    public var summary: String {
        "imported \(imported), updated \(updated), unchanged \(unchanged), rejected \(rejected)"
    }
}
