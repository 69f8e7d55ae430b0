import CatalogModel
import Foundation

/// The text and markdown layouts of `status list`.
public enum LocalStatusText {
    /// An aligned table of the rules with a local status, or one line saying there is none.
    public static func render(_ rows: [LocalStatus]) -> String {
        if rows.isEmpty { return "no rule has a local status\n" }
        return ListRenderer.table(headers: ["ID", "LOCAL", "SOURCE STATUS", "SET", "TITLE", "NOTE"], rows: rows.map {
            [$0.ruleId, $0.localStatus + ($0.removed ? " (removed)" : ""), $0.sourceStatus ?? "-",
             String(($0.setAt ?? "").prefix(10)), $0.title, $0.note ?? ""]
        })
    }

    /// A markdown table; titles and notes are escaped, ids are code spans.
    public static func markdown(_ rows: [LocalStatus]) -> String {
        ChangeReportMarkdown.table(["Rule", "Local status", "Source status", "Set", "Title", "Note"], rows.map {
            [ChangeReportMarkdown.code($0.ruleId), ChangeReportMarkdown.cell($0.localStatus), ChangeReportMarkdown.cell($0.sourceStatus ?? ""),
             String(($0.setAt ?? "").prefix(10)), ChangeReportMarkdown.cell($0.title), ChangeReportMarkdown.cell($0.note ?? "")]
        })
    }
}

/// The text and markdown layouts of `changes --list-imports`.
public enum ImportRunsText {
    static let headers = ["IMPORT", "SOURCE", "SCOPE", "COMMIT", "TAG", "IMPORTED", "ADDED", "UPDATED", "REMOVED", "EVENTS"]

    /// An aligned table of import runs, or one line when there is none.
    public static func render(_ runs: [ImportRunSummary]) -> String {
        runs.isEmpty ? "no import run\n" : ListRenderer.table(headers: headers, rows: rows(runs))
    }

    /// A markdown table of import runs with escaped cells.
    public static func markdown(_ runs: [ImportRunSummary]) -> String {
        ChangeReportMarkdown.table(headers.map { $0.capitalized }, rows(runs).map { $0.map(ChangeReportMarkdown.cell) })
    }

    static func rows(_ runs: [ImportRunSummary]) -> [[String]] {
        runs.map { r in
            ["#\(r.id)", r.source, r.scope, r.commit.map { String($0.prefix(12)) } ?? "-", r.tag ?? "-", String(r.startedAt.prefix(10)),
             "\(r.added)", "\(r.updated)", "\(r.removed)", "\(r.events)"]
        }
    }
}
