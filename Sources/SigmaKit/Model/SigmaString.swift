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
        // Parts already in normal form (no empty text, no two texts in a row), as the parser and slicing make
        // them, are kept as they are.
        var normal = true
        var previousIsText = false
        for part in parts {
            if case .text(let t) = part {
                if t.isEmpty || previousIsText { normal = false; break }
                previousIsText = true
            } else {
                previousIsText = false
            }
        }
        if normal {
            self.parts = parts
            return
        }
        self.parts = []
        self.parts.reserveCapacity(parts.count)
        for part in parts { append(part) }
    }

    /// A string with no wildcards: every character is literal.
    public init(plain: String) {
        self.parts = plain.isEmpty ? [] : [.text(plain)]
    }

    /// Parses the spec's escape rules; `%name%` becomes a placeholder only when `placeholders` is set
    /// (the `expand` modifier).
    public init(sigma raw: String, placeholders: Bool = false) {
        // Bytes, not Characters: `*` followed by a combining mark (the keycap emoji `*️⃣`) is still a wildcard, as in
        // pySigma, which reads code points. Every sign is ASCII and no byte of a multi-byte UTF-8 sequence is, so
        // cutting the bytes at them is cutting the code points. Runs of plain bytes are copied whole.
        var bytes = raw
        let parsed: [Part]? = bytes.withUTF8 { b in
            let n = b.count
            func isSign(_ c: UInt8) -> Bool {
                c == UInt8(ascii: "\\") || c == UInt8(ascii: "*") || c == UInt8(ascii: "?") || (placeholders && c == UInt8(ascii: "%"))
            }
            // Most values have no backslash, wildcard or placeholder sign: one byte scan, and the text is the one part.
            guard var i = b.firstIndex(where: isSign) else { return nil }
            var parts: [Part] = []
            var text: [UInt8] = []
            var run = 0
            func take(upTo end: Int) {
                if end > run { text.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<end])) }
            }
            func flush() {
                if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))); text.removeAll(keepingCapacity: true) }
            }
            while i < n {
                switch b[i] {
                case UInt8(ascii: "\\"):
                    take(upTo: i)
                    if i + 1 < n, b[i + 1] == UInt8(ascii: "*") || b[i + 1] == UInt8(ascii: "?") || b[i + 1] == UInt8(ascii: "\\") {
                        text.append(b[i + 1])
                        i += 2
                    } else {
                        text.append(b[i])
                        i += 1
                    }
                    run = i
                case UInt8(ascii: "*"), UInt8(ascii: "?"):
                    take(upTo: i)
                    flush()
                    parts.append(b[i] == UInt8(ascii: "*") ? .wildcardMulti : .wildcardSingle)
                    i += 1
                    run = i
                case UInt8(ascii: "%") where placeholders:
                    var end = i + 1
                    while end < n, b[end] != UInt8(ascii: "%") { end += 1 }
                    if end < n, end > i + 1 {
                        take(upTo: i)
                        flush()
                        parts.append(.placeholder(String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<end]), as: UTF8.self)))
                        i = end + 1
                        run = i
                    } else {
                        i += 1
                    }
                default:
                    i += 1
                }
            }
            take(upTo: n)
            flush()
            return parts
        }
        if let parsed { self.init(parts: parsed) } else { self.init(plain: raw) }
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
                // Per byte: the three signs are ASCII, so this is the code-point walk exactly.
                var t = t
                t.withUTF8 { bytes in
                    guard bytes.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "\\") }) else {
                        out += String(decoding: bytes, as: UTF8.self)
                        return
                    }
                    var escaped: [UInt8] = []
                    escaped.reserveCapacity(bytes.count + 8)
                    for b in bytes {
                        if b == UInt8(ascii: "*") || b == UInt8(ascii: "?") || b == UInt8(ascii: "\\") { escaped.append(UInt8(ascii: "\\")) }
                        escaped.append(b)
                    }
                    out += String(decoding: escaped, as: UTF8.self)
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
