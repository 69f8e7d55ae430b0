import CatalogModel
import Foundation

/// The text and markdown layouts of `stale`.
public enum StaleReportText {
    /// One headline, then an aligned table of the stale rules (or "no stale rules").
    public static func render(_ report: StaleReport) -> String {
        let rows = rows(report)
        guard !rows.isEmpty else { return headline(report) + "\nno stale rules\n" }
        return headline(report) + "\n" + ListRenderer.table(headers: ["ID", "STATUS", "LAST CHANGE", "AGE", "LOCAL", "TITLE"], rows: rows)
    }

    /// A `# Stale rules` document with the headline and a table whose cells are escaped.
    public static func markdown(_ report: StaleReport) -> String {
        var out = "# Stale rules\n\n" + headline(report) + ".\n"
        let rows = rows(report)
        guard !rows.isEmpty else { return out }
        out += "\n" + ChangeReportMarkdown.table(["Rule", "Status", "Last change", "Age", "Local status", "Title"],
                                                 rows.map { [ChangeReportMarkdown.code($0[0])] + $0.dropFirst().map(ChangeReportMarkdown.cell) })
        return out
    }

    static func headline(_ report: StaleReport) -> String {
        let statusText = report.statuses.isEmpty ? "any status" : report.statuses.joined(separator: "/")
        return "\(report.rules.count) rule\(report.rules.count == 1 ? "" : "s") (\(statusText)) unchanged since before \(report.cutoff) (today \(report.today))"
    }

    static func rows(_ report: StaleReport) -> [[String]] {
        report.rules.map { r in
            [r.id, r.status ?? "-", r.lastChange + (r.modified == nil ? " (date)" : ""), "\(r.ageDays)d", r.localStatus ?? "", r.title]
        }
    }
}
