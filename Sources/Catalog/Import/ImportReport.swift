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

/// A file met in a folder walk and deliberately left out: not a Sigma document (a SigmaHQ clone's
/// `regression_data/**/info.yml`, `tests/*.yml`), or a `deprecated/` / `unsupported/` file current Sigma rejects,
/// or a `deprecated/` copy of a rule an active file holds.
public struct ImportSkip: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable {
        case notSigma = "not a Sigma document"
        case retired = "kept by SigmaHQ under deprecated/ or unsupported/"
        case supersededByActive = "deprecated copy of an active rule"
    }

    public var path: String
    public var reason: Reason
    /// Why, in words (the parser's error for a retired file, the active file for a superseded one).
    public var detail: String

    public init(path: String, reason: Reason, detail: String) {
        self.path = path
        self.reason = reason
        self.detail = detail
    }

    /// `path: skipped (reason): detail`
    public var description: String { "\(path): skipped (\(reason.rawValue)): \(detail)" }
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
    /// Files left out on purpose (counted, not rejected: they do not change the exit status).
    public var skipped: [ImportSkip] = []
    /// Problems worth a look that rejected nothing (`path: warning: message`).
    public var warnings: [String] = []
    /// Every rule change, in file order.
    public var changes: [RuleChange] = []
    /// Files examined.
    public var files = 0

    public init() {}

    public var rejected: Int { rejections.count }

    /// `imported N, updated N, unchanged N, rejected N` and `, skipped N` when files were skipped.
    public var summary: String {
        let skips = skipped.isEmpty ? "" : ", skipped \(skipped.count)"
        return "imported \(imported), updated \(updated), unchanged \(unchanged), rejected \(rejected)\(skips)"
    }
}
