/// The one escaping every markdown report shares: `DisplayText.clean` for unicode tricks, then `Markdown`'s
/// CommonMark/GFM escaping, plus code spans and tables for the list-like reports (changes, history).
public enum MarkdownText {
    /// One line of untrusted inline text.
    public static func inline(_ text: String) -> String {
        Markdown.inline(DisplayText.clean(text))
    }

    /// Untrusted text as a GFM table cell (never empty).
    public static func cell(_ text: String) -> String {
        Markdown.cell(DisplayText.clean(text))
    }

    /// Untrusted text as a code span for a table cell: the fence outlasts any backtick run in the text, and pipes
    /// are escaped because GFM splits table cells on them even inside code spans.
    public static func code(_ text: String) -> String {
        let line = DisplayText.line(text)
        guard !line.isEmpty else { return "—" }
        var longest = 0
        var run = 0
        for c in line {
            if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let body = line.replacingOccurrences(of: "|", with: "\\|")
        // A space pads content that starts or ends with a backtick, as CommonMark strips one on each side.
        let pad = line.hasPrefix("`") || line.hasSuffix("`") ? " " : ""
        return fence + pad + body + pad + fence
    }

    /// A GFM table from escaped header and row cells.
    public static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var out = "| " + headers.joined(separator: " | ") + " |\n"
        out += "|" + headers.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }
}

/// An aligned plain-text table with a header rule, for terminal reports.
public enum TextTable {
    public static func render(headers: [String], rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                parts.append(last || i >= widths.count ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0))
            }
            return parts.joined(separator: "  ")
        }
        var out = line(headers) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
