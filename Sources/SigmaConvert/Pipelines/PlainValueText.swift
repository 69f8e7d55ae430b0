import SigmaKit

/// The text pySigma's `to_plain()` gives for a value, which several reference transformations split and
/// parse again as a Sigma string (so `*` stays a wildcard and a literal `*` stays escaped).
enum PlainValueText {
    /// The plain text of a value a string transformation can read, or nil for types the reference cannot
    /// split (numbers, booleans, null, ...: it fails on them).
    static func of(_ value: SigmaValue) -> String? {
        switch value {
        case .string(let s, _): return of(s)
        // A regex value keeps its expression text (the reference stores it as an unescaped Sigma string).
        case .regex(let pattern, _): return pattern
        default: return nil
        }
    }

    /// pySigma's `SigmaString.to_plain()`: literal `*` and `?` escaped, backslashes left alone.
    static func of(_ s: SigmaString) -> String {
        var out = ""
        for part in s.parts {
            switch part {
            case .text(let t):
                if let ascii = ASCIIEscaping.escaping(t, before: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }) {
                    out += ascii
                    continue
                }
                for c in t {
                    if c == "*" || c == "?" { out.append("\\") }
                    out.append(c)
                }
            case .wildcardMulti: out.append("*")
            case .wildcardSingle: out.append("?")
            case .placeholder(let name): out += "%\(name)%"
            }
        }
        return out
    }

    /// A value built from plain text the way the reference's `SigmaString(text)` does.
    static func stringValue(_ text: String) -> SigmaValue {
        .string(SigmaString(sigma: text))
    }
}

/// Backslash-escaping of ASCII text on its bytes. Only for ASCII: there every character is one byte (CR LF aside,
/// which no sign is part of), so a byte test is the `Character` test the reference's text operations make.
enum ASCIIEscaping {
    /// `text` with a backslash before every byte `escaped` accepts, or nil when the text is not all ASCII.
    static func escaping(_ text: String, before escaped: (UInt8) -> Bool) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var count = 0
            for b in bytes {
                if b >= 0x80 { return nil }
                if escaped(b) { count += 1 }
            }
            if count == 0 { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + count)
            for b in bytes {
                if escaped(b) { out.append(UInt8(ascii: "\\")) }
                out.append(b)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
