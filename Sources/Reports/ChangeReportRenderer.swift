import CatalogModel
import Foundation

/// Labels shared by the text and markdown forms of the change report.
public enum ChangeLabels {
    public static func title(_ kind: String) -> String {
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

    public static func rules(_ n: Int) -> String { "\(n) rule\(n == 1 ? "" : "s")" }

    public static func value(_ s: String?) -> String { s.flatMap { $0.isEmpty ? nil : $0 } ?? "none" }

    /// How a rule became deprecated.
    public static func deprecation(_ entry: ChangeEntry) -> String {
        entry.detail == "status" || entry.detail == nil ? "status \(value(entry.old)) → deprecated" : "moved to \(entry.detail!)"
    }

    /// One line describing the covered runs.
    public static func window(_ report: ChangeReport) -> String {
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

    public static func run(_ run: ImportRunSummary) -> String {
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
public enum ChangeReportText {
    public static func render(_ report: ChangeReport) -> String {
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
public enum ChangeReportMarkdown {
    public static func render(_ report: ChangeReport) -> String {
        var title = "Detection rule changes"
        if let last = report.runs.last {
            title += ": \(last.source)"
            if let tag = last.tag { title += " \(tag)" } else if let commit = last.commit { title += " \(commit.prefix(12))" }
        }
        var out = "# " + MarkdownText.inline(title)
        out += "\n\n" + MarkdownText.inline(ChangeLabels.window(report)) + ".\n"
        if report.runs.count > 1 {
            out += "\n"
            for run in report.runs { out += "- " + MarkdownText.inline(ChangeLabels.run(run)) + "\n" }
        }
        guard report.total > 0 else { return out + "\nNo rule changed.\n" }
        let parts = report.groups.map { "\($0.count) \(summaryWord($0.kind, count: $0.count))" }
        out += "\n**\(report.total) change\(report.total == 1 ? "" : "s"):** " + parts.joined(separator: ", ") + ".\n"
        for group in report.groups {
            out += "\n## " + MarkdownText.inline("\(ChangeLabels.title(group.kind)) (\(group.count))") + "\n\n"
            switch group.kind {
            case "status", "level":
                let byID = Dictionary(uniqueKeysWithValues: group.rules.map { ($0.id, $0) })
                for (i, t) in group.transitions.enumerated() {
                    if i > 0 { out += "\n" }
                    out += "### " + MarkdownText.inline("\(ChangeLabels.value(t.from)) → \(ChangeLabels.value(t.to)): \(ChangeLabels.rules(t.count))") + "\n\n"
                    out += table(["Rule", "Title"], t.rules.compactMap { byID[$0] }.map { [code($0.id), cell($0.title)] })
                }
            case "added":
                out += table(["Rule", "Title", "Status"], group.rules.map { [code($0.id), cell($0.title), cell(ChangeLabels.value($0.new))] })
            case "modified":
                out += table(["Rule", "Title", "Modified date", "Changed fields"], group.rules.map {
                    [code($0.id), cell($0.title), cell("\(ChangeLabels.value($0.old)) → \(ChangeLabels.value($0.new))"),
                     $0.fields.map(code).joined(separator: ", ")]
                })
            case "deprecated":
                out += table(["Rule", "Title", "How"], group.rules.map { [code($0.id), cell($0.title), cell(ChangeLabels.deprecation($0))] })
            case "removed":
                out += table(["Rule", "Title", "Last status", "Last path"], group.rules.map {
                    [code($0.id), cell($0.title), cell(ChangeLabels.value($0.old)), cell($0.detail ?? "")]
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

    /// A GFM table; cells must already be escaped (`cell`, `code`).
    public static func table(_ headers: [String], _ rows: [[String]]) -> String {
        MarkdownText.table(headers, rows)
    }

    /// Untrusted text as an inline code span that no content can close or break.
    public static func code(_ s: String) -> String { MarkdownText.code(s) }

    /// Untrusted text as a table cell: markup, pipes and line breaks made inert.
    public static func cell(_ s: String) -> String { MarkdownText.cell(s) }
}
