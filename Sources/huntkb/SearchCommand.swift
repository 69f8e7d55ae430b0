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
            let db = try database.openCatalogForReading()
            var query = try filters.query()
            query.limit = limit
            let results: [RuleSummary]
            do {
                results = try db.search(query)
            } catch let error as CatalogError {
                throw UsageError.mapping(error)
            }
            print(try SearchOutput.render(results, format: format ?? (Terminal.stdoutIsTTY ? .table : .json)), terminator: "")
        }
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
