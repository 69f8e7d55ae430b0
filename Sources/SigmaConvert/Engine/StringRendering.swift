import SigmaKit

/// pySigma's string operations on `SigmaString` that query languages rely on (escaping, slicing, regex form).
extension SigmaString {
    /// True when a wildcard occurs anywhere (pySigma's `contains_special`; placeholders are not special).
    var hasSpecial: Bool {
        parts.contains { $0 == .wildcardMulti || $0 == .wildcardSingle }
    }

    /// `s[front:len-back]` with pySigma's character-level slicing semantics.
    func dropping(front: Int, back: Int) -> SigmaString {
        if front == 0 && back == 0 { return self }
        var remainingFront = front
        var out: [Part] = []
        out.reserveCapacity(parts.count)
        for part in parts {
            if remainingFront == 0 { out.append(part); continue }
            if case .text(let t) = part {
                let count = Self.scalarCount(t)
                if count.scalars <= remainingFront {
                    remainingFront -= count.scalars
                } else {
                    out.append(.text(Self.text(t, ascii: count.ascii, droppingFirst: remainingFront, last: 0)))
                    remainingFront = 0
                }
            } else {
                remainingFront -= 1
            }
        }
        var remainingBack = back
        while remainingBack > 0, let last = out.last {
            if case .text(let t) = last {
                let count = Self.scalarCount(t)
                if count.scalars <= remainingBack {
                    remainingBack -= count.scalars
                    out.removeLast()
                } else {
                    out[out.count - 1] = .text(Self.text(t, ascii: count.ascii, droppingFirst: 0, last: remainingBack))
                    remainingBack = 0
                }
            } else {
                out.removeLast()
                remainingBack -= 1
            }
        }
        return SigmaString(parts: out)
    }

    /// The number of code points, read off the byte count for ASCII text (nearly every value).
    private static func scalarCount(_ text: String) -> (scalars: Int, ascii: Bool) {
        var text = text
        if let bytes = text.withUTF8({ b in b.allSatisfy { $0 < 0x80 } ? b.count : nil }) { return (bytes, true) }
        return (text.unicodeScalars.count, false)
    }

    /// `text` without its first `first` and last `last` code points.
    private static func text(_ text: String, ascii: Bool, droppingFirst first: Int, last: Int) -> String {
        if ascii {
            var text = text
            return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[first..<($0.count - last)]), as: UTF8.self) }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.dropFirst(first).dropLast(last))
        return String(view)
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
        // Every language's sets are ASCII, so text is scanned as UTF-8 bytes and copied whole when nothing in it
        // is escaped or dropped; other sets take the scalar path.
        let bytewise = escaped.isASCII && filtered.isASCII
        let escapeBytes = escapeChar.map { Array($0.utf8) }
        var out = ""
        for part in parts {
            switch part {
            case .text(let t):
                if bytewise {
                    var text = t
                    text.withUTF8 { bytes in
                        guard bytes.contains(where: { escaped.contains(byte: $0) || filtered.contains(byte: $0) }) else {
                            out += t
                            return
                        }
                        var buffer: [UInt8] = []
                        buffer.reserveCapacity(bytes.count * 2)
                        for b in bytes {
                            if filtered.contains(byte: b) { continue }
                            if let escapeBytes, escaped.contains(byte: b) { buffer += escapeBytes }
                            buffer.append(b)
                        }
                        out += String(decoding: buffer, as: UTF8.self)
                    }
                } else {
                    var view = String.UnicodeScalarView()
                    for c in t.unicodeScalars {
                        if filtered.contains(c) { continue }
                        if let escapeChar, escaped.contains(c) { view.append(contentsOf: escapeChar.unicodeScalars) }
                        view.append(c)
                    }
                    out += String(view)
                }
            case .wildcardMulti:
                guard let wildcardMulti else {
                    throw ConversionError(.unsupported, "Multi-character wildcard not specified for conversion")
                }
                out += wildcardMulti
            case .wildcardSingle:
                guard let wildcardSingle else {
                    throw ConversionError(.unsupported, "Single-character wildcard not specified for conversion")
                }
                out += wildcardSingle
            case .placeholder(let name):
                throw ConversionError(.placeholder, "Attempt to convert unhandled placeholder '\(name)' into query.")
            }
        }
        return out
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
        format(template) { values[String($0)] }
    }

    /// Whether `template` holds `placeholder` (e.g. `{regex}`), compared on bytes.
    static func mentions(_ template: String, _ placeholder: String) -> Bool {
        var template = template, placeholder = placeholder
        return template.withUTF8 { hay in
            placeholder.withUTF8 { needle in
                guard let first = needle.first else { return true }
                let n = hay.count, m = needle.count
                guard m <= n else { return false }
                var i = 0
                while i + m <= n {
                    if hay[i] == first {
                        var k = 1
                        while k < m, hay[i + k] == needle[k] { k += 1 }
                        if k == m { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// `{name}` replaced by `value(name)` when it gives one (other braces stay), `{{` and `}}` as single braces.
    static func format(_ template: String, _ value: (Substring) -> String?) -> String {
        // On UTF-8 bytes: the braces are ASCII, so every offset found is a character boundary of the template, and
        // the text between is copied whole. Templates are short literals; queries call this for every value.
        var bytes = template
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        return bytes.withUTF8 { t in
            let n = t.count
            var out: [UInt8] = []
            out.reserveCapacity(n + 64)
            var literal = 0
            var i = 0
            while i < n {
                let c = t[i]
                if c == open {
                    let next = i + 1
                    if next < n, t[next] == open {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: t[literal..<next]))
                        i = next + 1
                        literal = i
                        continue
                    }
                    var end = next
                    while end < n, t[end] != close { end += 1 }
                    if end < n {
                        let units = template.utf8
                        let from = units.index(units.startIndex, offsetBy: next)
                        let to = units.index(from, offsetBy: end - next)
                        if let v = value(template[from..<to]) {
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: t[literal..<i]))
                            out.append(contentsOf: v.utf8)
                            i = end + 1
                            literal = i
                            continue
                        }
                    }
                } else if c == close, i + 1 < n, t[i + 1] == close {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: t[literal..<(i + 1)]))
                    i += 2
                    literal = i
                    continue
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: t[literal..<n]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// A small set of characters: a bitmap for ASCII (every escape set of the languages), a list otherwise.
struct ScalarSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var others: [Unicode.Scalar] = []
    let isEmpty: Bool

    init(_ first: String, _ second: String = "", _ third: String = "") {
        isEmpty = first.isEmpty && second.isEmpty && third.isEmpty
        if !first.isEmpty { insert(first) }
        if !second.isEmpty { insert(second) }
        if !third.isEmpty { insert(third) }
    }

    /// Built for every rendered value: ASCII strings (every language's sets) are read as bytes in one pass.
    private mutating func insert(_ string: String) {
        var string = string
        let ascii = string.withUTF8 { bytes -> Bool in
            for v in bytes {
                if v >= 0x80 { return false }
                if v < 64 { low |= 1 << UInt64(v) } else { high |= 1 << UInt64(v - 64) }
            }
            return true
        }
        if ascii { return }
        for s in string.unicodeScalars {
            let v = s.value
            if v < 64 { low |= 1 << UInt64(v) } else if v < 128 { high |= 1 << UInt64(v - 64) } else { others.append(s) }
        }
    }

    /// Whether every member is ASCII, so `contains(byte:)` decides membership for UTF-8 text.
    var isASCII: Bool { others.isEmpty }

    /// Membership of one UTF-8 byte (bytes of multi-byte characters are never members of an ASCII set).
    @inline(__always)
    func contains(byte b: UInt8) -> Bool {
        if b < 64 { return low & (1 << UInt64(b)) != 0 }
        if b < 128 { return high & (1 << UInt64(b - 64)) != 0 }
        return false
    }

    @inline(__always)
    func contains(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 64 { return low & (1 << UInt64(v)) != 0 }
        if v < 128 { return high & (1 << UInt64(v - 64)) != 0 }
        return !others.isEmpty && others.contains(s)
    }
}
