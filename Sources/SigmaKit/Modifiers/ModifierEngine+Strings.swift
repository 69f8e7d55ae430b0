import Foundation

/// pySigma's string operations that value modifiers rely on (lengths, slicing, placeholders, windash).
extension ModifierEngine {
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
}
