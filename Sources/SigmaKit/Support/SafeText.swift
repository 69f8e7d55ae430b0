/// Neutralises text from rule files before it reaches a terminal, a table or a diagnostic line.
///
/// C0 and C1 control characters (so every ESC sequence), DEL, bidirectional overrides and isolates, and the
/// Unicode line and paragraph separators become visible escapes such as `\u{1B}`; the text can then neither
/// drive the terminal nor reorder or forge lines. Data formats (JSON, CSV to a pipe) do not use this: they stay exact.
public enum SafeText {
    /// One line: newlines, carriage returns and tabs are escaped too (`\n`, `\r`, `\t`).
    public static func line(_ text: String) -> String {
        neutralise(text, keepingLayout: false)
    }

    /// Several lines: newlines and tabs are kept, every other control character is escaped.
    public static func block(_ text: String) -> String {
        neutralise(text, keepingLayout: true)
    }

    /// A rule value inside a message: single-quoted and on one line, so it can never start a new line.
    public static func quoted(_ text: String) -> String {
        "'" + line(text) + "'"
    }

    /// Whether the text holds nothing `line` would change (the common case, checked without allocating).
    public static func isClean(_ text: String, keepingLayout: Bool = false) -> Bool {
        for unit in text.utf8 {
            if unit < 0x20 || unit == 0x7F {
                if keepingLayout && (unit == 0x0A || unit == 0x09) { continue }
                return false
            }
            // C1 controls and the escaped format characters all start with one of these lead bytes.
            if unit == 0xC2 || unit == 0xD8 || unit == 0xE2 || unit == 0xEF { return text.unicodeScalars.allSatisfy { !needsEscape($0, keepingLayout) } }
        }
        return true
    }

    static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLayout: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLayout
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidi marks, embeddings, overrides and isolates (Trojan Source), Arabic letter mark.
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        // Line and paragraph separators start a new line in some terminals and editors.
        case 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func neutralise(_ text: String, keepingLayout: Bool) -> String {
        if isClean(text, keepingLayout: keepingLayout) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLayout) else { out.append(scalar); continue }
            let escaped: String
            switch scalar {
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            default: escaped = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }
}
