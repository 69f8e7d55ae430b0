import ArgumentParser
import Catalog
import Foundation
import SigmaKit
import SigmaConvert

/// `huntkb import PATH...`: imports Sigma rule files and folders into the catalog.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Sigma rule files and folders (recursively, *.yml and *.yaml) into the catalog.",
        discussion: """
            Each rule is upserted by its id: an unchanged file changes nothing, a changed file updates the row. \
            A file that cannot be imported is reported as path:line:column: error: message and skipped; the \
            others are committed together in one transaction (an interrupted import leaves the catalog as it was). \
            Correlation and filter documents are stored too (kind correlation / filter). Queries for the \
            --targets are generated (in parallel) and stored with each rule; unchanged rules keep theirs. \
            Files found in a folder that are not Sigma documents (no title, detection, correlation or filter: \
            a SigmaHQ clone's regression_data/**/info.yml and tests/*.yml), files under deprecated/ or \
            unsupported/ that current Sigma rejects, and deprecated/ copies of a rule an active file holds are \
            skipped and counted ("skipped N"; --list-skipped names them); they do not change the exit status. \
            Runs of more than 3,000 files are read, converted and written a batch at a time inside the run's one \
            transaction, so memory stays bounded (HUNTKB_IMPORT_BATCH sets the batch size). \
            Exit status: 0 nothing rejected, 1 some files rejected, 2 fatal error (a path that does not exist: \
            nothing is imported and no run is recorded).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Rule files or folders.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("Query targets to generate and store for each rule: comma-separated keys or short names (\(Converter.targets.map(\.key).joined(separator: ", "))), 'all' or 'none'. Default: the team profile's targets ('huntkb config'), else all.", valueName: "list"))
    var targets: String?

    /// The target keys named by `--targets`, else the profile's, else all; unknown names are usage errors.
    static func targetKeys(_ text: String?) throws -> [String] {
        guard let text else { return try ProfileDefaults.targetKeys() ?? QueryGenerator.allTargetKeys }
        do {
            return try QueryGenerator.targetKeys(list: text)
        } catch let error as CatalogError {
            throw UsageError(error.description)
        }
    }

    @Option(help: ArgumentHelp("Name of the rule source this import belongs to (default: derived from the paths or git repository). Each import is recorded as a run of its source for 'changes', 'history' and 'stale'.", valueName: "name"))
    var source: String?

    @Flag(help: "Print each skipped file and why on standard error.")
    var listSkipped = false

    func run() throws {
        var rejected = 0
        try runReportingErrors {
            let keys = try Self.targetKeys(targets)
            // Before the catalog is opened: a wrong path must not even create a catalog.
            if let missing = paths.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
                throw FatalError("\(missing): no such file or directory")
            }
            let db = try database.openCatalog()
            var importer = RuleImporter()
            importer.clock = db.clock
            importer.targetKeys = keys
            // Runs of more files than this are written in batches (inside the run's one transaction); the crash
            // trial sets it low to kill batched imports too.
            if let size = ProcessInfo.processInfo.environment["HUNTKB_IMPORT_BATCH"].flatMap(Int.init), size > 0 {
                importer.batchSize = size
            }
            if Terminal.stderrIsTTY {
                importer.progress = { done, total in
                    if done == total || done % 100 == 0 {
                        FileHandle.standardError.write(Data("\rimporting \(done)/\(total)\(done == total ? "\r\u{1B}[K" : "")".utf8))
                    }
                }
            }
            let result: SourceImportReport
            do {
                result = try importer.run(paths: paths, source: source, into: db)
            } catch let missing as MissingRulePath {
                throw FatalError(missing.description)
            }
            let report = result.report
            for rejection in report.rejections { StdErr.print(rejection.description) }
            for warning in report.warnings { StdErr.print(warning) }
            if listSkipped {
                for skip in report.skipped where skip.reason != .supersededByActive { StdErr.print(skip.description) }
            }
            print(report.summary)
            print(result.runLine)
            rejected = report.rejected
        }
        if rejected > 0 { throw ExitCode(1) }
    }
}
