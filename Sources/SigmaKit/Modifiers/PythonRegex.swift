import Foundation

/// Validation of `re` values with Python `re` semantics on top of ICU.
extension ModifierEngine {
    /// Compiles a regular expression to report invalid ones at parse time. The reference compiles with
    /// Python's `re`; ICU differs in a few spellings, which are translated first so that a pattern Python
    /// accepts is not reported (a `{` that starts no quantifier is a literal, `(?P<n>`/`(?P=n)` are named groups).
    static func checkRegex(_ pattern: String, flags: [RegexFlag]) throws(Failure) {
        var options: NSRegularExpression.Options = []
        if flags.contains(.ignoreCase) { options.insert(.caseInsensitive) }
        if flags.contains(.multiline) { options.insert(.anchorsMatchLines) }
        if flags.contains(.dotAll) { options.insert(.dotMatchesLineSeparators) }
        do {
            guard let icu = pythonToICU(pattern) else { throw Failure(message: "", code: "") }
            _ = try NSRegularExpression(pattern: icu, options: options)
        } catch {
            throw Failure(message: "invalid regular expression '\(pattern)'", code: "invalid-regex")
        }
    }

    /// Escapes Python's `re` knows (`\\` + any other ASCII letter is an error there, not in ICU).
    static let pythonEscapes: Set<Unicode.Scalar> = Set("abBdDfnNrsStuUvwWxAZ".unicodeScalars)

    /// The pattern in ICU syntax, or nil when Python's `re` would reject it for a reason ICU does not.
    static func pythonToICU(_ pattern: String) -> String? {
        let p = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inClass = false
        var inQuantifier = false
        func isQuantifier(at start: Int) -> Bool {
            // {n} {n,} {,m} {n,m}
            var j = start + 1
            var digitsBefore = 0, digitsAfter = 0
            var comma = false
            while j < p.count, p[j] != "}" {
                if p[j] == "," { if comma { return false }; comma = true } else if p[j].properties.numericType == .decimal && p[j].isASCII {
                    if comma { digitsAfter += 1 } else { digitsBefore += 1 }
                } else { return false }
                j += 1
            }
            guard j < p.count else { return false }
            return digitsBefore > 0 || (comma && digitsAfter > 0)
        }
        while i < p.count {
            let c = p[i]
            if c == "\\", i + 1 < p.count {
                let e = p[i + 1]
                if e.isASCII, e.properties.isAlphabetic, !pythonEscapes.contains(e) { return nil }
                if e == "0", i + 2 >= p.count || !("0"..."7").contains(p[i + 2]) {
                    out.append(contentsOf: "\\x{0}".unicodeScalars); i += 2; continue
                }
                out.append(c); out.append(e); i += 2; continue
            }
            if inClass {
                if c == "]" { inClass = false }
                if c == "[" { out.append("\\") }
                out.append(c); i += 1; continue
            }
            switch c {
            case "[":
                inClass = true
                out.append(c); i += 1
                // A `]` right after `[` or `[^` is a literal in Python.
                if i < p.count, p[i] == "^" { out.append("^"); i += 1 }
                if i < p.count, p[i] == "]" { out.append("\\"); out.append("]"); i += 1 }
                continue
            case "{":
                if isQuantifier(at: i) {
                    inQuantifier = true
                    out.append(c)
                    // ICU needs the lower bound Python defaults to 0.
                    if i + 1 < p.count, p[i + 1] == "," { out.append("0") }
                } else {
                    out.append("\\"); out.append(c)
                }
            case "}":
                if inQuantifier { inQuantifier = false } else { out.append("\\") }
                out.append(c)
            case "(" where i + 2 < p.count && p[i + 1] == "?" && p[i + 2] == "P":
                if i + 3 < p.count, p[i + 3] == "<" {
                    out.append(contentsOf: "(?<".unicodeScalars); i += 4; continue
                }
                if i + 3 < p.count, p[i + 3] == "=" {
                    // (?P=name) -> \k<name>
                    var j = i + 4
                    var name = String.UnicodeScalarView()
                    while j < p.count, p[j] != ")" { name.append(p[j]); j += 1 }
                    out.append(contentsOf: "\\k<".unicodeScalars); out.append(contentsOf: name); out.append(">")
                    i = j + 1
                    continue
                }
                out.append(c)
            default:
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }
}
