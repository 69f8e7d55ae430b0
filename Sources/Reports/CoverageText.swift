import CatalogModel
import Foundation

/// The table, CSV and markdown layouts of `coverage` (the Navigator layer, SVG and markdown report have their own).
public enum CoverageText {
    /// Techniques and tactics with their rule counts, or the gaps when the report lists them.
    public static func table(_ report: CoverageReport) -> String {
        if let gaps = report.gaps {
            if gaps.isEmpty { return "no gaps: every technique of the matrix has a rule\n" }
            return ListRenderer.table(headers: ["TECHNIQUE", "TACTICS", "NAME"], rows: gaps.map {
                [$0.id, $0.tactics.joined(separator: ","), $0.name ?? ""]
            }) + "\(gaps.count) technique\(gaps.count == 1 ? "" : "s") without a rule\n"
        }
        var out = ""
        if report.techniques.isEmpty {
            out += "no rule names an ATT&CK technique\n"
        } else {
            out += ListRenderer.table(headers: ["TECHNIQUE", "RULES", "TOTAL", "TACTICS", "NAME"], rows: report.techniques.map {
                [$0.id, "\($0.score)", "\($0.total)", $0.tactics.joined(separator: ","), $0.name ?? "(not in the loaded ATT&CK)"]
            })
        }
        if !report.tactics.isEmpty {
            out += "\n" + ListRenderer.table(headers: ["TACTIC", "COVERED", "TECHNIQUES", "RULES"], rows: report.tactics.map {
                [$0.shortName + ($0.known ? "" : " (not in the loaded ATT&CK)"), "\($0.covered)", "\($0.techniques)", "\($0.rules)"]
            })
        }
        return out + "\(report.rules) rule\(report.rules == 1 ? "" : "s") counted\n"
    }

    /// One CSV row per technique (or per gap).
    public static func csv(_ report: CoverageReport) -> String {
        if let gaps = report.gaps {
            return ListRenderer.csv(headers: ["technique", "name", "tactics", "platforms"], rows: gaps.map {
                [$0.id, $0.name ?? "", $0.tactics.joined(separator: ";"), $0.platforms.joined(separator: ";")]
            })
        }
        return ListRenderer.csv(headers: ["technique", "name", "tactics", "rules", "total", "known"], rows: report.techniques.map {
            [$0.id, $0.name ?? "", $0.tactics.joined(separator: ";"), "\($0.score)", "\($0.total)", $0.known ? "true" : "false"]
        })
    }

    /// The window line, then the techniques that gained or lost rules.
    public static func table(_ delta: CoverageDelta) -> String {
        var out = window(delta) + "\n"
        guard !delta.techniques.isEmpty else { return out + "no technique gained or lost a rule\n" }
        out += ListRenderer.table(headers: ["TECHNIQUE", "CHANGE", "GAINED", "LOST", "NAME"], rows: delta.techniques.map {
            [$0.id, $0.change > 0 ? "+\($0.change)" : "\($0.change)", "\($0.gained.count)", "\($0.lost.count)", $0.name ?? "(not in the loaded ATT&CK)"]
        })
        return out
    }

    /// One CSV row per changed technique.
    public static func csv(_ delta: CoverageDelta) -> String {
        ListRenderer.csv(headers: ["technique", "name", "change", "gained", "lost"], rows: delta.techniques.map {
            [$0.id, $0.name ?? "", "\($0.change)", $0.gained.map(\.id).joined(separator: ";"), $0.lost.map(\.id).joined(separator: ";")]
        })
    }

    /// A `# ATT&CK coverage changes` document.
    public static func markdown(_ delta: CoverageDelta) -> String {
        "# ATT&CK coverage changes\n\n\(MarkdownText.inline(window(delta))).\n\n" + CoverageMarkdown.changesSection(delta)
    }

    /// `Imports #3 to #5 (3 runs) of source 'sigma' since 2024-05-01`.
    public static func window(_ delta: CoverageDelta) -> String {
        guard let first = delta.runs.first, let last = delta.runs.last else {
            return "No import run" + (delta.since.map { " since \($0)" } ?? "")
        }
        var text = first.id == last.id ? "Import #\(first.id)" : "Imports #\(first.id) to #\(last.id) (\(delta.runs.count) runs)"
        if let source = delta.source { text += " of source '\(source)'" }
        if let since = delta.since { text += " since \(since)" }
        return text
    }
}
