import ArgumentParser
import Catalog
import Foundation
import Reports

/// `huntkb fp`: false-positive scenarios of rules (add, list, edit, remove, import, export).
struct FPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fp",
        abstract: "Manage false-positive scenarios: what benign activity a rule matches and how to exclude it.",
        discussion: """
            Scenarios appear in hunt guides under the rule's own falsepositives: lines. A scenario with a Sigma \
            filter (--filter FILE, per the Sigma filters specification) also yields a tuned query: the rule's \
            condition AND NOT the filter. import/export use the YAML layout of seed/guides/ (see seed/README.md).
            """,
        subcommands: [FPAdd.self, FPList.self, FPEdit.self, FPRemove.self, FPImport.self, FPExport.self, FPLint.self]
    )
}

/// Runs a catalog change, mapping the stores' user-facing errors to fatal errors (exit 2).
func guideFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GuideStoreError {
        throw FatalError(error.description)
    } catch let error as GuideFileError {
        // Already `path:line:column: error: message`; a "huntkb: error:" prefix would say "error" twice.
        StdErr.print(error.description)
        throw ExitCode(2)
    } catch let error as CatalogError {
        throw FatalError(error.description)
    }
}

/// Reads a text file named on the command line (`-` is standard input).
func readTextArgument(_ path: String) throws -> String {
    if path == "-" {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else { throw FatalError("standard input is not UTF-8 text") }
        return text
    }
    guard let data = FileManager.default.contents(atPath: path) else { throw FatalError("\(path): cannot read file") }
    guard let text = String(data: data, encoding: .utf8) else { throw FatalError("\(path): not UTF-8 text") }
    return text
}

/// Writes export output to a file or standard output.
func writeOutput(_ text: String, to path: String?) throws {
    guard let path else {
        print(text, terminator: "")
        return
    }
    // Foundation on Linux reports these as an opaque "NSCocoaErrorDomain error 512": name the usual causes.
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        throw FatalError("\(path): is a folder; give a file name")
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if !FileManager.default.fileExists(atPath: folder) {
        throw FatalError("\(path): cannot write: folder \(folder) does not exist")
    }
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw FatalError("\(path): cannot write: \(error.localizedDescription)")
    }
}

struct FPAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a scenario to a rule.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "rule")) var rule: String
    @Option(help: "Short name of the benign activity (unique per rule).") var title: String
    @Option(help: "What the activity is and why the rule matches it.") var description: String = ""
    @Option(help: "How to exclude it safely (filter/exclusion guidance).") var exclusion: String = ""
    @Option(name: .customLong("example-filter"), help: "Example filter or query text.") var exampleFilter: String = ""
    @Option(name: .customLong("example-language"), help: "Code-fence language of the example filter.") var exampleLanguage: String = "kql"
    @Option(help: ArgumentHelp("Sigma filter document (YAML) excluding the activity; '-' reads standard input.", valueName: "file"))
    var filter: String?
    @Option(help: "Author of the scenario.") var author: String?

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            let filterText = try filter.map(readTextArgument)
            let draft = ScenarioDraft(title: title, description: description, exclusion: exclusion,
                                      exampleFilter: exampleFilter, exampleLanguage: exampleLanguage,
                                      filter: filterText, author: author)
            let record = try guideFailures {
                try catalog.addScenario(rule: rule, draft, filterPath: filter, today: CommandClock.today)
            }
            print("added scenario '\(record.title)' to rule \(record.ruleId)")
        }
    }
}

struct FPList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List scenarios (of one rule, or all).")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "rule")) var rule: String?
    @Option(help: "table, json or csv.") var format: ListFormat?

    /// One listed scenario (JSON shape).
    struct Item: Encodable {
        var rule: String
        var number: Int
        var title: String
        var description: String
        var exclusion: String
        var exampleFilter: String
        var exampleLanguage: String
        var filter: String?
        var author: String?
        var created: String
        var updated: String
    }

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            let records = try guideFailures { try catalog.scenarios(rule: rule) }
            var numbers: [String: Int] = [:]
            let items = records.map { r -> Item in
                numbers[r.ruleId, default: 0] += 1
                return Item(rule: r.ruleId, number: numbers[r.ruleId] ?? 1, title: r.title, description: r.description,
                            exclusion: r.exclusion, exampleFilter: r.exampleFilter, exampleLanguage: r.exampleLanguage,
                            filter: r.filterYaml, author: r.author, created: r.created, updated: r.updated)
            }
            let headers = ["RULE", "#", "TITLE", "FILTER", "UPDATED"]
            let rows = items.map { [$0.rule, String($0.number), $0.title, $0.filter == nil ? "no" : "yes", $0.updated] }
            switch format ?? .table {
            case .table:
                if items.isEmpty { print(rule == nil ? "no scenarios" : "no scenarios for this rule"); return }
                print(ListRenderer.table(headers: headers, rows: rows), terminator: "")
            case .csv: print(ListRenderer.csv(headers: headers, rows: rows), terminator: "")
            case .json: print(try ListRenderer.json(items))
            }
        }
    }
}

struct FPEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change fields of a scenario (given by title or number in 'fp list').")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "rule")) var rule: String
    @Argument(help: ArgumentHelp("Scenario title or number.", valueName: "scenario")) var scenario: String
    @Option(help: "New title.") var title: String?
    @Option(help: "New description.") var description: String?
    @Option(help: "New filter/exclusion guidance.") var exclusion: String?
    @Option(name: .customLong("example-filter"), help: "New example filter text.") var exampleFilter: String?
    @Option(name: .customLong("example-language"), help: "New example filter language.") var exampleLanguage: String?
    @Option(help: ArgumentHelp("New Sigma filter document; '-' reads standard input.", valueName: "file")) var filter: String?
    @Flag(name: .customLong("no-filter"), help: "Remove the scenario's Sigma filter.") var noFilter = false
    @Option(help: "New author (empty removes it).") var author: String?

    func validate() throws {
        if filter != nil && noFilter { throw ValidationError("--filter and --no-filter cannot be combined") }
        if title == nil && description == nil && exclusion == nil && exampleFilter == nil && exampleLanguage == nil
            && filter == nil && !noFilter && author == nil {
            throw ValidationError("nothing to change: give at least one of --title, --description, --exclusion, --example-filter, --example-language, --filter, --no-filter, --author")
        }
    }

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            let filterText = try filter.map(readTextArgument)
            var changes = ScenarioChanges(title: title, description: description, exclusion: exclusion,
                                          exampleFilter: exampleFilter, exampleLanguage: exampleLanguage, author: author)
            if noFilter { changes.filter = .some(nil) } else if let filterText { changes.filter = .some(filterText) }
            let record = try guideFailures {
                try catalog.editScenario(rule: rule, scenario: scenario, changes: changes, filterPath: filter, today: CommandClock.today)
            }
            print("updated scenario '\(record.title)' of rule \(record.ruleId)")
        }
    }
}

struct FPRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Delete a scenario.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "rule")) var rule: String
    @Argument(help: ArgumentHelp("Scenario title or number.", valueName: "scenario")) var scenario: String

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            let record = try guideFailures { try catalog.removeScenario(rule: rule, scenario: scenario) }
            print("removed scenario '\(record.title)' from rule \(record.ruleId)")
        }
    }
}

struct FPImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import scenarios from guide files (seed/guides layout); each file is all or nothing.",
        discussion: "Scenarios are matched by rule and title: importing the same file again changes nothing.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Guide YAML files.", valueName: "file")) var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
    }

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            try importGuideFiles(files, into: catalog, scenarios: true, notes: false, noun: "scenario")
        }
    }
}

/// Imports guide files one transaction each; rejected files are reported and make the exit status 1.
func importGuideFiles(_ files: [String], into catalog: AppDatabase, scenarios: Bool, notes: Bool, noun: String) throws {
    var total = GuideImportSummary()
    var rejected = 0
    for path in files {
        do {
            let text = try readTextArgument(path)
            let parsed = try GuideFile.parse(text: text, path: path)
            let summary = try catalog.importGuideFile(parsed, path: path, scenarios: scenarios, notes: notes, today: CommandClock.today)
            total.added += summary.added
            total.updated += summary.updated
            total.unchanged += summary.unchanged
        } catch let error as GuideFileError {
            StdErr.print(error.description)
            rejected += 1
        } catch let error as GuideStoreError {
            StdErr.print("\(path): error: \(error.description)")
            rejected += 1
        } catch let error as FatalError {
            StdErr.print("huntkb: error: \(error.message)")
            rejected += 1
        }
    }
    let files = files.count - rejected
    print("\(noun)s: \(total.added) added, \(total.updated) updated, \(total.unchanged) unchanged"
          + " from \(files) file\(files == 1 ? "" : "s")" + (rejected > 0 ? "; \(rejected) file\(rejected == 1 ? "" : "s") rejected" : ""))
    if rejected > 0 { throw ExitCode(1) }
}

struct FPExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write scenarios (of one rule, or all) as a guide YAML file.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "rule")) var rule: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            let file = try guideFailures { try catalog.exportScenarios(rule: rule) }
            try writeOutput(file.render(), to: output)
        }
    }
}

struct FPLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Flag scenario exclusions an attacker can satisfy (Sigma filters and example filters).",
        discussion: """
            Prints one warning per finding: `rule#N 'title': warning: where: reason [code]; safer: pattern`.
            Exit status 0 when nothing is flagged, 1 when some exclusion is flagged.

            CODES
            \(ExclusionLint.codes.map { "  " + $0.code.padding(toLength: 24, withPad: " ", startingAt: 0) + $0.meaning }.joined(separator: "\n"))
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id or unique id prefix (default: every rule with scenarios).", valueName: "rule"))
    var rule: String?
    @Option(help: "text or json.") var format: LintFormat = .text

    enum LintFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            let results = try guideFailures { try catalog.lintScenarios(rule: rule) }
            switch format {
            case .json: print(try ListRenderer.json(results))
            case .text:
                for result in results {
                    for finding in result.findings {
                        print("\(result.rule)#\(result.number) '\(result.title)': \(finding.line)")
                    }
                }
                let flagged = results.filter { !$0.findings.isEmpty }.count
                StdErr.print("\(results.count) scenario\(results.count == 1 ? "" : "s") checked, \(flagged) flagged")
            }
            if results.contains(where: { !$0.findings.isEmpty }) { throw ExitCode(1) }
        }
    }
}
