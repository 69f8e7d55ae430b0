import ArgumentParser
import Catalog
import Foundation
import Reports
import SigmaConvert
import SigmaKit

/// `huntkb site`: the hunt guides as a static site that opens from the file system.
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write the hunt guides as a static HTML site: index, a page per technique and per rule, search.",
        discussion: """
            The site opens from the file system (index.html): no server, nothing loaded from elsewhere. \
            Search runs in the page over search-index.json (also written as assets/search-index.js, since \
            browsers do not fetch files from a file: page); index.html?q=TEXT opens with a search. \
            Filters are those of 'huntkb guide'. HuntKB replaces or removes only files it wrote earlier \
            (they start with a HuntKB marker); any other file in DIR is kept, and a file in the way of a page \
            stops the run before anything is written.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Folder to write the site into.", valueName: "dir")) var output: String
    @Option(help: ArgumentHelp("Only this ATT&CK technique (and its sub-techniques).", valueName: "id")) var technique: String?
    @Option(help: ArgumentHelp("Only this ATT&CK tactic: id, short name or name.", valueName: "tactic")) var tactic: String?
    @Option(help: ArgumentHelp("Only rules with this status (repeatable).", valueName: "status")) var status: [String] = []
    @Option(name: .customLong("min-level"), help: ArgumentHelp("Only rules of this level or higher.", valueName: "level"))
    var minLevel: String?
    @Flag(name: .customLong("include-removed"), help: "Also rules that disappeared from their source (hidden by default).")
    var includeRemoved = false
    @Option(help: ArgumentHelp("Targets to show, comma-separated (default: every stored target).", valueName: "keys"))
    var targets: String?
    @Option(name: .customLong("coverage-svg"), help: ArgumentHelp("An ATT&CK heatmap SVG to show on the index (default: the coverage of the site's rules, for a whole-catalog site).", valueName: "file"))
    var coverageSVG: String?
    @Flag(name: .customLong("no-coverage"), help: "Leave the coverage heatmap out of the index.")
    var noCoverage = false
    @Flag(name: .customLong("no-timestamp"), help: "Leave out the generated-at line (byte-identical output).")
    var noTimestamp = false

    func validate() throws {
        if technique != nil && tactic != nil { throw ValidationError("choose at most one of --technique, --tactic") }
        for s in status where RuleStatus(rawValue: s.lowercased()) == nil {
            throw ValidationError("unknown status '\(s)' (expected \(RuleStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let minLevel, RuleLevel(rawValue: minLevel.lowercased()) == nil {
            throw ValidationError("unknown level '\(minLevel)' (expected \(RuleLevel.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        _ = try parsedTargets()
    }

    /// The same target names and short names as `guide --targets`.
    func parsedTargets() throws -> [TargetDescription]? {
        guard let targets else { return nil }
        var out: [TargetDescription] = []
        for raw in targets.split(separator: ",") {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty else { continue }
            guard let found = Converter.target(key: GuideCommand.targetAliases[name] ?? name) else {
                throw ValidationError("unknown target '\(name)' (expected one of: \(Converter.targets.map(\.key).joined(separator: ", ")), or asim, xdr, azure)")
            }
            if !out.contains(found) { out.append(found) }
        }
        if out.isEmpty { throw ValidationError("--targets names no target") }
        return out
    }

    func run() throws {
        try runReportingErrors {
            // Refuse a bad folder before the (slower) catalog work.
            try GeneratedFolder.site(output).prepare()
            let scope: GuideSelection.Scope
            if let technique { scope = .technique(technique) } else if let tactic { scope = .tactic(tactic) } else { scope = .all }
            let selection = GuideSelection(scope: scope, statuses: status.map { $0.lowercased() },
                                           minLevel: minLevel.flatMap { RuleLevel(rawValue: $0.lowercased()) },
                                           targets: try parsedTargets(), includeRemoved: includeRemoved)
            var svg = try coverageSVG.map(readTextArgument)
            let catalog = try database.openCatalog()
            if svg == nil, !noCoverage, case .all = scope {
                // The index shows the ATT&CK matrix of the rules the site holds.
                svg = CoverageSVG.render(try catalog.coverage(CoverageQuery(filter: GuideCommand.selectionFilter(status: status, minLevel: minLevel))))
            }
            let load = try guideFailures { try catalog.guideCorpus(selection) }
            let extras = try guideFailures { try catalog.siteExtras(ruleIDs: load.corpus.rules.map(\.id)) }
            var title = "HuntKB hunt guides"
            if case .technique = scope { title += ": \(load.subject)" }
            if case .tactic = scope { title += ": \(load.subjectName ?? load.subject)" }
            let input = SiteInput(corpus: load.corpus, extras: extras, coverageSVG: svg,
                                  generatedAt: noTimestamp ? nil : CommandClock.timestamp, title: title)
            let files: [SiteFile]
            do {
                files = try SiteBuilder.build(input)
            } catch let error as SiteError {
                throw FatalError(error.description)
            }
            let result = try GeneratedFolder.site(output).write(files.map { (path: $0.path, contents: $0.contents) })
            StdErr.print("wrote \(result.written) file\(result.written == 1 ? "" : "s") to \(output)"
                         + " (\(load.corpus.rules.count) rule page\(load.corpus.rules.count == 1 ? "" : "s"))"
                         + (result.removed > 0 ? ", removed \(result.removed) stale file\(result.removed == 1 ? "" : "s")" : ""))
        }
    }
}

extension GeneratedFolder {
    /// The files of `huntkb site`: pages, assets, the search index and the coverage picture.
    static func site(_ dir: String) -> GeneratedFolder {
        GeneratedFolder(dir: dir, producer: "huntkb site", subfolders: SiteBuilder.folders,
                        removableSuffixes: [".html", ".json", ".js", ".css", ".svg"],
                        isMarked: SiteBuilder.isGenerated(prefix:))
    }
}
