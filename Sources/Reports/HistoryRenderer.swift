import CatalogModel
import Foundation

/// Text and markdown forms of a timeline.
public enum HistoryText {
    public static func render(_ t: RuleTimeline, markdown: Bool) -> String {
        var out = markdown ? "# History of " + MarkdownText.inline(t.title) + "\n\n" : t.title + "\n"
        var facts = ["id \(t.id)", "status \(t.status ?? "none")"]
        if let source = t.source { facts.append("source \(source)") }
        if t.removed { facts.append("REMOVED from its source") }
        if let local = t.localStatus {
            facts.append("local status \(local)" + (t.localNote.map { " (\($0))" } ?? ""))
        }
        out += (markdown ? MarkdownText.inline(facts.joined(separator: " · ")) + "\n\n" : facts.joined(separator: ", ") + "\n")
        guard !t.events.isEmpty else {
            return out + (markdown ? "No recorded change.\n" : "no recorded change\n")
        }
        let rows = t.events.map { e -> [String] in
            let run = e.importRun.map { "#\($0)" } ?? "local"
            var commit = e.commit.map { String($0.prefix(12)) } ?? ""
            if let tag = e.tag { commit += commit.isEmpty ? tag : " (\(tag))" }
            return [String(e.at.prefix(10)), run, commit, e.kind, change(e)]
        }
        if markdown {
            return out + ChangeReportMarkdown.table(["Date", "Import", "Commit", "Event", "Change"],
                                                    rows.map { $0.map(ChangeReportMarkdown.cell) })
        }
        return out + TextTable.render(headers: ["DATE", "IMPORT", "COMMIT", "EVENT", "CHANGE"], rows: rows)
    }

    public static func change(_ e: RuleTimelineEntry) -> String {
        let arrow = "\(ChangeLabels.value(e.old)) → \(ChangeLabels.value(e.new))"
        switch e.kind {
        case "added": return "status \(ChangeLabels.value(e.new))" + (e.source.map { ", from \($0)" } ?? "")
        case "modified": return "modified \(arrow); fields: \(e.fields.joined(separator: ", "))"
        case "deprecated": return e.detail == "status" || e.detail == nil ? "status \(arrow)" : "moved to \(e.detail!)"
        case "removed": return "gone from \(e.source ?? "its source") (was \(ChangeLabels.value(e.old)))" + (e.detail.map { ", last at \($0)" } ?? "")
        case "restored": return "back" + (e.detail.map { " at \($0)" } ?? "")
        case "source": return "owner \(arrow)"
        case "local": return arrow + (e.note.map { ": \($0)" } ?? "")
        default: return arrow
        }
    }
}
