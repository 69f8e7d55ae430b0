import CatalogModel
import Foundation

/// Escaping helpers that keep untrusted text (rule titles, technique names, notes) inert in CommonMark/GFM.
public enum Markdown {
    /// Characters that can start inline markup, HTML, links, table cells or heading closers anywhere in a line.
    private static let inlineSpecials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "!"]

    /// One line of inline text: markup characters escaped, line breaks folded to spaces.
    public static func inline(_ text: String) -> String {
        escapeSegment(collapseWhitespace(text), atLineStart: true)
    }

    /// A table cell: inline text, never empty (an empty cell is shown as a dash).
    public static func cell(_ text: String) -> String {
        let escaped = inline(text)
        return escaped.isEmpty ? "—" : escaped
    }

    /// Free text (descriptions, notes): paragraphs kept, each paragraph's lines joined and escaped.
    public static func paragraphs(_ text: String) -> String {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")); current = [] }
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs.map(prose).joined(separator: "\n\n")
    }

    /// One line of text where matched backtick pairs become code spans and everything else is escaped.
    public static func prose(_ text: String) -> String {
        let chars = Array(collapseWhitespace(text))
        var out = ""
        var plain = ""
        var i = 0
        while i < chars.count {
            guard chars[i] == "`" else { plain.append(chars[i]); i += 1; continue }
            var run = 0
            while i + run < chars.count, chars[i + run] == "`" { run += 1 }
            // Find a closing run of exactly the same length.
            var j = i + run
            var close: Int?
            while j < chars.count {
                if chars[j] == "`" {
                    var other = 0
                    while j + other < chars.count, chars[j + other] == "`" { other += 1 }
                    if other == run { close = j; break }
                    j += other
                } else {
                    j += 1
                }
            }
            guard let close, close > i + run else {
                plain += String(repeating: "`", count: run)
                i += run
                continue
            }
            out += escapeSegment(plain, atLineStart: out.isEmpty)
            plain = ""
            let fence = String(repeating: "`", count: run)
            out += fence + String(chars[(i + run)..<close]) + fence
            i = close + run
        }
        out += escapeSegment(plain, atLineStart: out.isEmpty)
        return out
    }

    private static func escapeSegment(_ text: String, atLineStart: Bool) -> String {
        guard !text.isEmpty else { return "" }
        let chars = Array(text)
        var out = ""
        for (i, c) in chars.enumerated() {
            if inlineSpecials.contains(c) {
                out.append("\\")
                out.append(c)
            } else if c == "&", startsEntity(chars, at: i) {
                out += "\\&"
            } else {
                out.append(c)
            }
        }
        return atLineStart ? escapeLineStart(out) : out
    }

    /// A fenced code block whose fence is longer than any backtick run in the content, so content cannot close it.
    public static func fence(_ content: String, info: String) -> String {
        var longest = 0
        var run = 0
        for c in content {
            if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let marker = String(repeating: "`", count: max(3, longest + 1))
        var body = content
        while body.hasSuffix("\n") { body.removeLast() }
        return "\(marker)\(infoString(info))\n\(body)\n\(marker)\n"
    }

    /// A fence info string reduced to safe characters (letters, digits, `+`, `-`, `_`, `.`).
    public static func infoString(_ info: String) -> String {
        String(info.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || "+-_.".contains($0)) }.prefix(32))
    }

    /// A link to an http(s) URL, or the escaped text when the URL is not one that can be linked safely.
    public static func link(_ text: String, url: String?) -> String {
        guard let url, let safe = safeURL(url) else { return inline(text) }
        return "[\(inline(text))](\(safe))"
    }

    /// A bare URL as an autolink when safe, else as escaped text.
    public static func autolink(_ url: String) -> String {
        guard let safe = safeURL(url) else { return inline(url) }
        return "<\(safe)>"
    }

    /// The URL percent-encoded for use in `(...)` or `<...>`; nil unless it is http or https.
    public static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), trimmed.count > 8 else { return nil }
        var out = ""
        for scalar in trimmed.unicodeScalars {
            switch scalar {
            case " ": out += "%20"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "(": out += "%28"
            case ")": out += "%29"
            case "\"": out += "%22"
            case "`": out += "%60"
            case "|": out += "%7C"
            case "\\": out += "%5C"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A relative link to a page HuntKB generated (file names come from ids, never from titles).
    public static func pageLink(_ text: String, file: String) -> String {
        "[\(inline(text))](\(file))"
    }

    private static func collapseWhitespace(_ text: String) -> String {
        var out = ""
        var lastSpace = false
        for c in text {
            if c.isNewline || c == "\t" || c == " " {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else if let ascii = c.asciiValue, ascii < 0x20 || ascii == 0x7F {
                continue
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// `&name;` or `&#123;` would be decoded as an entity.
    private static func startsEntity(_ chars: [Character], at index: Int) -> Bool {
        var j = index + 1
        var sawBody = false
        while j < chars.count, j - index <= 33 {
            let c = chars[j]
            if c == ";" { return sawBody }
            guard c.isASCII, c.isLetter || c.isNumber || c == "#" else { return false }
            sawBody = true
            j += 1
        }
        return false
    }

    /// Block markers at the start of a line (list items, headings, thematic breaks, quotes) made literal.
    private static func escapeLineStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "-+=".contains(first) { return "\\" + text }
        // `1.` or `1)` would start an ordered list.
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = text.dropFirst(digits.count)
            if let next = rest.first, next == "." || next == ")" {
                return String(digits) + "\\" + String(rest)
            }
        }
        return text
    }
}
