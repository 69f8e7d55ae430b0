/// A Sigma string value: plain text with unescaped wildcards and placeholders kept as parts.
///
/// Mirrors the spec's escaping: `*` and `?` are wildcards, `\*`, `\?` and `\\` are literals,
/// and a backslash before any other character is a literal backslash.
public struct SigmaString: Sendable, Hashable, Codable {
    /// One piece of a Sigma string.
    public enum Part: Sendable, Hashable, Codable {
        case text(String)
        case wildcardMulti
        case wildcardSingle
        case placeholder(String)
    }

    public private(set) var parts: [Part]

    public init(parts: [Part]) {
        self.parts = []
        for part in parts { append(part) }
    }

    /// A string with no wildcards: every character is literal.
    public init(plain: String) {
        self.parts = plain.isEmpty ? [] : [.text(plain)]
    }

    /// Parses the spec's escape rules; `%name%` becomes a placeholder only when `placeholders` is set
    /// (the `expand` modifier).
    public init(sigma raw: String, placeholders: Bool = false) {
        // Most values have no backslash, wildcard or placeholder sign: one byte scan, and the text is the one part.
        if !raw.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?")
                                      || (placeholders && $0 == UInt8(ascii: "%")) }) {
            self.init(plain: raw)
            return
        }
        // Bytes, not Characters: `*` followed by a combining mark (the keycap emoji `*️⃣`) is still a wildcard, as in
        // pySigma, which reads code points. Every sign is ASCII and no byte of a multi-byte UTF-8 sequence is, so
        // cutting the bytes at them is cutting the code points.
        var parts: [Part] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))); text.removeAll(keepingCapacity: true) }
        }
        var utf8 = Array(raw.utf8)[...]
        while let c = utf8.popFirst() {
            switch c {
            case UInt8(ascii: "\\"):
                if let next = utf8.first, next == UInt8(ascii: "*") || next == UInt8(ascii: "?") || next == UInt8(ascii: "\\") {
                    text.append(next)
                    utf8.removeFirst()
                } else {
                    text.append(c)
                }
            case UInt8(ascii: "*"):
                flush(); parts.append(.wildcardMulti)
            case UInt8(ascii: "?"):
                flush(); parts.append(.wildcardSingle)
            case UInt8(ascii: "%") where placeholders:
                if let end = utf8.firstIndex(of: UInt8(ascii: "%")), end > utf8.startIndex {
                    flush()
                    parts.append(.placeholder(String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self)))
                    utf8 = utf8[(end + 1)...]
                } else {
                    text.append(c)
                }
            default:
                text.append(c)
            }
        }
        flush()
        self.init(parts: parts)
    }

    public mutating func append(_ part: Part) {
        if case .text(let t) = part {
            if t.isEmpty { return }
            if case .text(let prev)? = parts.last {
                parts[parts.count - 1] = .text(prev + t)
                return
            }
        }
        parts.append(part)
    }

    public mutating func prepend(_ part: Part) {
        if case .text(let t) = part, case .text(let first)? = parts.first {
            parts[0] = .text(t + first)
        } else if case .text(let t) = part, t.isEmpty {
            return
        } else {
            parts.insert(part, at: 0)
        }
    }

    /// The string with a multi-wildcard added in front and/or at the end where it has none (contains, startswith,
    /// endswith), in one new list of parts.
    func wrappedInWildcards(leading: Bool, trailing: Bool) -> SigmaString {
        // As prepending then appending would: an empty string that got a front wildcard already ends with one.
        let front = leading && !startsWithWildcard, back = trailing && !(parts.isEmpty ? front : endsWithWildcard)
        if !front && !back { return self }
        var wrapped = SigmaString(parts: [])
        wrapped.parts.reserveCapacity(parts.count + 2)
        if front { wrapped.parts.append(.wildcardMulti) }
        wrapped.parts.append(contentsOf: parts)
        if back { wrapped.parts.append(.wildcardMulti) }
        return wrapped
    }

    public var isEmpty: Bool { parts.isEmpty }
    public var startsWithWildcard: Bool { parts.first == .wildcardMulti }
    public var endsWithWildcard: Bool { parts.last == .wildcardMulti }
    public var containsPlaceholder: Bool { parts.contains { if case .placeholder = $0 { true } else { false } } }

    /// True when any wildcard occurs anywhere.
    public var containsWildcard: Bool {
        parts.contains { $0 == .wildcardMulti || $0 == .wildcardSingle }
    }

    /// True when wildcards occur anywhere other than a leading or trailing `*`.
    public var containsInnerWildcard: Bool {
        for (i, part) in parts.enumerated() {
            switch part {
            case .wildcardSingle: return true
            case .wildcardMulti where i != 0 && i != parts.count - 1: return true
            default: continue
            }
        }
        return false
    }

    /// The literal text, when the string has no wildcard or placeholder.
    public var plainText: String? {
        var out = ""
        for part in parts {
            guard case .text(let t) = part else { return nil }
            out += t
        }
        return out
    }

    /// The string as written in Sigma, with literals escaped again (round-trips through `init(sigma:)`).
    public var sigmaText: String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t):
                for c in t.unicodeScalars {
                    if c == "*" || c == "?" || c == "\\" { out.append("\\") }
                    out.unicodeScalars.append(c)
                }
            case .wildcardMulti: out += "*"
            case .wildcardSingle: out += "?"
            case .placeholder(let name): out += "%\(name)%"
            }
        }
        return out
    }

    /// Copy without leading/trailing multi-wildcards (used by startswith/endswith/contains detection).
    public func trimmingWildcards(leading: Bool, trailing: Bool) -> SigmaString {
        var p = parts
        if leading, p.first == .wildcardMulti { p.removeFirst() }
        if trailing, p.last == .wildcardMulti { p.removeLast() }
        return SigmaString(parts: p)
    }

    public static func + (a: SigmaString, b: SigmaString) -> SigmaString {
        var r = a
        for p in b.parts { r.append(p) }
        return r
    }
}
