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
