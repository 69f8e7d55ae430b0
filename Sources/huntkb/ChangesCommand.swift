import ArgumentParser
import Catalog
import Foundation

/// Output formats of the lifecycle reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, markdown
}

/// `huntkb changes`: the sync report of one or more import runs.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "What imports changed: added, modified, status, deprecated, removed... rules, grouped by kind.",
        discussion: """
            With no window the report covers the most recent import run (of --source when given). \
            --since DATE covers the runs started on or after DATE; --from-import N --to-import M covers runs N to M \
            (run numbers are printed by huntkb import and listed by --list-imports). Several changes of one kind to \
            one rule inside the window are merged (first old value, last new value). Kinds: \
            \(RuleEventKind.allCases.filter { $0 != .local }.map(\.rawValue).joined(separator: ", ")). \
            --format markdown writes a release note to paste into a ticket.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Runs started on or after this day.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .customLong("from-import"), help: ArgumentHelp("First import run number.", valueName: "N"))
    var fromImport: Int64?

    @Option(name: .customLong("to-import"), help: ArgumentHelp("Last import run number.", valueName: "M"))
    var toImport: Int64?

    @Option(help: ArgumentHelp("Only runs of this source.", valueName: "name"))
    var source: String?

    @Option(name: .customLong("kind"), help: ArgumentHelp("Kinds to show, comma-separated or repeated.", valueName: "kinds"))
    var kinds: [String] = []

    @Option(help: "table, json or markdown.")
    var format: ReportFormat = .table

    @Flag(name: .customLong("list-imports"), help: "List the import runs (newest first, of --source when given) instead of a report.")
    var listImports = false

    func validate() throws {
        if since != nil && (fromImport != nil || toImport != nil) {
            throw ValidationError("--since cannot be combined with --from-import/--to-import")
        }
        if let since, !LifecycleClock.isDay(since) { throw ValidationError("--since: '\(since)' is not a date (expected YYYY-MM-DD)") }
        for n in [fromImport, toImport].compactMap({ $0 }) where n < 1 {
            throw ValidationError("import run numbers start at 1")
        }
        do { _ = try ChangeQuery.parseKinds(kinds) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        try runReportingErrors {
            let db = try database.openCatalogForReading()
            if listImports {
                let runs = try db.writer.read { try ImportRuns.list($0, source: source) }
                print(try Self.renderRuns(runs, format: format), terminator: "")
                return
            }
            let query = ChangeQuery(since: since, fromImport: fromImport, toImport: toImport, source: source,
                                    kinds: try ChangeQuery.parseKinds(kinds))
            let report: ChangeReport
            do {
                report = try db.writer.read { try ChangeReport.build($0, query) }
            } catch let error as LifecycleError {
                throw FatalError(error.description)
            }
            switch format {
            case .json: print(try ListRenderer.json(report))
            case .table: print(ChangeReportText.render(report), terminator: "")
            case .markdown: print(ChangeReportMarkdown.render(report), terminator: "")
            }
        }
    }
}

extension ChangesCommand {
    static func renderRuns(_ runs: [ImportRunSummary], format: ReportFormat) throws -> String {
        if format == .json { return try ListRenderer.json(runs) + "\n" }
        let headers = ["IMPORT", "SOURCE", "SCOPE", "COMMIT", "TAG", "IMPORTED", "ADDED", "UPDATED", "REMOVED", "EVENTS"]
        let rows = runs.map { r in
            ["#\(r.id)", r.source, r.scope, r.commit.map { String($0.prefix(12)) } ?? "-", r.tag ?? "-", String(r.startedAt.prefix(10)),
             "\(r.added)", "\(r.updated)", "\(r.removed)", "\(r.events)"]
        }
        if format == .markdown {
            return ChangeReportMarkdown.table(headers.map { $0.capitalized }, rows.map { $0.map(ChangeReportMarkdown.cell) })
        }
        return rows.isEmpty ? "no import run\n" : ListRenderer.table(headers: headers, rows: rows)
    }
}

/// Labels shared by the text and markdown forms of the change report.
enum ChangeLabels {
    static func title(_ kind: String) -> String {
        switch kind {
        case "added": "Added"
        case "modified": "Modified"
        case "status": "Status changes"
        case "deprecated": "Deprecated"
        case "level": "Level changes"
        case "tags": "ATT&CK tag changes"
        case "removed": "Removed from the source"
        case "restored": "Restored"
        case "source": "Moved between sources"
        default: kind
        }
    }

    static func rules(_ n: Int) -> String { "\(n) rule\(n == 1 ? "" : "s")" }

    static func value(_ s: String?) -> String { s.flatMap { $0.isEmpty ? nil : $0 } ?? "none" }

    /// How a rule became deprecated.
    static func deprecation(_ entry: ChangeEntry) -> String {
        entry.detail == "status" || entry.detail == nil ? "status \(value(entry.old)) → deprecated" : "moved to \(entry.detail!)"
    }

    /// One line describing the covered runs.
    static func window(_ report: ChangeReport) -> String {
        guard let first = report.runs.first, let last = report.runs.last else {
            var text = "No import run"
            if let since = report.since { text += " since \(since)" }
            if let source = report.source { text += " of source '\(source)'" }
            return text
        }
        if report.runs.count == 1 { return "Import " + run(first) }
        var text = "Imports #\(first.id) to #\(last.id) (\(report.runs.count) runs"
        if let source = report.source { text += " of source '\(source)'" }
        if let since = report.since { text += " since \(since)" }
        return text + ")"
    }

    static func run(_ run: ImportRunSummary) -> String {
        var text = "#\(run.id) of source '\(run.source)'"
        if let commit = run.commit { text += " at commit \(String(commit.prefix(12)))" }
        if let tag = run.tag { text += " (tag \(tag))" }
        if let date = run.commitDate { text += ", committed \(date.prefix(10))" }
        text += ", imported \(run.startedAt.prefix(10))"
        if run.scope == "partial" { text += ", partial" }
        return text
    }
}

/// The terminal form of `changes`.
enum ChangeReportText {
    static func render(_ report: ChangeReport) -> String {
        var out = ChangeLabels.window(report) + "\n"
        if report.runs.count > 1 {
            for run in report.runs { out += "  " + ChangeLabels.run(run) + "\n" }
        }
        guard report.total > 0 else { return out + "no changes\n" }
        out += "\(report.total) change\(report.total == 1 ? "" : "s")\n"
        for group in report.groups {
            out += "\n" + ChangeLabels.title(group.kind).uppercased() + " (\(group.count))\n"
            switch group.kind {
            case "status", "level":
                let byID = Dictionary(uniqueKeysWithValues: group.rules.map { ($0.id, $0) })
                for t in group.transitions {
                    out += "  \(ChangeLabels.value(t.from)) → \(ChangeLabels.value(t.to)): \(ChangeLabels.rules(t.count))\n"
                    let rows = t.rules.compactMap { byID[$0] }.map { ["    " + $0.id, $0.title] }
                    out += table(rows)
                }
            case "modified":
                out += table(group.rules.map { e in
                    ["  " + e.id, e.title, "\(ChangeLabels.value(e.old)) → \(ChangeLabels.value(e.new))", e.fields.joined(separator: ", ")]
                })
            case "deprecated":
                out += table(group.rules.map { ["  " + $0.id, $0.title, ChangeLabels.deprecation($0)] })
            case "added":
                out += table(group.rules.map { ["  " + $0.id, $0.title, ChangeLabels.value($0.new)] })
            case "removed":
                out += table(group.rules.map { ["  " + $0.id, $0.title, "was " + ChangeLabels.value($0.old), $0.detail ?? ""] })
            case "restored":
                out += table(group.rules.map { ["  " + $0.id, $0.title, $0.detail ?? ""] })
            default:
                out += table(group.rules.map { ["  " + $0.id, $0.title, "\(ChangeLabels.value($0.old)) → \(ChangeLabels.value($0.new))"] })
            }
        }
        return out
    }

    /// Left-aligned columns without a header.
    static func table(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], cell.count)
            }
        }
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            out += cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return out
    }
}

/// The release-note form of `changes`.
enum ChangeReportMarkdown {
    static func render(_ report: ChangeReport) -> String {
        var out = "# Detection rule changes"
        if let last = report.runs.last {
            out += ": \(last.source)"
            if let tag = last.tag { out += " \(tag)" } else if let commit = last.commit { out += " \(commit.prefix(12))" }
        }
        out += "\n\n" + ChangeLabels.window(report) + ".\n"
        if report.runs.count > 1 {
            out += "\n"
            for run in report.runs { out += "- " + ChangeLabels.run(run) + "\n" }
        }
        guard report.total > 0 else { return out + "\nNo rule changed.\n" }
        let parts = report.groups.map { "\($0.count) \(summaryWord($0.kind, count: $0.count))" }
        out += "\n**\(report.total) change\(report.total == 1 ? "" : "s"):** " + parts.joined(separator: ", ") + ".\n"
        for group in report.groups {
            out += "\n## \(ChangeLabels.title(group.kind)) (\(group.count))\n\n"
            switch group.kind {
            case "status", "level":
                let byID = Dictionary(uniqueKeysWithValues: group.rules.map { ($0.id, $0) })
                for (i, t) in group.transitions.enumerated() {
                    if i > 0 { out += "\n" }
                    out += "### \(ChangeLabels.value(t.from)) → \(ChangeLabels.value(t.to)): \(ChangeLabels.rules(t.count))\n\n"
                    out += table(["Rule", "Title"], t.rules.compactMap { byID[$0] }.map { [code($0.id), cell($0.title)] })
                }
            case "added":
                out += table(["Rule", "Title", "Status"], group.rules.map { [code($0.id), cell($0.title), ChangeLabels.value($0.new)] })
            case "modified":
                out += table(["Rule", "Title", "Modified date", "Changed fields"], group.rules.map {
                    [code($0.id), cell($0.title), "\(ChangeLabels.value($0.old)) → \(ChangeLabels.value($0.new))",
                     $0.fields.map { "`\($0)`" }.joined(separator: ", ")]
                })
            case "deprecated":
                out += table(["Rule", "Title", "How"], group.rules.map { [code($0.id), cell($0.title), cell(ChangeLabels.deprecation($0))] })
            case "removed":
                out += table(["Rule", "Title", "Last status", "Last path"], group.rules.map {
                    [code($0.id), cell($0.title), ChangeLabels.value($0.old), cell($0.detail ?? "")]
                })
            case "restored":
                out += table(["Rule", "Title", "Path"], group.rules.map { [code($0.id), cell($0.title), cell($0.detail ?? "")] })
            default:
                out += table(["Rule", "Title", "Before", "After"], group.rules.map {
                    [code($0.id), cell($0.title), cell(ChangeLabels.value($0.old)), cell(ChangeLabels.value($0.new))]
                })
            }
        }
        return out
    }

    static func summaryWord(_ kind: String, count: Int) -> String {
        let s = count == 1 ? "" : "s"
        switch kind {
        case "status": return "status change" + s
        case "level": return "level change" + s
        case "tags": return "ATT&CK tag change" + s
        case "source": return "moved between sources"
        default: return kind
        }
    }

    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var out = "| " + headers.joined(separator: " | ") + " |\n"
        out += "|" + headers.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }

    static func code(_ s: String) -> String { "`" + s.replacingOccurrences(of: "`", with: "'") + "`" }

    /// A table cell: pipes escaped, line breaks flattened.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
