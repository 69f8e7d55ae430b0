import ArgumentParser
import Catalog
import Foundation

/// `huntkb events`: sample events attached to rules for `huntkb test`.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Attach sample events to rules (SigmaHQ regression data, benign scenario samples).",
        subcommands: [EventsImportCommand.self]
    )
}

/// `huntkb events import DIR...`
struct EventsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Attach every folder holding an info.yml to the rules it names.",
        discussion: """
            The layout is SigmaHQ's regression_data: per folder an info.yml (rule_metadata ids, \
            regression_tests_info entries with match_count) and the events rendered as JSON beside it \
            (same name as the entry's .evtx path). An entry with `type: benign` and `scenario: TITLE` is a \
            benign sample of that false-positive scenario; its `path` names the JSON file in the folder. \
            Importing a folder again replaces what it attached.

            Exit status 0, or 1 when a folder could not be attached (rule not in the catalog, missing file).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Folders to search for info.yml files.", valueName: "dir"))
    var folders: [String] = []

    func validate() throws {
        if folders.isEmpty { throw ValidationError("give at least one folder") }
    }

    func run() throws {
        var problems = 0
        try runReportingErrors {
            let db = try database.openCatalog()
            var samples = 0
            var rules = Set<String>()
            for folder in folders {
                let report: RuleEventImportReport
                do { report = try db.importRuleTestEvents(folder: folder) } catch let error as CatalogError {
                    throw FatalError(error.description)
                }
                for p in report.problems { StdErr.print("huntkb: error: \(p)") }
                problems += report.problems.count
                samples += report.samples
                rules.formUnion(report.rules)
            }
            print("attached \(samples) sample\(samples == 1 ? "" : "s") to \(rules.count) rule\(rules.count == 1 ? "" : "s")")
        }
        if problems > 0 { throw ExitCode(1) }
    }
}
