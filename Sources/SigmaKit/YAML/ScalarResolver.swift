/// YAML 1.1 implicit typing of plain scalars, as PyYAML (and so pySigma) resolves them:
/// `yes`/`no`/`on`/`off` are booleans, `0x1F`/`017`/`1:30` are integers, `1.` is a float, `~` is null.
enum ScalarResolver {
    static func resolve(plain text: String) -> YAMLScalarValue {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
        default: break
        }
        // Every boolean word has two to five letters: longer scalars skip the eighteen comparisons.
        if text.utf8.count <= 5 {
            switch text {
            case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
            case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
            default: break
            }
        }
        let numericStart = (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        guard numericStart else { return .string(text) }
        if let d = float(text) { return .double(d) }
        if let i = int(text) { return i }
        if isTimestamp(text) { return .timestamp(text) }
        return .string(text)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Integer forms of YAML 1.1; values beyond 64 bits become doubles.
    static func int(_ text: String) -> YAMLScalarValue? {
        var b = Array(text.utf8)[...]
        var negative = false
        if let f = b.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            b = b.dropFirst()
        }
        guard let f = b.first else { return nil }
        func digits(_ s: ArraySlice<UInt8>, radix: Int, allow: (UInt8) -> Bool) -> YAMLScalarValue? {
            guard !s.isEmpty, s.allSatisfy({ allow($0) || $0 == UInt8(ascii: "_") }) else { return nil }
            let clean = String(decoding: s.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            if clean.isEmpty { return nil }
            if let v = Int(clean, radix: radix) { return .int(negative ? -v : v) }
            // Python ints are unbounded: keep the magnitude as a double rather than failing.
            var d = 0.0
            if radix == 10, let exact = Double(clean) { d = exact } else {
                for ch in clean { d = d * Double(radix) + Double(ch.hexDigitValue ?? 0) }
            }
            return .double(negative ? -d : d)
        }
        if f == UInt8(ascii: "0") {
            if b.count == 1 { return .int(0) }
            let second = b[b.startIndex + 1]
            if second == UInt8(ascii: "b") {
                return digits(b.dropFirst(2), radix: 2) { $0 == 48 || $0 == 49 }
            }
            if second == UInt8(ascii: "x") {
                return digits(b.dropFirst(2), radix: 16) { Character(Unicode.Scalar($0)).isHexDigit }
            }
            return digits(b.dropFirst(1), radix: 8) { $0 >= 48 && $0 <= 55 }
        }
        guard isDigit(f) else { return nil }
        if b.contains(UInt8(ascii: ":")) {
            // Sexagesimal: 1:30 == 90.
            let groups = b.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard let head = groups.first, head.first != UInt8(ascii: "0"),
                  head.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }) else { return nil }
            for g in groups.dropFirst() {
                guard (1...2).contains(g.count), g.allSatisfy(isDigit) else { return nil }
                if g.count == 2, g[g.startIndex] > UInt8(ascii: "5") { return nil }
            }
            var value = 0
            for (i, g) in groups.enumerated() {
                let s = String(decoding: g.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
                guard let v = Int(s) else { return nil }
                let (m, o1) = value.multipliedReportingOverflow(by: i == 0 ? 1 : 60)
                let (a, o2) = m.addingReportingOverflow(v)
                if o1 || o2 { return nil }
                value = a
            }
            return .int(negative ? -value : value)
        }
        return digits(b, radix: 10, allow: isDigit)
    }

    /// Float forms of YAML 1.1 (a dot is required; exponents need a sign).
    static func float(_ text: String) -> Double? {
        // The infinity and NaN words have four or five characters: dates and longer numbers skip the comparisons.
        if text.utf8.count <= 5 {
            switch text {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
            case "-.inf", "-.Inf", "-.INF": return -.infinity
            case ".nan", ".NaN", ".NAN": return .nan
            default: break
            }
        }
        var b = Array(text.utf8)[...]
        var negative = false
        var signed = false
        if let f = b.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            signed = true
            b = b.dropFirst()
        }
        guard let dot = b.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let intPart = b[b.startIndex..<dot]
        var rest = b[(dot + 1)...]
        var exponent: ArraySlice<UInt8> = []
        if let e = rest.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            exponent = rest[(e + 1)...]
            rest = rest[rest.startIndex..<e]
            guard exponent.count >= 2, exponent.first == UInt8(ascii: "-") || exponent.first == UInt8(ascii: "+"),
                  exponent.dropFirst().allSatisfy(isDigit) else { return nil }
        }
        guard rest.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }) else { return nil }
        var whole: Double
        if intPart.isEmpty {
            // `.5` is a float only without a sign, and needs a digit after the dot.
            guard !signed, let r = rest.first, isDigit(r), exponent.isEmpty || true else { return nil }
            whole = 0
        } else if intPart.contains(UInt8(ascii: ":")) {
            guard exponent.isEmpty else { return nil }
            let groups = intPart.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard let head = groups.first, let h = head.first, isDigit(h),
                  head.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }) else { return nil }
            whole = 0
            for (i, g) in groups.enumerated() {
                if i > 0 {
                    guard (1...2).contains(g.count), g.allSatisfy(isDigit) else { return nil }
                    if g.count == 2, g[g.startIndex] > UInt8(ascii: "5") { return nil }
                }
                let s = String(decoding: g.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
                whole = whole * 60 + (Double(s) ?? 0)
            }
            let frac = String(decoding: rest.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            let value = whole + (Double("0." + frac) ?? 0)
            return negative ? -value : value
        } else {
            guard let h = intPart.first, isDigit(h),
                  intPart.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }) else { return nil }
            whole = 0
        }
        _ = whole
        var literal = String(decoding: intPart.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if literal.isEmpty { literal = "0" }
        literal += "." + String(decoding: rest.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if literal.hasSuffix(".") { literal += "0" }
        if !exponent.isEmpty { literal += "e" + String(decoding: exponent, as: UTF8.self) }
        guard let v = Double(literal) else { return nil }
        return negative ? -v : v
    }

    /// `YYYY-MM-DD` or a YAML 1.1 timestamp with time.
    static func isTimestamp(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count >= 10, b[0...3].allSatisfy(isDigit), b[4] == UInt8(ascii: "-") else { return false }
        if b.count == 10 {
            return isDigit(b[5]) && isDigit(b[6]) && b[7] == UInt8(ascii: "-") && isDigit(b[8]) && isDigit(b[9])
        }
        // Long form: YYYY-M(M)-D(D)[Tt ]H(H):MM:SS(.f)(tz)
        var i = 5
        func take(_ min: Int, _ max: Int) -> Bool {
            var n = 0
            while i < b.count, n < max, isDigit(b[i]) { i += 1; n += 1 }
            return n >= min
        }
        guard take(1, 2), i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard take(1, 2), i < b.count else { return false }
        if b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") {
            i += 1
        } else {
            var spaces = 0
            while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "\t") { i += 1; spaces += 1 }
            guard spaces > 0 else { return false }
        }
        guard take(1, 2), i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard take(2, 2), i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard take(2, 2) else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; while i < b.count, isDigit(b[i]) { i += 1 } }
        while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "\t") { i += 1 }
        if i == b.count { return true }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") else { return false }
        i += 1
        guard take(1, 2) else { return false }
        if i < b.count, b[i] == UInt8(ascii: ":") { i += 1; guard take(2, 2) else { return false } }
        return i == b.count
    }
}
