/// Untrusted text (rule titles, notes, scenario text) made safe to show in any report, before the format's own
/// escaping: control characters dropped and bidirectional controls, which can make text read as something
/// else ("Trojan Source"), shown as visible code points.
public enum DisplayText {
    /// The text with C0/C1 controls removed (tab and line breaks kept) and bidi controls shown as `[U+202E]`.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) {
                out.append(contentsOf: "[U+\(hex(scalar.value))]".unicodeScalars)
            } else if isDroppedControl(scalar) {
                continue
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// One line: `clean`, then every run of whitespace and line breaks folded to one space, trimmed.
    public static func line(_ text: String) -> String {
        var out = ""
        var space = false
        for c in clean(text) {
            if c.isWhitespace || c.isNewline {
                space = !out.isEmpty
            } else {
                if space { out.append(" ") }
                space = false
                out.append(c)
            }
        }
        return out
    }

    /// An http(s) URL that can be put in an `href`, or nil (javascript:, data:, relative and malformed URLs).
    public static func webURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), trimmed.count > 8 else { return nil }
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || isBidiControl($0) }) else {
            return nil
        }
        return trimmed
    }

    static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        isBidiControl(scalar) || isDroppedControl(scalar)
    }

    static func isDroppedControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return false }
        return v < 0x20 || (v >= 0x7F && v < 0xA0)
    }

    /// LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, LRM/RLM and ALM.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
