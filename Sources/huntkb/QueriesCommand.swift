import ArgumentParser
import Catalog
import Foundation
import Reports
import SigmaConvert

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

    @Option(help: ArgumentHelp("A target key or short name (\(Converter.targets.map(\.key).joined(separator: ", "))), or a language with --pipeline. Default: the team profile's targets.", valueName: "target"))
    var target: String?

    @Option(help: ArgumentHelp("Pipeline of the target (e.g. kusto: sentinel_asim; splunk: splunk_cim).", valueName: "pipeline"))
    var pipeline: String?

    @Option(help: "text, json or jsonl.")
    var format: Format = .text

    @Option(help: "At most N rules.")
    var limit: Int?

    /// The stored target keys for --target/--pipeline, else the profile's.
    func targetKeys() throws -> [String] {
        guard let target else {
            if pipeline != nil { throw UsageError("--pipeline needs --target") }
            guard let keys = try ProfileDefaults.targetKeys() else {
                throw UsageError("give --target (one of: \(ConverterRegistry.targetNames.joined(separator: ", "))), or set a profile with 'huntkb config set targets ...'")
            }
            return keys
        }
        if let pipeline {
            let key = "\(target)/\(pipeline)"
            guard Converter.target(key: key) != nil else {
                do throws(ConversionError) {
                    try ConverterRegistry.validate(target: target, pipeline: pipeline, queryFormat: nil)
                } catch {
                    throw UsageError(error.message)
                }
                throw UsageError("no stored target '\(key)' (expected one of: \(QueryGenerator.allTargetKeys.joined(separator: ", ")))")
            }
            return [key]
        }
        if let found = Converter.target(named: target) { return [found.key] }
        // `--target kusto` alone: the only unambiguous choice is none, so ask for the pipeline.
        let candidates = QueryGenerator.allTargetKeys.filter { $0.hasPrefix(target + "/") }
        if !candidates.isEmpty {
            throw UsageError("--target \(target) needs --pipeline (one of: \(candidates.map { String($0.dropFirst(target.count + 1)) }.joined(separator: ", ")))")
        }
        throw UsageError("unknown target '\(target)' (expected one of: \(ConverterRegistry.targetNames.joined(separator: ", ")))")
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
            let keys = try targetKeys()
            let db = try database.openCatalogReadOnly()
            var query = try filters.query()
            query.limit = limit
            query.kinds = ["rule"]
            var entries: [Entry] = []
            for key in keys {
                let (results, stored): ([RuleSummary], [StoredQuery])
                do {
                    (results, stored) = try db.storedQueries(of: query, targetKey: key)
                } catch let error as CatalogError {
                    throw UsageError.mapping(error)
                }
                let byID = Dictionary(stored.map { ($0.ruleId, $0) }, uniquingKeysWith: { a, _ in a })
                for rule in results {
                    let q = byID[rule.id]
                    entries.append(Entry(id: rule.id, title: rule.title, target: q?.target ?? key, pipeline: q?.pipeline,
                                         query: q?.query, error: q == nil ? "no stored query for \(key) (run 'huntkb queries refresh --targets \(key)')" : q?.error,
                                         stale: q?.stale ?? false))
                }
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
                for entry in entries {
                    guard let text = entry.query else {
                        StdErr.print("\(entry.id): error: \(entry.error ?? "no query")")
                        continue
                    }
                    let key = (entry.pipeline ?? "").isEmpty ? entry.target : "\(entry.target)/\(entry.pipeline ?? "")"
                    let comment = Converter.target(key: key)?.comment ?? CommentSyntax(prefix: "//")
                    print(comment.comment("\(entry.id) \(entry.title)\(entry.stale ? " (stale)" : "")"))
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

    @Option(help: ArgumentHelp("Comma-separated target keys or short names, or 'all'. Default: the team profile's targets, else all.", valueName: "list"))
    var targets: String?

    @Flag(help: "Regenerate every query, stale or not.")
    var force = false

    func run() throws {
        try runReportingErrors {
            let keys = try ImportCommand.targetKeys(targets)
            let db = try database.openCatalog()
            do {
                let report = try db.refreshQueries(targetKeys: keys, force: force)
                print(report.summary)
            } catch let error as CatalogError {
                throw FatalError(error.description)
            }
        }
    }
}
