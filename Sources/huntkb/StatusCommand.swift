import ArgumentParser
import Catalog
import Foundation
import Reports

/// `huntkb status`: the team's own state of a rule, kept across re-imports and recorded in its history.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Record a team decision about a rule (deployed, tuning, disabled, documented, deprecated...).",
        discussion: """
            The local status lives beside the source's status: re-imports never change it, later source changes \
            are still recorded, and show displays both. search --local-status filters by it.
            """,
        subcommands: [Set.self, Clear.self, List.self]
    )

    /// `huntkb status set ID STATUS --note TEXT`
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a rule's local status, with a note, recorded in its history.",
            discussion: "Suggested states: \(LocalStatusStore.suggested.joined(separator: ", ")); any word of letters, digits, '-' and '_' works."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "id"))
        var id: String

        @Argument(help: ArgumentHelp("The team's state.", valueName: "status"))
        var status: String

        @Option(help: ArgumentHelp("Why (kept in the history).", valueName: "text"))
        var note: String?

        func validate() throws {
            do { _ = try LocalStatusStore.validate(status) } catch { throw ValidationError("\(error)") }
        }

        func run() throws {
            try runReportingErrors {
                let db = try database.openCatalog()
                let (event, current) = try oneLineErrors {
                    try db.setLocalStatus(idOrPrefix: id, status: status, note: note)
                }
                guard let current else { return }
                let change = event == nil ? " (unchanged)" : ""
                print("\(current.ruleId): local status \(current.localStatus)\(change); source status \(current.sourceStatus ?? "none")")
            }
        }
    }

    /// `huntkb status clear ID`
    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a rule's local status (recorded in its history).")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "id"))
        var id: String

        @Option(help: ArgumentHelp("Why (kept in the history).", valueName: "text"))
        var note: String?

        func run() throws {
            try runReportingErrors {
                let db = try database.openCatalog()
                let given = id
                let (event, ruleID) = try oneLineErrors {
                    try db.clearLocalStatus(idOrPrefix: given, note: note)
                }
                print("\(ruleID): local status cleared\(event == nil ? " (there was none)" : "")")
            }
        }
    }

    /// `huntkb status list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rules with a local status.")

        @OptionGroup var database: DatabaseOptions

        @Option(name: .customLong("status"), help: ArgumentHelp("Only this local status (repeatable).", valueName: "status"))
        var statuses: [String] = []

        @Option(help: "table, json or markdown.")
        var format: ReportFormat = .table

        func run() throws {
            try runReportingErrors {
                let db = try database.openCatalogForReading()
                let rows = try db.localStatuses(statuses)
                switch format {
                case .json:
                    print(try ListRenderer.json(rows))
                case .table:
                    print(LocalStatusText.render(rows), terminator: "")
                case .markdown:
                    print(LocalStatusText.markdown(rows), terminator: "")
                }
            }
        }
    }
}

/// Runs `body`, turning catalog and lifecycle errors into one-line fatal errors (exit 2).
func oneLineErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CatalogError {
        throw FatalError(error.description)
    } catch let error as LifecycleError {
        throw FatalError(error.description)
    }
}
