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
            technique plus index.md, replacing only files it generated earlier (their first line is a HuntKB marker).

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

    func run() throws {
        try runReportingErrors {
            let scope: GuideSelection.Scope
            if let rule { scope = .rule(rule) } else if let technique { scope = .technique(technique) }
            else if let tactic { scope = .tactic(tactic) } else { scope = .all }
            let selection = GuideSelection(scope: scope, statuses: status.map { $0.lowercased() },
                                           minLevel: minLevel.flatMap { RuleLevel(rawValue: $0.lowercased()) },
                                           targets: try parsedTargets() ?? ProfileDefaults.targetKeys()?.compactMap(Converter.target(key:)),
                                           includeRemoved: includeRemoved)
            let catalog = try database.openCatalog()
            let load = try guideFailures { try catalog.guideCorpus(selection) }
            let options = GuideOptions(generatedAt: noTimestamp ? nil : ISO8601DateFormatter().string(from: Date()))

            if let output {
                let pages = GuideBook.pages(corpus: load.corpus, options: options)
                let result = try GuideOutputFolder.write(pages, to: output)
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
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// Writes guide pages into a folder without touching files HuntKB did not generate.
enum GuideOutputFolder {
    struct Result {
        var written: Int
        var removed: Int
    }

    static func write(_ pages: [GuidePage], to dir: String) throws -> Result {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir, isDirectory: &isDir) {
            if !isDir.boolValue { throw FatalError("\(dir): exists and is not a folder") }
        } else {
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw FatalError("\(dir): cannot create folder: \(error.localizedDescription)")
            }
        }
        let base = URL(fileURLWithPath: dir, isDirectory: true)
        // Refuse before writing anything if a page would overwrite a file HuntKB did not make.
        var foreign: [String] = []
        for page in pages {
            guard isSafeName(page.file) else { throw FatalError("refusing unsafe page name '\(page.file)'") }
            let path = base.appendingPathComponent(page.file).path
            if let attributes = try? fm.attributesOfItem(atPath: path) {
                let type = attributes[.type] as? FileAttributeType
                if type != .typeRegular || !isGenerated(path) { foreign.append(page.file) }
            }
        }
        if !foreign.isEmpty {
            throw FatalError("\(dir): \(foreign.prefix(5).joined(separator: ", "))\(foreign.count > 5 ? ", ..." : "") "
                             + "exist\(foreign.count == 1 ? "s" : "") and \(foreign.count == 1 ? "was" : "were") not written by huntkb guide; "
                             + "move \(foreign.count == 1 ? "it" : "them") or choose another folder")
        }
        for page in pages {
            let path = base.appendingPathComponent(page.file).path
            do {
                try Data(page.markdown.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw FatalError("\(path): cannot write: \(error.localizedDescription)")
            }
        }
        // Earlier pages that this run no longer produces (e.g. a technique whose rules were removed).
        let keep = Set(pages.map(\.file))
        var removed = 0
        let entries = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
        for name in entries.sorted() where name.hasSuffix(".md") && !keep.contains(name) {
            let path = base.appendingPathComponent(name).path
            guard let attributes = try? fm.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular, isGenerated(path) else { continue }
            if (try? fm.removeItem(atPath: path)) != nil { removed += 1 }
        }
        return Result(written: pages.count, removed: removed)
    }

    /// Page names are built from technique ids; anything with a path separator or dot-dot is refused.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.contains("\\") && !name.hasPrefix(".") && !name.contains("..")
    }

    /// Whether the file starts with HuntKB's marker line.
    static func isGenerated(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: GuideBook.marker.utf8.count)) ?? Data()
        return head == Data(GuideBook.marker.utf8)
    }
}
