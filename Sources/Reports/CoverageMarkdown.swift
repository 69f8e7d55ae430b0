import CatalogModel
import Foundation

/// Markdown forms of coverage: the report, and the "coverage changes" section of a sync report.
public enum CoverageMarkdown {
    /// Rules named per technique in the changes section.
    public static let ruleCap = 5

    /// The whole coverage report: tactic totals, covered techniques and, with `--gaps`, the gaps.
    public static func render(_ report: CoverageReport) -> String {
        var out = report.missingLocalStatus.map { "# Techniques covered by no \($0.joined(separator: "/")) rule\n\n" } ?? "# ATT&CK coverage\n\n"
        let covered = report.techniques.filter { $0.score > 0 }.count
        out += "\(report.rules) rule\(report.rules == 1 ? "" : "s") counted, \(covered) technique\(covered == 1 ? "" : "s") with a rule"
        if let version = report.attackVersion { out += " (ATT&CK \(version))" }
        if !report.platforms.isEmpty { out += ", platforms " + report.platforms.joined(separator: ", ") }
        out += ". Deprecated, unsupported and removed rules are left out unless asked for.\n"
        if !report.tactics.isEmpty {
            out += "\n## Tactics\n\n" + table(["Tactic", "Techniques covered", "Rules"], report.tactics.map { t in
                [Markdown.cell(t.name) + (t.known ? "" : " (not in the loaded ATT&CK)"), "\(t.covered) / \(t.techniques)", "\(t.rules)"]
            })
        }
        out += "\n## Techniques\n\n"
        if report.techniques.isEmpty {
            out += "No rule names an ATT&CK technique.\n"
        } else {
            out += table(["Technique", "Name", "Tactics", "Rules", "With sub-techniques"], report.techniques.map { t in
                ["`\(t.id)`", Markdown.cell(t.name ?? "(not in the loaded ATT&CK)"), t.tactics.joined(separator: ", "), "\(t.score)", "\(t.total)"]
            })
        }
        if let gaps = report.gaps {
            out += "\n## Gaps (\(gaps.count))\n\n"
            out += gaps.isEmpty ? "Every technique of the matrix has a rule.\n" : table(["Technique", "Name", "Tactics"], gaps.map { t in
                ["`\(t.id)`", Markdown.cell(t.name ?? ""), t.tactics.joined(separator: ", ")]
            })
        }
        return out
    }

    /// The "Coverage changes" section for `huntkb changes --format markdown`: one row per technique whose rule count
    /// changed, with the rules gained and lost. `level` is the heading level (2 = `##`).
    public static func changesSection(_ delta: CoverageDelta, level: Int = 2) -> String {
        let hashes = String(repeating: "#", count: max(1, min(6, level)))
        var out = "\(hashes) Coverage changes\n\n"
        guard !delta.techniques.isEmpty else { return out + "No technique gained or lost a rule.\n" }
        let gained = delta.techniques.filter { $0.change > 0 }.count
        let lost = delta.techniques.filter { $0.change < 0 }.count
        let even = delta.techniques.count - gained - lost
        var summary = ["\(gained) technique\(gained == 1 ? "" : "s") gained rules", "\(lost) lost rules"]
        if even > 0 { summary.append("\(even) swapped rules without a net change") }
        out += summary.joined(separator: ", ") + ".\n\n"
        out += table(["Technique", "Name", "Change", "Gained", "Lost"], delta.techniques.map { t in
            ["`\(t.id)`", Markdown.cell(t.name ?? "(not in the loaded ATT&CK)"), t.change > 0 ? "+\(t.change)" : "\(t.change)",
             ruleList(t.gained), ruleList(t.lost)]
        })
        return out
    }

    static func ruleList(_ rules: [CoveredRule]) -> String {
        guard !rules.isEmpty else { return "" }
        var items = rules.prefix(ruleCap).map { Markdown.cell($0.title) + " (`\($0.id)`)" }
        if rules.count > ruleCap { items.append("and \(rules.count - ruleCap) more") }
        return items.joined(separator: "<br>")
    }

    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var out = "| " + headers.joined(separator: " | ") + " |\n"
        out += "|" + headers.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }
}
