import ArgumentParser
import Catalog
import Foundation
import Reports

/// `huntkb history ID`: a rule's timeline.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a rule's timeline: each import that changed it (date, source commit, event, old → new) and local decisions.",
        discussion: "Rules imported before history was kept start with no events; their next change is recorded."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "id"))
    var id: String

    @Option(help: "table, json or markdown.")
    var format: ReportFormat = .table

    func run() throws {
        try runReportingErrors {
            let db = try database.openCatalogForReading()
            let timeline: RuleTimeline
            do {
                timeline = try db.timeline(idOrPrefix: id)
            } catch let error as CatalogError {
                throw FatalError(error.description)
            }
            switch format {
            case .json: print(try ListRenderer.json(timeline))
            case .table: print(HistoryText.render(timeline, markdown: false), terminator: "")
            case .markdown: print(HistoryText.render(timeline, markdown: true), terminator: "")
            }
        }
    }
}
