import ArgumentParser
import Catalog
import Foundation
import Reports

/// `huntkb stale`: rules that have not changed for a long time.
struct StaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stale",
        abstract: "List experimental/test rules unchanged for long (SigmaHQ promotes experimental rules after 300 days).",
        discussion: """
            A rule's last change is its modified date, else its date. By default lists rules with status \
            experimental or test last changed more than 300 days ago; --not-modified-since DATE lists rules not \
            changed since DATE instead. --status any considers every status. Removed rules are left out unless \
            --include-removed. The day of reference is today (UTC), or $HUNTKB_NOW, or --today.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("status"), help: ArgumentHelp("Statuses to consider (repeatable; 'any' for all). Default: experimental, test.", valueName: "status"))
    var statuses: [String] = []

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Age: 300d, 12w, 10m, 1y.", valueName: "age"))
    var olderThan: String = "300d"

    @Option(name: .customLong("not-modified-since"), help: ArgumentHelp("Rules not changed since this day (replaces --older-than).", valueName: "YYYY-MM-DD"))
    var notModifiedSince: String?

    @Option(help: ArgumentHelp("Only rules of this source.", valueName: "name"))
    var source: String?

    @Flag(name: .customLong("include-removed"), help: "Include rules removed from their source.")
    var includeRemoved = false

    @Option(help: ArgumentHelp(visibility: .hidden))
    var today: String?

    @Option(help: "table, json or markdown.")
    var format: ReportFormat = .table

    func validate() throws {
        do { _ = try StaleQuery.parseAge(olderThan) } catch { throw ValidationError("\(error)") }
        if let notModifiedSince, !LifecycleClock.isDay(notModifiedSince) {
            throw ValidationError("--not-modified-since: '\(notModifiedSince)' is not a date (expected YYYY-MM-DD)")
        }
        if let today, LifecycleClock.parse(today) == nil { throw ValidationError("--today: '\(today)' is not a date") }
    }

    func run() throws {
        try runReportingErrors {
            let db = try database.openCatalogForReading()
            var query = StaleQuery(today: today.flatMap(LifecycleClock.parse) ?? CommandClock.current.now())
            let lowered = statuses.map { $0.lowercased() }
            if !lowered.isEmpty { query.statuses = lowered.contains("any") ? [] : lowered }
            query.olderThanDays = try StaleQuery.parseAge(olderThan)
            query.notModifiedSince = notModifiedSince
            query.source = source
            query.includeRemoved = includeRemoved
            let report: StaleReport
            do {
                report = try db.staleRules(query)
            } catch let error as LifecycleError {
                throw FatalError(error.description)
            }
            switch format {
            case .json: print(try ListRenderer.json(report))
            case .table: print(StaleReportText.render(report), terminator: "")
            case .markdown: print(StaleReportText.markdown(report), terminator: "")
            }
        }
    }
}
