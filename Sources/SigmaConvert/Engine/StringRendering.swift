import SigmaKit

/// pySigma's string operations on `SigmaString` that query languages rely on (escaping, slicing, regex form).
extension SigmaString {
    /// True when a wildcard occurs anywhere (pySigma's `contains_special`; placeholders are not special).
    var hasSpecial: Bool {
        parts.contains { $0 == .wildcardMulti || $0 == .wildcardSingle }
    }

    /// `s[front:len-back]` with pySigma's character-level slicing semantics.
    func dropping(front: Int, back: Int) -> SigmaString {
        var remainingFront = front
        var out: [Part] = []
        for part in parts {
            if remainingFront == 0 { out.append(part); continue }
            if case .text(let t) = part {
                let scalars = t.unicodeScalars
                if scalars.count <= remainingFront {
                    remainingFront -= scalars.count
                } else {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: scalars.dropFirst(remainingFront))
                    out.append(.text(String(view)))
                    remainingFront = 0
                }
            } else {
                remainingFront -= 1
            }
        }
        var remainingBack = back
        while remainingBack > 0, let last = out.last {
            if case .text(let t) = last {
                let scalars = t.unicodeScalars
                if scalars.count <= remainingBack {
                    remainingBack -= scalars.count
                    out.removeLast()
                } else {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: scalars.dropLast(remainingBack))
                    out[out.count - 1] = .text(String(view))
                    remainingBack = 0
                }
            } else {
                out.removeLast()
                remainingBack -= 1
            }
        }
        return SigmaString(parts: out)
    }

    /// pySigma's `str(SigmaString)`: literal `*`/`?` escaped, wildcards and placeholders as written.
    var pyPlain: String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t):
                for c in t.unicodeScalars {
                    if c == "*" || c == "?" { out.unicodeScalars.append("\\") }
                    out.unicodeScalars.append(c)
                }
            case .wildcardMulti: out += "*"
            case .wildcardSingle: out += "?"
            case .placeholder(let name): out += "%\(name)%"
            }
        }
        return out
    }

    /// pySigma's `SigmaString.convert`: escapes `wildcards + addEscaped` with `escapeChar`, drops `filterChars`,
    /// renders wildcards; placeholders cannot be rendered.
    func render(escapeChar: String?, wildcardMulti: String?, wildcardSingle: String?,
                addEscaped: String, filterChars: String = "") throws(ConversionError) -> String {
        let escaped = ScalarSet(wildcardMulti ?? "", wildcardSingle ?? "", addEscaped)
        let filtered = ScalarSet(filterChars)
        var out = String.UnicodeScalarView()
        for part in parts {
            switch part {
            case .text(let t):
                for c in t.unicodeScalars {
                    if filtered.contains(c) { continue }
                    if let escapeChar, escaped.contains(c) { out.append(contentsOf: escapeChar.unicodeScalars) }
                    out.append(c)
                }
            case .wildcardMulti:
                guard let wildcardMulti else {
                    throw ConversionError(.unsupported, "Multi-character wildcard not specified for conversion")
                }
                out.append(contentsOf: wildcardMulti.unicodeScalars)
            case .wildcardSingle:
                guard let wildcardSingle else {
                    throw ConversionError(.unsupported, "Single-character wildcard not specified for conversion")
                }
                out.append(contentsOf: wildcardSingle.unicodeScalars)
            case .placeholder(let name):
                throw ConversionError(.placeholder, "Attempt to convert unhandled placeholder '\(name)' into query.")
            }
        }
        return String(out)
    }

    /// pySigma's `to_regex`: the string as a regular expression (wildcards become `.*` and `.`).
    func regexPattern(customEscaped: String = "") throws(ConversionError) -> String {
        try render(escapeChar: "\\", wildcardMulti: ".*", wildcardSingle: ".",
                   addEscaped: ".*+?^$[](){}\\|" + customEscaped)
    }
}

/// Regular-expression rendering shared by the languages.
enum RegexRendering {
    /// pySigma's `SigmaRegularExpression.escape`: prefix every escaped sequence (and optionally the escape
    /// character itself) with `escapeChar`; prepend `(?flags)` when asked.
    static func escape(_ pattern: String, flags: [RegexFlag], escaped: [String], escapeChar: String,
                       escapeEscapeChar: Bool, flagPrefix: Bool) -> String {
        var targets = escaped
        if escapeEscapeChar { targets.append(escapeChar) }
        targets = targets.filter { !$0.isEmpty }
        var out = ""
        if flagPrefix, !flags.isEmpty {
            let letters = Set(flags.map(\.rawValue)).sorted().joined()
            out = "(?" + letters + ")"
        }
        if targets.allSatisfy({ $0.unicodeScalars.count == 1 }) {
            let set = Set(targets.compactMap { $0.unicodeScalars.first })
            var view = String.UnicodeScalarView()
            for c in pattern.unicodeScalars {
                if set.contains(c) { view.append(contentsOf: escapeChar.unicodeScalars) }
                view.append(c)
            }
            return out + String(view)
        }
        // Multi-character sequences: leftmost match wins, alternatives tried in order (as Python's `re`).
        var scalars = Array(pattern.unicodeScalars)[...]
        let targetScalars = targets.map { Array($0.unicodeScalars) }
        var view = String.UnicodeScalarView()
        while !scalars.isEmpty {
            if targetScalars.contains(where: { scalars.starts(with: $0) }) {
                view.append(contentsOf: escapeChar.unicodeScalars)
            }
            view.append(scalars.removeFirst())
        }
        return out + String(view)
    }
}

/// Number rendering as Python's `str(SigmaNumber)`: integral values print as integers.
enum NumberRendering {
    static func text(_ n: SigmaNumber) -> String {
        switch n {
        case .int(let i): return String(i)
        case .double(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 9.0e18 { return String(Int(d)) }
            return pythonFloat(d)
        }
    }

    /// Python's shortest round-trip float repr (`1e-05`, `1.5`, `1e+20`).
    static func pythonFloat(_ d: Double) -> String {
        // Swift's shortest round-trip form matches Python's repr for the values rules use.
        "\(d)"
    }
}

/// Minimal `str.format` for templates: `{name}` is replaced from `values` in one pass; `{{`/`}}` are braces.
enum Template {
    static func format(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + 32)
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            if c == "{" {
                let next = template.index(after: i)
                if next < template.endIndex, template[next] == "{" {
                    out.append("{"); i = template.index(after: next); continue
                }
                if let close = template[next...].firstIndex(of: "}") {
                    let name = String(template[next..<close])
                    if let v = values[name] {
                        out += v
                        i = template.index(after: close)
                        continue
                    }
                }
                out.append(c)
            } else if c == "}" {
                let next = template.index(after: i)
                if next < template.endIndex, template[next] == "}" {
                    out.append("}"); i = template.index(after: next); continue
                }
                out.append(c)
            } else {
                out.append(c)
            }
            i = template.index(after: i)
        }
        return out
    }
}

/// A small set of characters: a bitmap for ASCII (every escape set of the languages), a list otherwise.
struct ScalarSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var others: [Unicode.Scalar] = []
    let isEmpty: Bool

    init(_ strings: String...) {
        var empty = true
        for string in strings {
            for s in string.unicodeScalars {
                empty = false
                let v = s.value
                if v < 64 { low |= 1 << UInt64(v) } else if v < 128 { high |= 1 << UInt64(v - 64) } else { others.append(s) }
            }
        }
        isEmpty = empty
    }

    @inline(__always)
    func contains(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 64 { return low & (1 << UInt64(v)) != 0 }
        if v < 128 { return high & (1 << UInt64(v - 64)) != 0 }
        return !others.isEmpty && others.contains(s)
    }
}
