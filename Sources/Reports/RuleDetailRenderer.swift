import CatalogModel
import Foundation

/// The text layout of `show`.
public enum RuleDetailText {
    public static func render(_ d: RuleDetail) -> String {
        let r = d.rule
        var out = ""
        func line(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            let padded = (label + ":").padding(toLength: 14, withPad: " ", startingAt: 0)
            let indented = value.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: 14))
            out += padded + indented + "\n"
        }
        func list(_ label: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            out += label + ":\n"
            for v in values { out += "  - " + v + "\n" }
        }
        line("Title", r.title)
        line("ID", r.id)
        if r.kind != "rule" { line("Kind", r.kind) }
        line("Name", r.name)
        line("Status", r.status)
        if let local = d.localStatus {
            line("Local status", local.localStatus + (local.note.map { " (\($0))" } ?? ""))
        }
        if d.removed { line("Removed", "no longer in source '\(d.source ?? "?")'") }
        line("Level", r.level)
        line("Author", r.author)
        line("Date", r.date)
        line("Modified", r.modified)
        line("License", r.license)
        line("Taxonomy", r.taxonomy)
        line("Description", r.description)
        let logsource = [("product", r.logsourceProduct), ("category", r.logsourceCategory),
                         ("service", r.logsourceService), ("definition", r.logsourceDefinition)]
            .compactMap { k, v in v.map { "\(k)=\($0)" } }
        let customLogsource = r.logsourceCustom == "{}" ? [] : [r.logsourceCustom]
        line("Log source", (logsource + customLogsource).joined(separator: " "))
        list("Tags", d.tags.map(tagLine(version: d.attackVersion)))
        list("References", d.references)
        list("False positives", d.falsepositives)
        line("Hunting note", d.huntingNote)
        list("False-positive scenarios", d.scenarios)
        list("Related", d.links.map { link in
            "\(link.phrase) \(link.id)" + (link.title.map { " (\($0))" } ?? "") + (link.removed ? " [removed from its source]" : "")
        })
        if r.fields != "[]" { line("Fields", r.fields) }
        if r.scope != "[]" { line("Scope", r.scope) }
        if r.custom != "{}" { line("Custom fields", r.custom) }
        line("Source", r.sourcePath + (d.source.map { " (source '\($0)')" } ?? ""))
        line("Imported", r.importedAt)
        line("SHA-256", r.contentHash)
        if !d.warnings.isEmpty {
            out += "Warnings:\n"
            for warning in d.warnings { out += "  \(warning)\n" }
        }
        out += "Detection:\n" + detectionSection(r.yaml)
        if !d.queries.isEmpty {
            out += "Queries:\n"
            for q in d.queries {
                out += "  [\(q.key)]\(q.stale ? " (stale: run 'huntkb queries refresh')" : "")\n"
                let body = q.query ?? "error: \(q.error ?? "unknown")"
                out += body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return out
    }

    private static func tagLine(version: String?) -> (RuleDetail.Tag) -> String {
        { tag in
            var s = tag.tag
            if let name = tag.name { s += "  " + (tag.technique.map { "\($0) " } ?? "") + name }
            if tag.unknownToAttack { s += "  (unknown to ATT&CK \(version ?? "catalog"))" }
            if tag.deprecated { s += "  (deprecated)" }
            if tag.revoked {
                s += "  (revoked"
                if let by = tag.replacedBy { s += "; replaced by \(by.id)" + (by.name.map { " \($0)" } ?? "") }
                s += ")"
            }
            return s
        }
    }

    /// The `detection:` block as written in the original YAML (indented lines after the key).
    private static func detectionSection(_ yaml: String) -> String {
        var out = ""
        var inside = false
        for raw in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("detection:") { inside = true; continue }
            if inside {
                if let first = line.first, first != " ", first != "\t", first != "#" { break }
                out += line + "\n"
            }
        }
        return out.isEmpty ? "  (see --format yaml)\n" : out
    }
}
