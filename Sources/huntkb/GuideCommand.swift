import ArgumentParser
import Catalog
import Foundation
import Reports
import SigmaConvert
import SigmaKit

/// `huntkb guide`: markdown hunt guides for a rule, a technique, a tactic or the whole catalog.
struct GuideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guide",
        abstract: "Write markdown hunt guides: note, rule, queries per SIEM, false-positive scenarios and tuned queries.",
        discussion: """
            Choose one of --rule, --technique (a parent technique includes its sub-techniques), --tactic or --all. \
            Without --output the guide goes to standard output; with --output DIR HuntKB writes one page per \
            technique plus index.md (with --technique: that technique's pages and the index only), replacing only files \
            it generated earlier (their first line is a HuntKB marker). Each technique page opens with contents, a \
            summary table and a hunt plan (data to collect, time window, rules by hunting use, stacking queries, \
            pivots). Deprecated and unsupported rules are left out unless --include-deprecated or --status names them.

            TARGETS (--targets, comma-separated; default: every target with stored queries, else all)
            \(Converter.targets.map { "  " + $0.key.padding(toLength: 21, withPad: " ", startingAt: 0) + "\($0.siemName) — \($0.language)" }.joined(separator: "\n"))
            Short names: asim, xdr, azure, splunk, lucene.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "id")) var rule: String?
    @Option(help: ArgumentHelp("ATT&CK technique id, e.g. T1053.003 or T1053.", valueName: "id")) var technique: String?
    @Option(help: ArgumentHelp("ATT&CK tactic: id, short name or name (TA0003, persistence).", valueName: "tactic")) var tactic: String?
    @Flag(help: "Every rule in the catalog.") var all = false

    @Option(help: ArgumentHelp("Only rules with this status (repeatable).", valueName: "status")) var status: [String] = []
    @Option(name: .customLong("min-level"), help: ArgumentHelp("Only rules of this level or higher.", valueName: "level"))
    var minLevel: String?
    @Flag(name: .customLong("include-removed"), help: "Also rules that disappeared from their source (hidden by default).")
    var includeRemoved = false
    @Flag(name: .customLong("include-deprecated"), help: "Also deprecated and unsupported rules (left out by default), each with a banner.")
    var includeDeprecated = false
    @Option(help: ArgumentHelp("Targets to show, comma-separated (default: every stored target).", valueName: "keys"))
    var targets: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Write pages into this folder.", valueName: "dir")) var output: String?
    @Flag(name: .customLong("no-timestamp"), help: "Leave out the generated-at line (byte-identical output).")
    var noTimestamp = false

    func validate() throws {
        let chosen = [rule != nil, technique != nil, tactic != nil, all].filter { $0 }.count
        if chosen != 1 { throw ValidationError("choose exactly one of --rule, --technique, --tactic, --all") }
        for s in status where RuleStatus(rawValue: s.lowercased()) == nil {
            throw ValidationError("unknown status '\(s)' (expected \(RuleStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let minLevel, RuleLevel(rawValue: minLevel.lowercased()) == nil {
            throw ValidationError("unknown level '\(minLevel)' (expected \(RuleLevel.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        _ = try parsedTargets()
    }

    static let targetAliases: [String: String] = [
        "asim": "kusto/sentinel_asim", "sentinel": "kusto/sentinel_asim", "sentinel_asim": "kusto/sentinel_asim",
        "xdr": "kusto/microsoft_xdr", "microsoft_xdr": "kusto/microsoft_xdr", "defender": "kusto/microsoft_xdr",
        "azure": "kusto/azure_monitor", "azure_monitor": "kusto/azure_monitor",
        "elastic": "lucene", "elasticsearch": "lucene",
    ]

    func parsedTargets() throws -> [TargetDescription]? {
        guard let targets else { return nil }
        var out: [TargetDescription] = []
        for raw in targets.split(separator: ",") {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty else { continue }
            let key = Self.targetAliases[name] ?? name
            guard let found = Converter.target(key: key) ?? Converter.target(named: name) else {
                throw ValidationError("unknown target '\(name)' (expected one of: \(Converter.targets.map(\.key).joined(separator: ", ")), or asim, xdr, azure)")
            }
            if !out.contains(found) { out.append(found) }
        }
        if out.isEmpty { throw ValidationError("--targets names no target") }
        return out
    }

    /// The rules `--status` and `--min-level` keep, as a catalog query (for the coverage picture).
    static func selectionFilter(status: [String], minLevel: String?) -> RuleQuery {
        var filter = RuleQuery()
        filter.statuses = status.map { $0.lowercased() }
        if let minLevel, let min = RuleLevel(rawValue: minLevel.lowercased()) {
            filter.levels = RuleLevel.allCases.filter { $0 >= min }.map(\.rawValue)
        }
        return filter
    }

    func run() throws {
        try runReportingErrors {
            let scope: GuideSelection.Scope
            if let rule { scope = .rule(rule) } else if let technique { scope = .technique(technique) }
            else if let tactic { scope = .tactic(tactic) } else { scope = .all }
            let selection = GuideSelection(scope: scope, statuses: status.map { $0.lowercased() },
                                           minLevel: minLevel.flatMap { RuleLevel(rawValue: $0.lowercased()) },
                                           targets: try parsedTargets() ?? ProfileDefaults.targetKeys()?.compactMap(Converter.target(key:)),
                                           includeRemoved: includeRemoved, includeDeprecated: includeDeprecated)
            let catalog = try database.openCatalogReadOnly()
            let load = try guideFailures { try catalog.guideCorpus(selection) }
            let options = GuideOptions(generatedAt: noTimestamp ? nil : CommandClock.timestamp)

            if let output {
                var options = options
                var coverage: String?
                if case .all = scope {
                    // The index shows the ATT&CK matrix of the rules the pages hold.
                    coverage = CoverageSVG.render(try catalog.coverage(CoverageQuery(filter: Self.selectionFilter(status: status, minLevel: minLevel))))
                    options.coverageImage = GuideBook.coverageFile
                }
                var pages = GuideBook.pages(corpus: load.corpus, options: options).map { (path: $0.file, contents: $0.markdown) }
                if let coverage { pages.append((GuideBook.coverageFile, GuideBook.markedSVG(coverage))) }
                let result = try GeneratedFolder.guide(output).write(pages)
                StdErr.print("wrote \(result.written) page\(result.written == 1 ? "" : "s") to \(output)"
                             + (result.removed > 0 ? ", removed \(result.removed) stale page\(result.removed == 1 ? "" : "s")" : ""))
                return
            }
            let text: String
            switch scope {
            case .rule:
                guard let only = load.corpus.rules.first else {
                    throw FatalError("rule \(load.subject) is excluded by --status/--min-level")
                }
                text = GuideBook.ruleDocument(only, options: options)
            case .technique:
                if load.corpus.rules.isEmpty { StdErr.print("huntkb: note: no rules for \(load.subject) match the filters") }
                text = GuideBook.techniqueDocument(load.subject, corpus: load.corpus, options: options)
            case .tactic:
                text = GuideBook.collectionDocument(title: "Hunt guide: \(load.subjectName ?? load.subject)",
                                                    corpus: load.corpus, options: options)
            case .all:
                text = GuideBook.collectionDocument(title: "HuntKB hunt guide", corpus: load.corpus, options: options)
            }
            TerminalOutput.write(text)
        }
    }
}

/// Writes guide pages into a folder without touching files HuntKB did not generate.
extension GeneratedFolder {
    /// The pages of `huntkb guide --output`: markdown pages and the coverage picture, each starting with the marker.
    static func guide(_ dir: String) -> GeneratedFolder {
        GeneratedFolder(dir: dir, producer: "huntkb guide", removableSuffixes: [".md", ".svg"],
                        isMarked: { $0.hasPrefix(GuideBook.marker) })
    }
}
