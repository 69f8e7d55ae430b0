import ArgumentParser
import Catalog
import Foundation
import Reports

/// Output formats of the lifecycle reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, markdown
}

/// `huntkb changes`: the sync report of one or more import runs.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "What imports changed: added, modified, status, deprecated, removed... rules, grouped by kind.",
        discussion: """
            With no window the report covers the most recent import run (of --source when given). \
            --since DATE covers the runs started on or after DATE; --from-import N --to-import M covers runs N to M \
            (run numbers are printed by huntkb import and listed by --list-imports). Several changes of one kind to \
            one rule inside the window are merged (first old value, last new value). Kinds: \
            \(RuleEventKind.allCases.filter { $0 != .local }.map(\.rawValue).joined(separator: ", ")). \
            --format markdown writes a release note to paste into a ticket.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Runs started on or after this day.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .customLong("from-import"), help: ArgumentHelp("First import run number.", valueName: "N"))
    var fromImport: Int64?

    @Option(name: .customLong("to-import"), help: ArgumentHelp("Last import run number.", valueName: "M"))
    var toImport: Int64?

    @Option(help: ArgumentHelp("Only runs of this source.", valueName: "name"))
    var source: String?

    @Option(name: .customLong("kind"), help: ArgumentHelp("Kinds to show, comma-separated or repeated.", valueName: "kinds"))
    var kinds: [String] = []

    @Option(help: "table, json or markdown.")
    var format: ReportFormat = .table

    @Flag(name: .customLong("list-imports"), help: "List the import runs (newest first, of --source when given) instead of a report.")
    var listImports = false

    func validate() throws {
        if since != nil && (fromImport != nil || toImport != nil) {
            throw ValidationError("--since cannot be combined with --from-import/--to-import")
        }
        if let since, !LifecycleClock.isDay(since) { throw ValidationError("--since: '\(since)' is not a date (expected YYYY-MM-DD)") }
        for n in [fromImport, toImport].compactMap({ $0 }) where n < 1 {
            throw ValidationError("import run numbers start at 1")
        }
        do { _ = try ChangeQuery.parseKinds(kinds) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        try runReportingErrors {
            let db = try database.openCatalogForReading()
            if listImports {
                let runs = try db.importRuns(source: source)
                print(try Self.renderRuns(runs, format: format), terminator: "")
                return
            }
            let query = ChangeQuery(since: since, fromImport: fromImport, toImport: toImport, source: source,
                                    kinds: try ChangeQuery.parseKinds(kinds))
            let report: ChangeReport
            do {
                report = try db.changes(query)
            } catch let error as LifecycleError {
                throw FatalError(error.description)
            }
            switch format {
            case .json: print(try ListRenderer.json(report))
            case .table: print(ChangeReportText.render(report), terminator: "")
            case .markdown:
                // A release note also says what the window did to ATT&CK coverage.
                let coverage = try db.coverageDelta(window: query)
                print(ChangeReportMarkdown.render(report) + "\n" + CoverageMarkdown.changesSection(coverage, level: 2), terminator: "")
            }
        }
    }
}

extension ChangesCommand {
    static func renderRuns(_ runs: [ImportRunSummary], format: ReportFormat) throws -> String {
        if format == .json { return try ListRenderer.json(runs) + "\n" }
        return format == .markdown ? ImportRunsText.markdown(runs) : ImportRunsText.render(runs)
    }
}
