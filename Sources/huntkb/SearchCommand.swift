import ArgumentParser
import Catalog
import Foundation
import Reports

/// `huntkb search [TEXT]`: finds rules by full text, ATT&CK technique/tactic, status, level, log source and dates.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the catalog; all filters combine with AND (repeated values of one filter with OR).",
        discussion: """
            TEXT is an SQLite FTS5 query over title, description, tags, detection and false positives \
            (words are ANDed; "quoted phrases", OR, NOT, prefix*). Results are sorted by level (critical first), \
            then title. --format defaults to table on a terminal and json otherwise; json returns every match \
            unless --limit is given.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: SearchFilterOptions

    @Option(help: "Output format: table, json or csv (default: table on a terminal, else json).")
    var format: ListFormat?

    @Option(help: "Return at most N rules.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        try runReportingErrors {
            var query = try filters.query()
            query.limit = limit
            try Self.search(db: database.db, query: query, format: format)
        }
    }

    /// The command's body, shared with `QuickSearch` (the same search parsed without the argument parser).
    static func search(db path: String?, query: RuleQuery, format: ListFormat?) throws {
        let db = try DatabaseOptions.openCatalogForReading(db: path)
        let results: [RuleSummary]
        do {
            results = try db.search(query)
        } catch let error as CatalogError {
            throw UsageError.mapping(error)
        }
        try SearchOutput.write(results, format: format ?? (Terminal.stdoutIsTTY ? .table : .json))
    }
}

/// The search filters, shared by `search` and `queries` (export of a search result).
struct SearchFilterOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Full-text query (FTS5 syntax).", valueName: "text"))
    var text: String?

    @Option(name: .customLong("technique"), help: ArgumentHelp("ATT&CK technique (T1053 also matches T1053.xxx; 'attack.' prefix optional). Repeatable.", valueName: "id"))
    var techniques: [String] = []

    @Option(name: .customLong("tactic"), help: ArgumentHelp("Tactic name (persistence, privilege-escalation) or TA id. Repeatable.", valueName: "tactic"))
    var tactics: [String] = []

    @Option(name: .customLong("status"), help: ArgumentHelp("stable, test, experimental, deprecated, unsupported. Repeatable.", valueName: "status"))
    var statuses: [String] = []

    @Option(name: .customLong("level"), help: ArgumentHelp("informational, low, medium, high, critical. Repeatable.", valueName: "level"))
    var levels: [String] = []

    @Option(name: .customLong("product"), help: ArgumentHelp("Log source product (case-insensitive). Repeatable.", valueName: "product"))
    var products: [String] = []

    @Option(name: .customLong("category"), help: ArgumentHelp("Log source category. Repeatable.", valueName: "category"))
    var categories: [String] = []

    @Option(name: .customLong("service"), help: ArgumentHelp("Log source service. Repeatable.", valueName: "service"))
    var services: [String] = []

    @Option(name: .customLong("author"), help: ArgumentHelp("Author contains this text (case-insensitive). Repeatable.", valueName: "text"))
    var authors: [String] = []

    @Option(help: ArgumentHelp("Rules modified on or after DATE (rules without modified use date).", valueName: "YYYY-MM-DD"))
    var modifiedSince: String?

    @Option(help: ArgumentHelp("Rules modified before DATE (rules without modified use date).", valueName: "YYYY-MM-DD"))
    var modifiedBefore: String?

    @Option(name: .customLong("source"), help: ArgumentHelp("Import source (see 'import --source'). Repeatable.", valueName: "name"))
    var sources: [String] = []

    @Option(name: .customLong("local-status"), help: ArgumentHelp("The team's local status (deployed, tuning...; 'none' for rules without one). Repeatable.", valueName: "status"))
    var localStatuses: [String] = []

    @Flag(help: "Include rules removed from their source (hidden by default).")
    var includeRemoved = false

    func query() throws -> RuleQuery {
        var query = RuleQuery(text: text)
        query.techniques = techniques
        query.tactics = tactics
        query.statuses = statuses
        query.levels = levels
        query.products = products
        query.categories = categories
        query.services = services
        query.authors = authors
        query.modifiedSince = modifiedSince
        query.modifiedBefore = modifiedBefore
        query.sources = sources
        query.localStatuses = localStatuses
        query.includeRemoved = includeRemoved
        return query
    }
}

/// Renders search results as table, JSON or CSV.
enum SearchOutput {
    /// Writes the rendering to standard output; JSON as the bytes it is built from (a `String` of a
    /// 10,000-hit result was validated and copied twice more on its way out).
    static func write(_ results: [RuleSummary], format: ListFormat) throws {
        guard format == .json else {
            print(try render(results, format: format), terminator: "")
            return
        }
        var bytes = RuleSummaryJSON.bytes(results)
        bytes.append(UInt8(ascii: "\n"))
        // Nothing went to standard output before, so nothing is buffered ahead of these bytes.
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 { offset += n } else if n < 0, errno == EINTR { continue } else { break }
            }
        }
    }

    static func render(_ results: [RuleSummary], format: ListFormat) throws -> String {
        switch format {
        case .json:
            return RuleSummaryJSON.list(results) + "\n"
        case .table:
            if results.isEmpty { return "no matching rules\n" }
            let rows = results.map { r in
                [r.id, r.level ?? "-", r.status ?? "-", r.techniques.joined(separator: ","), r.title]
            }
            return ListRenderer.table(headers: ["ID", "LEVEL", "STATUS", "TECHNIQUES", "TITLE"], rows: rows)
        case .csv:
            let rows = results.map { r in
                [r.id, r.title, r.status ?? "", r.level ?? "", r.date ?? "", r.modified ?? "",
                 r.techniques.joined(separator: ";"), r.tactics.joined(separator: ";"),
                 r.logsource.product ?? "", r.logsource.category ?? "", r.logsource.service ?? "", r.path]
            }
            return ListRenderer.csv(headers: ["id", "title", "status", "level", "date", "modified", "techniques", "tactics",
                                              "product", "category", "service", "path"], rows: rows)
        }
    }
}

/// `huntkb search` parsed by hand when its arguments are plain: `--option value` or `--option=value` for the
/// known options, at most one text, nothing repeated that may not be. The argument parser's set-up (reflection
/// on every option and two extra parsers looking for completion-script requests) was about a third of the
/// instructions of a whole one-shot search. Anything else, help and every mistake included, returns nil and
/// goes through the argument parser, so its messages and rules hold; what this accepts it reads the same way.
struct QuickSearch: ParsableCommand {
    var db: String?
    var query = RuleQuery()
    var format: ListFormat?

    init() {}

    /// Never called: the argument parser never builds this command (`ParsableArguments` is `Decodable`).
    init(from decoder: any Decoder) throws {
        self.init()
    }

    /// The options that take a value, and where each goes (a repeatable one appends).
    private static let valueOptions: Set<String> = [
        "db", "technique", "tactic", "status", "level", "product", "category", "service", "author",
        "modified-since", "modified-before", "source", "local-status", "format", "limit",
    ]
    private static let single: Set<String> = ["db", "modified-since", "modified-before", "format", "limit"]

    static func parse(plain arguments: ArraySlice<String>) -> QuickSearch? {
        var quick = QuickSearch()
        var seen = Set<String>()
        var text: String?
        var removed = false
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let word = arguments[i]
            i += 1
            guard word.hasPrefix("--") else {
                // One text, which must not look like an option (a single dash is the parser's to read).
                guard text == nil, !word.isEmpty, !word.hasPrefix("-") else { return nil }
                text = word
                continue
            }
            var name = String(word.dropFirst(2))
            if name == "include-removed" {
                guard !removed else { return nil }
                removed = true
                continue
            }
            guard let value = PlainArguments.value(splitting: &name, from: arguments, at: &i) else { return nil }
            guard valueOptions.contains(name), !value.isEmpty, !value.hasPrefix("-") else { return nil }
            if single.contains(name) {
                guard seen.insert(name).inserted else { return nil }
            }
            switch name {
            case "db": quick.db = value
            case "technique": quick.query.techniques.append(value)
            case "tactic": quick.query.tactics.append(value)
            case "status": quick.query.statuses.append(value)
            case "level": quick.query.levels.append(value)
            case "product": quick.query.products.append(value)
            case "category": quick.query.categories.append(value)
            case "service": quick.query.services.append(value)
            case "author": quick.query.authors.append(value)
            case "modified-since": quick.query.modifiedSince = value
            case "modified-before": quick.query.modifiedBefore = value
            case "source": quick.query.sources.append(value)
            case "local-status": quick.query.localStatuses.append(value)
            case "format":
                guard let format = ListFormat(rawValue: value) else { return nil }
                quick.format = format
            case "limit":
                // `validate()` refuses a negative limit; the parser then says so.
                guard let limit = Int(value), limit >= 0 else { return nil }
                quick.query.limit = limit
            default:
                return nil
            }
        }
        quick.query.text = text
        quick.query.includeRemoved = removed
        return quick
    }

    func run() throws {
        try runReportingErrors {
            try SearchCommand.search(db: db, query: query, format: format)
        }
    }
}
