import CatalogModel
import Foundation

/// Draws the ATT&CK matrix as a self-contained SVG heatmap: tactic columns in matrix order, one cell per technique
/// (sub-techniques folded into their parent) coloured by the rules that cover it.
///
/// No scripts, fonts, images or stylesheets are referenced, so the file can be embedded in a guide page or opened
/// offline. Every cell carries `data-technique`, `data-tactic` and `data-total` for tools and tests, and a
/// `<title>` with the full name for hover text.
public enum CoverageSVG {
    /// Colour buckets: lower bound of rules → fill.
    public static let buckets: [(from: Int, fill: String)] = [
        (0, "#f2f2f2"), (1, "#d9f0a3"), (2, "#addd8e"), (5, "#78c679"), (10, "#31a354"), (20, "#006837"), (50, "#004529"),
    ]

    static let cellWidth = 168, cellHeight = 36, gap = 4, margin = 20, headerHeight = 54
    static let font = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"

    public struct Options: Sendable, Hashable {
        public var title: String?
        public init(title: String? = nil) { self.title = title }
    }

    public static func fill(for total: Int) -> String {
        buckets.last { total >= $0.from }?.fill ?? buckets[0].fill
    }

    static func bucketLabel(_ index: Int) -> String {
        let from = buckets[index].from
        if index == buckets.count - 1 { return "\(from)+" }
        let to = buckets[index + 1].from - 1
        return from == to ? "\(from)" : "\(from)–\(to)"
    }

    /// The SVG document for a coverage (or comparison) report.
    /// The picture with a marker comment first, so the folder writer knows it wrote it. An XML declaration
    /// must come first in a file, so it is dropped (UTF-8 is the default).
    public static func marked(_ svg: String, with marker: String) -> String {
        var body = Substring(svg)
        if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = body[end.upperBound...] }
        return marker + "\n" + body.drop { $0 == "\n" || $0 == "\r" || $0 == " " }
    }

    public static func render(_ report: CoverageReport, options: Options = Options()) -> String {
        let columns = report.matrix.columns
        let tallest = columns.map(\.cells.count).max() ?? 0
        let width = margin * 2 + max(columns.count, 4) * (cellWidth + gap) - gap
        let top = margin + 64
        let height = top + headerHeight + gap + max(tallest, 1) * (cellHeight + gap) + margin
        let matrixName = report.attackVersion.map { "the ATT&CK \($0) matrix" } ?? "the ATT&CK matrix"
        let title = options.title ?? (report.missingLocalStatus.map { "Techniques of \(matrixName) covered by no \($0.joined(separator: "/")) rule" }
            ?? "Detection coverage of \(matrixName)")
        let covered = report.techniques.filter { $0.score > 0 }.count
        var subtitle = "\(report.rules) rule\(report.rules == 1 ? "" : "s") · \(covered) technique\(covered == 1 ? "" : "s") with a rule"
        if !report.platforms.isEmpty { subtitle += " · platforms: " + report.platforms.joined(separator: ", ") }
        subtitle += " · colour: rules on the technique and its sub-techniques"

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="\(font)" role="img" aria-label="\(escape(title))">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(margin)" y="\(margin + 16)" font-size="18" font-weight="bold" fill="#1a1a1a">\(escape(title))</text>
            <text x="\(margin)" y="\(margin + 36)" font-size="12" fill="#444444">\(escape(subtitle))</text>

            """
        out += legend(x: margin, y: margin + 46)
        if columns.isEmpty {
            out += "<text x=\"\(margin)\" y=\"\(top + 20)\" font-size=\"13\" fill=\"#444444\">No ATT&amp;CK catalog is loaded and no rule names a technique.</text>\n"
        }
        for (c, column) in columns.enumerated() {
            let x = margin + c * (cellWidth + gap)
            let tactic = report.tactics.first { $0.shortName == column.tactic }
            out += "<g class=\"column\" data-tactic=\"\(escape(column.tactic))\">\n"
            let headerFill = column.known ? "#37474f" : "#6d4c41"
            out += "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(cellWidth)\" height=\"\(headerHeight)\" rx=\"3\" fill=\"\(headerFill)\"/>\n"
            out += text(x: x + cellWidth / 2, y: top + 18, size: 12, weight: "bold", fill: "#ffffff", anchor: "middle",
                        fit(column.name, width: cellWidth - 8, size: 12))
            let detail = tactic.map { "\($0.covered)/\($0.techniques) covered · \($0.rules) rule\($0.rules == 1 ? "" : "s")" } ?? ""
            out += text(x: x + cellWidth / 2, y: top + 32, size: 10, weight: nil, fill: "#e0e0e0", anchor: "middle",
                        fit(detail, width: cellWidth - 8, size: 10))
            if !column.known {
                out += text(x: x + cellWidth / 2, y: top + 46, size: 10, weight: nil, fill: "#ffe0b2", anchor: "middle",
                            fit("not in ATT&CK \(report.attackVersion ?? "catalog")", width: cellWidth - 8, size: 10))
            }
            for (r, cell) in column.cells.enumerated() {
                let y = top + headerHeight + gap + r * (cellHeight + gap)
                let fill = fill(for: cell.total)
                let ink = HeatColor.isDark(fill) ? "#ffffff" : "#1a1a1a"
                var tooltip = "\(cell.id) \(cell.name): \(cell.score) rule\(cell.score == 1 ? "" : "s") on the technique, \(cell.total) with sub-techniques"
                if cell.subtechniques > 0 { tooltip += "; \(cell.coveredSubtechniques) of \(cell.subtechniques) sub-techniques covered" }
                if !cell.known { tooltip += "; not in the loaded ATT&CK catalog" }
                out += "<g class=\"cell\" data-technique=\"\(escape(cell.id))\" data-tactic=\"\(escape(column.tactic))\" data-total=\"\(cell.total)\">"
                out += "<title>\(escape(tooltip))</title>"
                let stroke = cell.known ? "stroke=\"#c8c8c8\"" : "stroke=\"#6d4c41\" stroke-dasharray=\"3 2\""
                out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" rx=\"2\" fill=\"\(fill)\" \(stroke)/>"
                let name = cell.known ? cell.name : "(newer than ATT&CK \(report.attackVersion ?? "loaded"))"
                out += text(x: x + 5, y: y + 14, size: 11, weight: nil, fill: ink, anchor: nil, fit(name, width: cellWidth - 10, size: 11))
                var line = "\(cell.id) · \(cell.total)"
                if cell.subtechniques > 0 { line += " · subs \(cell.coveredSubtechniques)/\(cell.subtechniques)" }
                out += text(x: x + 5, y: y + 29, size: 10, weight: nil, fill: ink, anchor: nil, line)
                out += "</g>\n"
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    static func legend(x: Int, y: Int) -> String {
        var out = "<g class=\"legend\">"
        out += text(x: x, y: y + 12, size: 11, weight: "bold", fill: "#1a1a1a", anchor: nil, "Rules:")
        var cursor = x + 48
        for (i, bucket) in buckets.enumerated() {
            out += "<rect x=\"\(cursor)\" y=\"\(y)\" width=\"16\" height=\"16\" fill=\"\(bucket.fill)\" stroke=\"#999999\"/>"
            let label = bucketLabel(i)
            out += text(x: cursor + 20, y: y + 12, size: 11, weight: nil, fill: "#1a1a1a", anchor: nil, label)
            cursor += 20 + Int(Double(label.count) * 7.0) + 14
        }
        out += "<rect x=\"\(cursor)\" y=\"\(y)\" width=\"16\" height=\"16\" fill=\"#ffffff\" stroke=\"#6d4c41\" stroke-dasharray=\"3 2\"/>"
        out += text(x: cursor + 20, y: y + 12, size: 11, weight: nil, fill: "#1a1a1a", anchor: nil, "not in the loaded ATT&CK catalog")
        return out + "</g>\n"
    }

    static func text(x: Int, y: Int, size: Int, weight: String?, fill: String, anchor: String?, _ content: String) -> String {
        var attributes = "x=\"\(x)\" y=\"\(y)\" font-size=\"\(size)\" fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        return "<text \(attributes)>\(escape(content))</text>"
    }

    /// Shortens text to the cell with an ellipsis (average glyph width about 0.57 em (DejaVu Sans is wide) for sans-serif).
    static func fit(_ text: String, width: Int, size: Int) -> String {
        let maxChars = max(4, Int(Double(width) / (Double(size) * 0.57)))
        guard text.count > maxChars else { return text }
        return String(text.prefix(maxChars - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
