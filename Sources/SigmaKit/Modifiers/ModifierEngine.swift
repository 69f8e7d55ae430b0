import Foundation

/// Applies a modifier chain to detection values the way pySigma does, so that value-transforming
/// modifiers (base64, base64offset, wide, windash, expand…) yield the reference values.
struct ModifierEngine {
    struct Failure: Error {
        var message: String
        var code: String
    }

    var field: String?
    var modifiers: [Modifier]
    /// Most alternatives one value may expand to (windash grows as 5^dashes).
    var maxExpansion = 100_000

    /// The values and linking after the whole chain; `rawTexts` are the values as written (for `re`).
    func apply(to initial: [SigmaValue], rawTexts: [String?]) throws(Failure) -> (values: [SigmaValue], linking: Linking, negated: Bool) {
        var values = initial
        var linking = Linking.or
        var negated = false
        var applied: [Modifier] = []
        for modifier in modifiers {
            switch modifier {
            case .all:
                linking = .and
            case .neq:
                negated = true
            case .re:
                if !applied.isEmpty {
                    throw Failure(message: "modifier 're' must come first: it applies to the value as written",
                                  code: "modifier-order")
                }
                var out: [SigmaValue] = []
                for (index, value) in values.enumerated() {
                    guard case .string = value, let raw = rawTexts.indices.contains(index) ? rawTexts[index] : nil else {
                        throw typeFailure(modifier, value)
                    }
                    try Self.checkRegex(raw, flags: [])
                    out.append(.regex(raw, flags: []))
                }
                values = out
            default:
                var out: [SigmaValue] = []
                for value in values {
                    out.append(contentsOf: try applyValue(modifier, value, applied: applied))
                }
                values = out
            }
            applied.append(modifier)
        }
        return (values, linking, negated)
    }

    private func typeFailure(_ modifier: Modifier, _ value: SigmaValue) -> Failure {
        Failure(message: "modifier '\(modifier.rawValue)' cannot be applied to \(Self.describe(value))",
                code: "modifier-type")
    }

    static func describe(_ value: SigmaValue) -> String {
        switch value {
        case .string(let s, _): return "the string '\(s.sigmaText)'"
        case .number(let n): return "the number \(n)"
        case .bool(let b): return "the boolean \(b)"
        case .null: return "null"
        case .regex(let r, _): return "the regular expression '\(r)'"
        case .cidr(let c): return "the network '\(c)'"
        case .compare(let op, let n): return "the comparison \(op.rawValue) \(n)"
        case .fieldRef(let f, _, _): return "the field reference '\(f)'"
        case .exists: return "an exists check"
        case .expansion: return "an expanded value"
        }
    }

    /// One value through one value modifier; expansions are handled member by member and stay grouped.
    private func applyValue(_ modifier: Modifier, _ value: SigmaValue, applied: [Modifier]) throws(Failure) -> [SigmaValue] {
        if case .expansion(let members) = value {
            var inner: [SigmaValue] = []
            for m in members { inner.append(contentsOf: try applyValue(modifier, m, applied: applied)) }
            return [.expansion(inner)]
        }
        switch modifier {
        case .contains, .startswith, .endswith:
            let leading = modifier != .startswith
            let trailing = modifier != .endswith
            switch value {
            case .string(var s, let cased):
                if leading, !s.startsWithWildcard { s.prepend(.wildcardMulti) }
                if trailing, !s.endsWithWildcard { s.append(.wildcardMulti) }
                return [.string(s, cased: cased)]
            case .regex(var r, let flags):
                if leading, !r.hasPrefix(".*"), !r.hasPrefix("^") { r = ".*" + r }
                if trailing, !r.hasSuffix(".*"), !r.hasSuffix("$") { r += ".*" }
                try Self.checkRegex(r, flags: flags)
                return [.regex(r, flags: flags)]
            case .fieldRef(let f, let sw, let ew):
                return [.fieldRef(f, startsWith: sw || trailing, endsWith: ew || leading)]
            default:
                throw typeFailure(modifier, value)
            }
        case .base64, .base64offset:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            if s.containsWildcard {
                throw Failure(message: "base64 encoding of a value with wildcards is not allowed ('\(s.sigmaText)')",
                              code: "modifier-wildcard")
            }
            let bytes = Array(Self.pythonStr(s).utf8)
            if modifier == .base64 {
                return [.string(SigmaString(plain: Data(bytes).base64EncodedString()), cased: false)]
            }
            let length = Self.pythonLength(s)
            let starts = [0, 2, 3]
            let ends: [Int?] = [nil, -3, -2]
            var variants: [SigmaValue] = []
            for shift in 0..<3 {
                let encoded = Array(Data(Array(repeating: UInt8(ascii: " "), count: shift) + bytes).base64EncodedString())
                let slice = Self.pySlice(encoded, start: starts[shift], end: ends[(length + shift) % 3])
                variants.append(.string(SigmaString(plain: String(slice)), cased: false))
            }
            return [.expansion(variants)]
        case .wide, .utf16le, .utf16be, .utf16:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            var parts: [SigmaString.Part] = modifier == .utf16 ? [.text("\u{FEFF}")] : []
            for part in s.parts {
                guard case .text(let t) = part else { parts.append(part); continue }
                var bytes: [UInt8] = []
                for unit in t.utf16 {
                    let lo = UInt8(unit & 0xff), hi = UInt8(unit >> 8)
                    if modifier == .utf16be { bytes += [hi, lo] } else { bytes += [lo, hi] }
                }
                // pySigma reinterprets the UTF-16 bytes as UTF-8, which only works for some characters.
                guard let decoded = String(validating: bytes, as: UTF8.self) else {
                    throw Failure(message: "modifier '\(modifier.rawValue)' only works on ASCII text, '\(s.sigmaText)' is not",
                                  code: "modifier-value")
                }
                parts.append(.text(decoded))
            }
            // pySigma rebuilds a plain SigmaString here, so `cased` does not survive an encoding.
            return [.string(SigmaString(parts: parts), cased: false)]
        case .windash:
            guard case .string(let s, let cased) = value else { throw typeFailure(modifier, value) }
            let variants = try windash(s)
            // As in pySigma, only an untouched value keeps its `cased` flag.
            let keepCased = cased && variants.count == 1
            return [.expansion(variants.map { .string($0, cased: keepCased) })]
        case .cased:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            return [.string(s, cased: true)]
        case .cidr:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            if !applied.isEmpty {
                throw Failure(message: "modifier 'cidr' must come first: it applies to the value as written", code: "modifier-order")
            }
            let text = Self.pythonStr(s)
            if let problem = IPNetwork.problem(text) {
                throw Failure(message: "invalid CIDR network: \(problem)", code: "invalid-cidr")
            }
            return [.cidr(text)]
        case .fieldref:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            guard let plain = s.plainText else {
                throw Failure(message: "a field reference must not contain wildcards ('\(s.sigmaText)')", code: "modifier-wildcard")
            }
            return [.fieldRef(plain)]
        case .exists:
            guard case .bool(let b) = value else { throw typeFailure(modifier, value) }
            if field == nil {
                throw Failure(message: "modifier 'exists' needs a field name", code: "modifier-field")
            }
            if !applied.isEmpty {
                throw Failure(message: "modifier 'exists' only applies to an unmodified boolean", code: "modifier-order")
            }
            return [.exists(b)]
        case .gt, .gte, .lt, .lte:
            guard case .number(let n) = value else { throw typeFailure(modifier, value) }
            return [.compare(CompareOperator(rawValue: modifier.rawValue) ?? .gt, n)]
        case .minute, .hour, .day, .week, .month, .year:
            guard case .number(let n) = value else { throw typeFailure(modifier, value) }
            return [.number(.int(Int(n.doubleValue)))]
        case .i, .m, .s:
            guard case .regex(let r, var flags) = value else { throw typeFailure(modifier, value) }
            let flag = RegexFlag(rawValue: modifier.rawValue) ?? .ignoreCase
            if !flags.contains(flag) {
                flags.append(flag)
                // Canonical order i, m, s (pySigma keeps a set and prints it sorted).
                flags = RegexFlag.allCases.filter(flags.contains)
            }
            try Self.checkRegex(r, flags: flags)
            return [.regex(r, flags: flags)]
        case .expand:
            switch value {
            case .string(let s, let cased): return [.string(Self.insertPlaceholders(s), cased: cased)]
            case .regex: return [value]
            default: throw typeFailure(modifier, value)
            }
        case .all, .neq, .re:
            return [value]
        }
    }

    /// `str(SigmaString)` in pySigma: wildcards as `*`/`?`, literal `*`/`?` escaped, placeholders as `%name%`.
    static func pythonStr(_ s: SigmaString) -> String {
        var out = ""
        for part in s.parts {
            switch part {
            case .text(let t):
                for c in t.unicodeScalars {
                    if c == "*" || c == "?" { out.append("\\") }
                    out.unicodeScalars.append(c)
                }
            case .wildcardMulti: out += "*"
            case .wildcardSingle: out += "?"
            case .placeholder(let name): out += "%\(name)%"
            }
        }
        return out
    }

    /// `len(SigmaString)`: code points of text plus one per special part.
    static func pythonLength(_ s: SigmaString) -> Int {
        s.parts.reduce(0) { n, part in
            if case .text(let t) = part { return n + t.unicodeScalars.count }
            return n + 1
        }
    }

    /// Python's `seq[start:end]` with a possibly negative end.
    static func pySlice<T>(_ a: [T], start: Int, end: Int?) -> ArraySlice<T> {
        let count = a.count
        let s = min(start, count)
        var e = end.map { $0 < 0 ? count + $0 : $0 } ?? count
        e = min(max(e, 0), count)
        return e > s ? a[s..<e] : []
    }

    /// The expand modifier: `%name%` (not preceded by a backslash) becomes a placeholder; `\%` becomes `%`.
    static func insertPlaceholders(_ s: SigmaString) -> SigmaString {
        var parts: [SigmaString.Part] = []
        for part in s.parts {
            guard case .text(let t) = part else { parts.append(part); continue }
            let chars = Array(t)
            var i = 0
            var pending = ""
            var lastEnd = 0
            func emitText(_ upTo: Int) {
                pending = String(chars[lastEnd..<upTo]).replacingOccurrences(of: "\\%", with: "%")
                if !pending.isEmpty { parts.append(.text(pending)) }
            }
            while i < chars.count {
                if chars[i] == "%", i == 0 || chars[i - 1] != "\\" {
                    var j = i + 1
                    while j < chars.count, chars[j] != "%" { j += 1 }
                    if j < chars.count, j > i + 1 {
                        emitText(i)
                        parts.append(.placeholder(String(chars[(i + 1)..<j])))
                        i = j + 1
                        lastEnd = i
                        continue
                    }
                }
                i += 1
            }
            emitText(chars.count)
        }
        return SigmaString(parts: parts)
    }

    /// windash: every `-` or `/` that starts a word (`\B[-/]\b` within a text part) takes each of
    /// `-`, `/`, en dash, em dash and horizontal bar; alternatives in pySigma's order.
    func windash(_ s: SigmaString) throws(Failure) -> [SigmaString] {
        enum Piece { case part(SigmaString.Part), dash }
        var pieces: [Piece] = []
        var dashCount = 0
        for part in s.parts {
            guard case .text(let t) = part else { pieces.append(.part(part)); continue }
            let scalars = Array(t.unicodeScalars)
            var current = String.UnicodeScalarView()
            for (i, c) in scalars.enumerated() {
                let isDash = c == "-" || c == "/"
                let prevIsWord = i > 0 && Self.isWordScalar(scalars[i - 1])
                let nextIsWord = i + 1 < scalars.count && Self.isWordScalar(scalars[i + 1])
                if isDash, !prevIsWord, nextIsWord {
                    if !current.isEmpty { pieces.append(.part(.text(String(current)))); current = String.UnicodeScalarView() }
                    pieces.append(.dash)
                    dashCount += 1
                } else {
                    current.append(c)
                }
            }
            if !current.isEmpty { pieces.append(.part(.text(String(current)))) }
        }
        let dashes = ["-", "/", "\u{2013}", "\u{2014}", "\u{2015}"]
        var total = 1
        for _ in 0..<dashCount {
            total *= dashes.count
            if total > maxExpansion {
                throw Failure(message: "windash would expand '\(s.sigmaText)' into more than \(maxExpansion) values",
                              code: "modifier-value")
            }
        }
        var results: [SigmaString] = [SigmaString(parts: [])]
        for piece in pieces {
            switch piece {
            case .part(let p):
                for k in results.indices { results[k].append(p) }
            case .dash:
                // The first dash varies slowest, as in pySigma's recursive replacement.
                var next: [SigmaString] = []
                next.reserveCapacity(results.count * dashes.count)
                for r in results {
                    for d in dashes { var c = r; c.append(.text(d)); next.append(c) }
                }
                results = next
            }
        }
        return results
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

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
