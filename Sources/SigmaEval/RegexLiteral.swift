/// The longest run of literal text a Python regular expression requires every match to contain, lower case,
/// so a regex-only rule can be filed in the rule index like a `contains` (a value without the run cannot
/// match; one with it is then tested with the regex itself).
///
/// Only text outside groups and classes counts; a top-level alternation gives one run per alternative (one
/// of them must occur). None with inline flags other than a leading set, non-ASCII text, or an alternative
/// without a run of at least three characters: what is returned must be necessary. Case-insensitive patterns
/// give none: Unicode case folding lets `s` match `ſ`, whose lower case is not `s`.
enum RegexLiteral {
    /// One run per alternative of a top-level alternation (`a|b`), each of which a match of that
    /// alternative contains; nil when some alternative has none.
    static func required(_ pattern: String, ignoreCase: Bool) -> [[UInt8]]? {
        guard let alternatives = alternatives(pattern, ignoreCase: ignoreCase) else { return nil }
        var out: [[UInt8]] = []
        for runs in alternatives {
            guard let best = runs.max(by: { $0.count < $1.count }), best.count >= 3 else { return nil }
            out.append(best.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 })
        }
        return out
    }

    /// Per alternative of a top-level alternation, every run of literal text (as written, at least one
    /// character) a match of that alternative contains: a value holding none of the alternatives' runs in
    /// full cannot match, so the regular expression need not run. Nil when that cannot be told (inline
    /// flags, non-ASCII text, case-insensitive matching, which Unicode folding makes loose: `k` matches
    /// KELVIN SIGN); an alternative with no run makes every value pass.
    static func prefilter(_ pattern: String, ignoreCase: Bool) -> [[[UInt8]]]? {
        guard let alternatives = alternatives(pattern, ignoreCase: ignoreCase),
              !alternatives.contains(where: \.isEmpty) else { return nil }
        return alternatives
    }

    /// Per alternative, the runs a match contains, lower case, for a case-insensitive pattern (by flag or
    /// a leading `(?i)`): they hold for values that are all ASCII, where folding is only ASCII letter case
    /// (KELVIN SIGN and the like are not ASCII), so a caller tests them on such values only. Nil otherwise.
    static func foldedPrefilter(_ pattern: String, ignoreCase: Bool) -> [[[UInt8]]]? {
        guard let (p, folds) = body(pattern), ignoreCase || folds, let alternatives = split(p),
              !alternatives.contains(where: \.isEmpty) else { return nil }
        return alternatives.map { $0.map { $0.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 } } }
    }

    /// The runs of each top-level alternative, nil when the pattern is out of reach.
    static func alternatives(_ pattern: String, ignoreCase: Bool) -> [[[UInt8]]]? {
        guard let (p, folds) = body(pattern), !ignoreCase, !folds else { return nil }
        return split(p)
    }

    /// The pattern's bytes less a leading group of inline flags, and whether those turn on case folding.
    /// Nil for non-ASCII text, or any other `(?`: verbose mode and other flags change what text means.
    /// Groups that only group or look around (`(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`) are kept: the runs
    /// inside a group are never counted.
    static func body(_ pattern: String) -> (bytes: [UInt8], folds: Bool)? {
        var p = Array(pattern.utf8)
        if p.contains(where: { $0 >= 0x80 }) { return nil }
        var folds = false
        if p.count > 3, p[0] == UInt8(ascii: "("), p[1] == UInt8(ascii: "?") {
            var j = 2
            // Case, multi-line and dot-all flags leave literal text as it is, but for case.
            while j < p.count, p[j] == UInt8(ascii: "i") || p[j] == UInt8(ascii: "m") || p[j] == UInt8(ascii: "s") {
                if p[j] == UInt8(ascii: "i") { folds = true }
                j += 1
            }
            if j > 2, j < p.count, p[j] == UInt8(ascii: ")") {
                p.removeFirst(j + 1)
            } else {
                folds = false
            }
        }
        var k = 0
        while k + 2 < p.count {
            if p[k] == UInt8(ascii: "("), p[k + 1] == UInt8(ascii: "?") {
                let c = p[k + 2]
                let d: UInt8 = k + 3 < p.count ? p[k + 3] : 0
                let plain = c == UInt8(ascii: ":") || c == UInt8(ascii: "=") || c == UInt8(ascii: "!")
                    || (c == UInt8(ascii: "<") && (d == UInt8(ascii: "=") || d == UInt8(ascii: "!")))
                if !plain { return nil }
            }
            k += 1
        }
        if p.count >= 2, p[p.count - 2] == UInt8(ascii: "("), p[p.count - 1] == UInt8(ascii: "?") { return nil }
        return (p, folds)
    }

    /// The runs of each top-level alternative of `p`.
    static func split(_ p: [UInt8]) -> [[[UInt8]]]? {
        var alternatives: [[[UInt8]]] = []
        var start = 0
        var depth = 0
        var i = 0
        while i < p.count {
            switch p[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "["):
                // A class may hold '|' and parentheses.
                var j = i + 1
                if j < p.count, p[j] == UInt8(ascii: "^") { j += 1 }
                if j < p.count, p[j] == UInt8(ascii: "]") { j += 1 }
                while j < p.count, p[j] != UInt8(ascii: "]") { j += p[j] == UInt8(ascii: "\\") ? 2 : 1 }
                i = j
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "|") where depth == 0:
                guard let runs = runs(Array(p[start..<i])) else { return nil }
                alternatives.append(runs)
                start = i + 1
            default: break
            }
            i += 1
        }
        guard let last = runs(Array(p[min(start, p.count)...])) else { return nil }
        alternatives.append(last)
        return alternatives
    }

    /// The required runs of a pattern without a top-level alternation, in order.
    static func runs(_ p: [UInt8]) -> [[UInt8]]? {
        var all: [[UInt8]] = []
        var run: [UInt8] = []
        func endRun() {
            if !run.isEmpty { all.append(run) }
            run = []
        }
        var i = 0
        var depth = 0
        while i < p.count {
            let c = p[i]
            var literal: UInt8?
            var width = 1
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < p.count else { return nil }
                let e = p[i + 1]
                width = 2
                // An escaped punctuation mark is itself; a letter or digit is a class, anchor or reference.
                let isWord = (e >= 0x30 && e <= 0x39) || ((e | 0x20) >= 0x61 && (e | 0x20) <= 0x7A) || e == UInt8(ascii: "_")
                if !isWord, depth == 0 { literal = e }
                // The digits of a character code or reference (`\x41`, `\u0041`, `\012`, `\12`) are not text.
                switch e {
                case UInt8(ascii: "x"): width = 4
                case UInt8(ascii: "u"): width = 6
                case UInt8(ascii: "U"): width = 10
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    while width < 4, i + width < p.count, p[i + width] >= 0x30, p[i + width] <= 0x39 { width += 1 }
                default: break
                }
                width = min(width, p.count - i)
            case UInt8(ascii: "["):
                // Skip the class.
                var j = i + 1
                if j < p.count, p[j] == UInt8(ascii: "^") { j += 1 }
                if j < p.count, p[j] == UInt8(ascii: "]") { j += 1 }
                while j < p.count, p[j] != UInt8(ascii: "]") { j += p[j] == UInt8(ascii: "\\") ? 2 : 1 }
                guard j < p.count else { return nil }
                width = j + 1 - i
            case UInt8(ascii: "{"):
                // A repetition count (or a literal brace: either way not counted).
                var j = i + 1
                while j < p.count, p[j] != UInt8(ascii: "}") { j += 1 }
                width = min(p.count, j + 1) - i
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth < 0 { return nil }
            case UInt8(ascii: "|"):
                if depth == 0 { return nil }
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                 UInt8(ascii: "?"), UInt8(ascii: "}"):
                break
            default:
                if depth == 0 { literal = c }
            }
            i += width
            // What follows may make the character optional or repeated.
            let next: UInt8? = i < p.count ? p[i] : nil
            if let l = literal {
                switch next {
                case UInt8(ascii: "?")?, UInt8(ascii: "*")?, UInt8(ascii: "{")?:
                    endRun()
                case UInt8(ascii: "+")?:
                    run.append(l)
                    endRun()
                default:
                    run.append(l)
                }
            } else {
                endRun()
            }
        }
        if depth != 0 { return nil }
        endRun()
        return all
    }
}
