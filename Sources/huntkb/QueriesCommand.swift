import ArgumentParser
import Catalog
import Foundation

/// `huntkb queries`: stored generated queries (export of a search result, refresh).
struct QueriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries",
        abstract: "Export the stored queries of a search result, or regenerate stale ones.",
        subcommands: [QueriesExportCommand.self, QueriesRefreshCommand.self],
        defaultSubcommand: QueriesExportCommand.self
    )
}

/// `huntkb queries --target T [--pipeline P] [search filters]`
struct QueriesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the stored queries of the rules a search returns, for one target.",
        discussion: """
            The search filters are those of 'huntkb search'. --format text prints, per rule, a comment line \
            with id and title then the query; rules whose conversion failed are listed on standard error and \
            make the exit status 1. json/jsonl give {id, title, target, pipeline, query | error, stale}.
            """
    )

    /// Output formats of the export.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl
    }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: SearchFilterOptions

    @Option(help: ArgumentHelp("kusto, splunk or lucene (or a key such as kusto/sentinel_asim).", valueName: "target"))
    var target: String

    @Option(help: ArgumentHelp("Pipeline of the target (kusto: sentinel_asim, microsoft_xdr, azure_monitor).", valueName: "pipeline"))
    var pipeline: String?

    @Option(help: "text, json or jsonl.")
    var format: Format = .text

    @Option(help: "At most N rules.")
    var limit: Int?

    /// The stored target key for --target/--pipeline.
    func targetKey() throws -> String {
        var key = target
        if let pipeline { key = "\(target)/\(pipeline)" }
        if !QueryGenerator.allTargetKeys.contains(key) {
            // `--target kusto` alone: the only unambiguous choice is none, so ask for the pipeline.
            let candidates = QueryGenerator.allTargetKeys.filter { $0.hasPrefix(target + "/") }
            if pipeline == nil, !candidates.isEmpty {
                throw ValidationError("--target \(target) needs --pipeline (one of: \(candidates.map { String($0.dropFirst(target.count + 1)) }.joined(separator: ", ")))")
            }
            throw ValidationError("unknown target '\(key)' (expected: \(QueryGenerator.allTargetKeys.joined(separator: ", ")))")
        }
        return key
    }

    func validate() throws {
        _ = try targetKey()
    }

    /// One exported entry.
    struct Entry: Encodable {
        var id: String
        var title: String
        var target: String
        var pipeline: String?
        var query: String?
        var error: String?
        var stale: Bool
    }

    func run() throws {
        var failures = 0
        try runReportingErrors {
            let db = try database.openCatalog()
            let key = try targetKey()
            var query = try filters.query()
            query.limit = limit
            query.kinds = ["rule"]
            let (results, stored): ([RuleSummary], [StoredQuery])
            do {
                (results, stored) = try db.writer.read { db in
                    let results = try RuleSearch.search(db, query)
                    return (results, try QueryStore.queries(db, ruleIDs: results.map(\.id), targetKey: key))
                }
            } catch let error as CatalogError {
                throw UsageError.mapping(error)
            }
            let byID = Dictionary(stored.map { ($0.ruleId, $0) }, uniquingKeysWith: { a, _ in a })
            var entries: [Entry] = []
            for rule in results {
                let q = byID[rule.id]
                entries.append(Entry(id: rule.id, title: rule.title, target: q?.target ?? key, pipeline: q?.pipeline,
                                     query: q?.query, error: q == nil ? "no stored query for \(key) (run 'huntkb queries refresh --targets \(key)')" : q?.error,
                                     stale: q?.stale ?? false))
            }
            failures = entries.filter { $0.query == nil }.count
            switch format {
            case .json:
                print(try ListRenderer.json(entries))
            case .jsonl:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                for entry in entries { print(String(decoding: try encoder.encode(entry), as: UTF8.self)) }
            case .text:
                let comment = key.hasPrefix("splunk") ? "```" : "//"
                for entry in entries {
                    guard let text = entry.query else {
                        StdErr.print("\(entry.id): error: \(entry.error ?? "no query")")
                        continue
                    }
                    let close = comment == "```" ? " ```" : ""
                    print("\(comment) \(entry.id) \(entry.title)\(entry.stale ? " (stale)" : "")\(close)")
                    print(text)
                    print()
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// `huntkb queries refresh`
struct QueriesRefreshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Regenerate stored queries that are missing or stale (rule changed or generator newer)."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Comma-separated target keys, or 'all' (default).", valueName: "list"))
    var targets: String = "all"

    @Flag(help: "Regenerate every query, stale or not.")
    var force = false

    func validate() throws {
        _ = try ImportCommand.targetKeys(targets)
    }

    func run() throws {
        try runReportingErrors {
            let db = try database.openCatalog()
            do {
                let report = try QueryStore.refresh(db, targetKeys: try ImportCommand.targetKeys(targets), force: force)
                print(report.summary)
            } catch let error as CatalogError {
                throw FatalError(error.description)
            }
        }
    }
}
