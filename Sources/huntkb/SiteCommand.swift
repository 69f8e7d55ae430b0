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
    @Option(name: .customLong("coverage-svg"), help: ArgumentHelp("An ATT&CK heatmap SVG to show on the index.", valueName: "file"))
    var coverageSVG: String?
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
            try SiteOutputFolder.prepare(output)
            let scope: GuideSelection.Scope
            if let technique { scope = .technique(technique) } else if let tactic { scope = .tactic(tactic) } else { scope = .all }
            let selection = GuideSelection(scope: scope, statuses: status.map { $0.lowercased() },
                                           minLevel: minLevel.flatMap { RuleLevel(rawValue: $0.lowercased()) },
                                           targets: try parsedTargets(), includeRemoved: includeRemoved)
            let svg = try coverageSVG.map(readTextArgument)
            let catalog = try database.openCatalog()
            let load = try guideFailures { try catalog.guideCorpus(selection) }
            let extras = try guideFailures { try catalog.siteExtras(ruleIDs: load.corpus.rules.map(\.id)) }
            var title = "HuntKB hunt guides"
            if case .technique = scope { title += ": \(load.subject)" }
            if case .tactic = scope { title += ": \(load.subjectName ?? load.subject)" }
            let input = SiteInput(corpus: load.corpus, extras: extras, coverageSVG: svg,
                                  generatedAt: noTimestamp ? nil : ISO8601DateFormatter().string(from: Date()), title: title)
            let files: [SiteFile]
            do {
                files = try SiteBuilder.build(input)
            } catch let error as SiteError {
                throw FatalError(error.description)
            }
            let result = try SiteOutputFolder.write(files, to: output)
            StdErr.print("wrote \(result.written) file\(result.written == 1 ? "" : "s") to \(output)"
                         + " (\(load.corpus.rules.count) rule page\(load.corpus.rules.count == 1 ? "" : "s"))"
                         + (result.removed > 0 ? ", removed \(result.removed) stale file\(result.removed == 1 ? "" : "s")" : ""))
        }
    }
}

/// Writes site files into a folder without touching files HuntKB did not generate.
enum SiteOutputFolder {
    struct Result {
        var written: Int
        var removed: Int
    }

    /// The folder exists (created if missing) and is a folder that can be written.
    static func prepare(_ dir: String) throws {
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
        if !fm.isWritableFile(atPath: dir) { throw FatalError("\(dir): folder is not writable") }
    }

    static func write(_ files: [SiteFile], to dir: String) throws -> Result {
        let fm = FileManager.default
        try prepare(dir)
        let base = URL(fileURLWithPath: dir, isDirectory: true)
        // Refuse before writing anything if a file would overwrite one HuntKB did not make.
        var foreign: [String] = []
        for folder in SiteBuilder.folders {
            let path = base.appendingPathComponent(folder).path
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { foreign.append(folder) }
        }
        for file in files {
            guard isSafePath(file.path) else { throw FatalError("refusing unsafe file name '\(file.path)'") }
            let path = base.appendingPathComponent(file.path).path
            if let attributes = try? fm.attributesOfItem(atPath: path) {
                let type = attributes[.type] as? FileAttributeType
                if type != .typeRegular || !isGenerated(path) { foreign.append(file.path) }
            }
        }
        if !foreign.isEmpty {
            throw FatalError("\(dir): \(foreign.prefix(5).joined(separator: ", "))\(foreign.count > 5 ? ", ..." : "") "
                             + "exist\(foreign.count == 1 ? "s" : "") and \(foreign.count == 1 ? "was" : "were") not written by huntkb site; "
                             + "move \(foreign.count == 1 ? "it" : "them") or choose another folder")
        }
        for folder in SiteBuilder.folders {
            let path = base.appendingPathComponent(folder).path
            do {
                try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw FatalError("\(path): cannot create folder: \(error.localizedDescription)")
            }
        }
        for file in files {
            let url = base.appendingPathComponent(file.path)
            do {
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw FatalError("\(url.path): cannot write: \(error.localizedDescription)")
            }
        }
        // Files of an earlier run that this run no longer produces (a rule removed, a filter narrowed).
        let keep = Set(files.map(\.path))
        var removed = 0
        for folder in [""] + SiteBuilder.folders {
            let folderURL = folder.isEmpty ? base : base.appendingPathComponent(folder)
            let entries = (try? fm.contentsOfDirectory(atPath: folderURL.path)) ?? []
            for name in entries.sorted() {
                let relative = folder.isEmpty ? name : folder + "/" + name
                guard !keep.contains(relative), [".html", ".json", ".js", ".css", ".svg"].contains(where: name.hasSuffix) else { continue }
                let path = folderURL.appendingPathComponent(name).path
                guard let attributes = try? fm.attributesOfItem(atPath: path),
                      attributes[.type] as? FileAttributeType == .typeRegular, isGenerated(path) else { continue }
                if (try? fm.removeItem(atPath: path)) != nil { removed += 1 }
            }
        }
        return Result(written: files.count, removed: removed)
    }

    /// Paths are built from ids in one of the site's folders; anything else is refused.
    static func isSafePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, !path.contains("\\") else { return false }
        if parts.count == 2, !SiteBuilder.folders.contains(String(parts[0])) { return false }
        return parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("..") }
    }

    /// Whether the file starts with one of the site's markers.
    static func isGenerated(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 128)) ?? Data()
        return SiteBuilder.isGenerated(prefix: String(decoding: head, as: UTF8.self))
    }
}
