import ArgumentParser
import Catalog
import Foundation
import Reports

/// Output formats of `coverage`.
enum CoverageFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv, markdown, navigator, svg
}

/// `huntkb coverage`: rules per ATT&CK technique and tactic, as tables, Navigator layers or a matrix heatmap.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "ATT&CK coverage: rules per technique and tactic, gaps, Navigator 4.5 layers, delta layers, an SVG matrix.",
        discussion: """
            Counts the rules the search filters select; deprecated, unsupported and removed rules are left out unless \
            --status / --include-removed ask for them. A technique's score is the number of rules tagged with exactly \
            it; its total adds the rules of its sub-techniques. Techniques and tactics of a newer ATT&CK release than \
            the loaded one are still counted, with the tactics the rules' tags name.

            --gaps lists the live techniques of the loaded matrix that no rule covers (of --platform when given). \
            --format navigator writes an ATT&CK Navigator layer (format 4.5); --format svg draws the matrix as a \
            self-contained heatmap.

            Delta: --from-import N --to-import M, or --since DATE, use the windows of 'huntkb changes' and report, \
            per technique whose count changed, rules after minus rules before, with the rules gained and lost \
            (formats table, json, csv, markdown, navigator). A single --source also limits the window to that \
            source's runs.

            --local-status deployed counts only the rules the team runs; --compare-local-status deployed reports the \
            techniques the catalog covers but no deployed rule does.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: SearchFilterOptions

    @Option(help: "table, json, csv, markdown, navigator or svg.")
    var format: CoverageFormat = .table

    @Flag(help: "List the techniques of the loaded ATT&CK matrix that no rule covers.")
    var gaps = false

    @Option(name: .customLong("platform"), help: ArgumentHelp("ATT&CK platform (windows, linux, macos...): only its techniques count. Repeatable.", valueName: "platform"))
    var platforms: [String] = []

    @Option(help: ArgumentHelp("Delta over the import runs started on or after this day.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .customLong("from-import"), help: ArgumentHelp("Delta: first import run number.", valueName: "N"))
    var fromImport: Int64?

    @Option(name: .customLong("to-import"), help: ArgumentHelp("Delta: last import run number.", valueName: "M"))
    var toImport: Int64?

    @Option(name: .customLong("compare-local-status"), help: ArgumentHelp("Techniques covered by the catalog but by no rule of this local status. Repeatable.", valueName: "status"))
    var compareLocalStatuses: [String] = []

    @Option(name: .customLong("guide-url"), help: ArgumentHelp("Base URL of the published hunt guide: layer techniques link to their pages.", valueName: "url"))
    var guideURL: String?

    var isDelta: Bool { since != nil || fromImport != nil || toImport != nil }

    func validate() throws {
        if since != nil && (fromImport != nil || toImport != nil) {
            throw ValidationError("--since cannot be combined with --from-import/--to-import")
        }
        if let since, !LifecycleClock.isDay(since) { throw ValidationError("--since: '\(since)' is not a date (expected YYYY-MM-DD)") }
        for n in [fromImport, toImport].compactMap({ $0 }) where n < 1 { throw ValidationError("import run numbers start at 1") }
        if let fromImport, let toImport, fromImport > toImport {
            throw ValidationError("--from-import \(fromImport) is after --to-import \(toImport)")
        }
        if isDelta {
            if gaps || !compareLocalStatuses.isEmpty {
                throw ValidationError("--gaps and --compare-local-status cannot be combined with a delta (--since, --from-import, --to-import)")
            }
            if format == .svg { throw ValidationError("--format svg draws coverage, not a delta (use navigator, markdown, table, json or csv)") }
        }
        if gaps && (format == .navigator || format == .svg) {
            throw ValidationError("--gaps lists techniques: use --format table, json, csv or markdown")
        }
        if gaps && !compareLocalStatuses.isEmpty { throw ValidationError("--gaps cannot be combined with --compare-local-status") }
        if let guideURL, !(guideURL.hasPrefix("https://") || guideURL.hasPrefix("http://") || guideURL.hasPrefix("file://")) {
            throw ValidationError("--guide-url must start with https://, http:// or file:// (Navigator links need a protocol)")
        }
    }

    func run() throws {
        try runReportingErrors {
            let db = try database.openCatalog()
            let query = CoverageQuery(filter: try filters.query(), platforms: platforms, gaps: gaps)
            let options = CoverageLayer.Options(guideBaseURL: guideURL)
            do {
                if isDelta {
                    let window = ChangeQuery(since: since, fromImport: fromImport, toImport: toImport,
                                             source: filters.sources.count == 1 ? filters.sources[0] : nil)
                    let delta = try db.coverageDelta(window: window, query)
                    print(try CoverageOutput.render(delta, format: format, options: options), terminator: "")
                    return
                }
                let report = compareLocalStatuses.isEmpty
                    ? try db.coverage(query)
                    : try db.coverageLacking(localStatuses: compareLocalStatuses, query)
                print(try CoverageOutput.render(report, format: format, options: options), terminator: "")
            } catch let error as CatalogError {
                throw UsageError.mapping(error)
            } catch let error as LifecycleError {
                throw UsageError(error.description)
            }
        }
    }
}

/// Chooses the renderer of each `coverage` format.
enum CoverageOutput {
    static func render(_ report: CoverageReport, format: CoverageFormat, options: CoverageLayer.Options) throws -> String {
        switch format {
        case .navigator: return try CoverageLayer.json(CoverageLayer.layer(report, options: options))
        case .svg: return CoverageSVG.render(report)
        case .markdown: return CoverageMarkdown.render(report)
        case .json: return try ListRenderer.json(report) + "\n"
        case .csv: return CoverageText.csv(report)
        case .table: return CoverageText.table(report)
        }
    }

    static func render(_ delta: CoverageDelta, format: CoverageFormat, options: CoverageLayer.Options) throws -> String {
        switch format {
        case .navigator: return try CoverageLayer.json(CoverageLayer.layer(delta, options: options))
        case .json: return try ListRenderer.json(delta) + "\n"
        case .markdown: return CoverageText.markdown(delta)
        case .csv: return CoverageText.csv(delta)
        case .table, .svg: return CoverageText.table(delta)
        }
    }
}
