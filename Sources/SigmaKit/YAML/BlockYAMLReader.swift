/// A hand-written reader for the block-style YAML that Sigma rules are written in. It builds the same positioned
/// `YAMLNode` tree as libyaml's events through `EventComposer`, without libyaml's token and event queues.
///
/// It reads only a strict subset: block maps and lists, one-line plain and quoted scalars, and `|` / `|-` block
/// scalars, with comments. It bails out (returns nil) on anything else and on any error, so the caller falls
/// back to libyaml. That way every message still comes from libyaml. Its limits are narrower than libyaml's on
/// purpose: it bails on tabs, carriage returns, control and line-separator characters, document markers,
/// directives, anchors, aliases, tags, flow collections, `?` keys, merge keys, `>` scalars, scalars over more
/// than one line, duplicate keys, and input over the node or depth budget.
struct BlockYAMLReader {
    private let b: UnsafeBufferPointer<UInt8>
    private let n: Int
    private var i = 0
    /// 0-based line of the cursor and the byte offset where that line starts.
    private var line = 0
    private var lineStart = 0
    private var remaining: Int
    private let maxDepth: Int

    private struct Bail: Error {}

    private static let space = UInt8(ascii: " ")
    private static let newline = UInt8(ascii: "\n")
    private static let colon = UInt8(ascii: ":")
    private static let hash = UInt8(ascii: "#")
    private static let dash = UInt8(ascii: "-")

    private init(bytes: UnsafeBufferPointer<UInt8>, nodeBudget: Int, maxDepth: Int) {
        b = bytes
        n = bytes.count
        remaining = nodeBudget
        self.maxDepth = maxDepth / 2
    }

    /// The single document's root, or nil when libyaml must read this input.
    ///
    /// What it accepts, `NestingScanner` accepts too, so the loader runs that scan only when it falls back to
    /// libyaml: this reader bails on flow collections, anchors, aliases and `?` keys (the scan's other refusals),
    /// on an indentation over `maxDepth` columns, and at half of `maxDepth` levels, which keeps every line's
    /// `indentation / 2 + "- " markers` (the scan's estimate of depth) within `maxDepth`.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, nodeBudget: Int, maxDepth: Int) -> YAMLNode? {
        guard acceptsCharacters(bytes, maxIndent: maxDepth) else { return nil }
        var reader = BlockYAMLReader(bytes: bytes, nodeBudget: nodeBudget, maxDepth: maxDepth)
        return try? reader.document()
    }

    /// Whether every character is one this reader handles the way libyaml's reader and scanner do: printable,
    /// no tab or carriage return, no line break other than LF, no byte order mark, no document marker or directive.
    /// Lines indented by more than `maxIndent` spaces are also left to libyaml (and the nesting scan before it).
    private static func acceptsCharacters(_ b: UnsafeBufferPointer<UInt8>, maxIndent: Int) -> Bool {
        let n = b.count
        var i = 0
        var atLineStart = true
        guard let start = b.baseAddress, n > 0 else { return false }
        let base = UnsafeRawPointer(start)
        while i < n {
            // Eight printable ASCII bytes at a time (no newline among them): most of a rule.
            if !atLineStart, i + 8 <= n {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let ones: UInt64 = 0x0101_0101_0101_0101
                // The classic "has a byte below n" test, exact when every byte is ASCII.
                let control = (w &- 0x2020_2020_2020_2020) & ~w & high
                let d = w ^ 0x7F7F_7F7F_7F7F_7F7F
                let delete = (d &- ones) & ~d & high
                if w & high == 0, control == 0, delete == 0 {
                    i += 8
                    continue
                }
            }
            var c = b[i]
            if atLineStart {
                if c == space {
                    var j = i + 1
                    while j < n, b[j] == space { j += 1 }
                    if j - i > maxIndent, j < n, b[j] != newline { return false }
                    i = j
                    if j == n { break }
                    c = b[j]
                }
                atLineStart = false
                if c == UInt8(ascii: "-") || c == UInt8(ascii: ".") {
                    if i + 2 < n, b[i + 1] == c, b[i + 2] == c { return false }
                } else if c == UInt8(ascii: "%") {
                    return false
                }
            }
            if c < 0x80 {
                if c == newline { atLineStart = true } else if c < 0x20 || c == 0x7F { return false }
                i += 1
                continue
            }
            // A Swift string is valid UTF-8: only the scalars libyaml rejects or treats as breaks need checking.
            if c == 0xC2, i + 1 < n, b[i + 1] < 0xA0 { return false }  // C1 controls and NEL
            if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { return false }  // LS, PS
            if c == 0xEF, i + 2 < n {
                if b[i + 1] == 0xBB, b[i + 2] == 0xBF { return false }  // BOM
                if b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF { return false }  // U+FFFE, U+FFFF
            }
            i += 1
        }
        return true
    }

    // MARK: Structure

    private mutating func document() throws -> YAMLNode {
        guard skipToContent() else { throw Bail() }
        // The document's own block has indentation -1 (libyaml's starting indent).
        let root = try node(parentIndent: -1, depth: 0)
        if skipToContent() { throw Bail() }
        return root
    }

    /// The node starting at the cursor, where only spaces and `- ` come before it on its line (a block
    /// collection may start here). On return the cursor is at the start of a line or at the end.
    private mutating func node(parentIndent: Int, depth: Int) throws -> YAMLNode {
        let column = i - lineStart
        if b[i] == Self.dash, isBlank(i + 1) {
            return try sequence(indent: column, depth: depth)
        }
        if b[i] == UInt8(ascii: "|") {
            return try blockScalar(parentIndent: parentIndent)
        }
        let token = try scalarToken()
        var j = i
        while j < n, b[j] == Self.space { j += 1 }
        if j < n, b[j] == Self.colon, isBlank(j + 1) {
            // A key on one line, within libyaml's 1024-character limit for simple keys.
            if j - token.start > 1000 { throw Bail() }
            i = j + 1
            return try mapping(indent: column, firstKey: token, depth: depth)
        }
        try finishLine()
        try charge()
        return token.node(isKey: false)
    }

    private mutating func mapping(indent: Int, firstKey: Token, depth: Int) throws -> YAMLNode {
        try enter(depth)
        try charge()
        let at = firstKey.position
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(8)
        // The keys' texts beside the pairs: the duplicate check reads these, not the pairs (see `YAMLPairs`).
        var keyTexts: [String] = []
        keyTexts.reserveCapacity(8)
        var key = firstKey
        while true {
            // The cursor is just after the key's `:`.
            try charge()
            if key.plain && key.text == "<<" { throw Bail() }
            if keyTexts.contains(key.text) { throw Bail() }
            if pairs.count > 64 { throw Bail() }
            let keyNode = key.node(isKey: true)
            let colonEnd = position(of: i)
            let value: YAMLNode
            skipSpaces()
            if i >= n || b[i] == Self.newline || (b[i] == Self.hash && b[i - 1] == Self.space) {
                try finishLine()
                if !skipToContent() {
                    try charge()
                    value = Self.empty(at: colonEnd)
                } else {
                    let m = i - lineStart
                    if m > indent {
                        value = try node(parentIndent: indent, depth: depth + 1)
                    } else if m == indent, b[i] == Self.dash, isBlank(i + 1) {
                        // A list at the key's own indentation (libyaml's indentless sequence).
                        value = try sequence(indent: indent, depth: depth + 1)
                    } else {
                        try charge()
                        value = Self.empty(at: colonEnd)
                    }
                }
            } else {
                value = try inlineValue(parentIndent: indent)
            }
            pairs.append(YAMLPair(keyNode, value))
            keyTexts.append(key.text)
            guard skipToContent() else { break }
            let m = i - lineStart
            if m < indent { break }
            if m > indent { throw Bail() }
            if b[i] == UInt8(ascii: "|") || (b[i] == Self.dash && isBlank(i + 1)) { throw Bail() }
            key = try scalarToken()
            var j = i
            while j < n, b[j] == Self.space { j += 1 }
            guard j < n, b[j] == Self.colon, isBlank(j + 1), j - key.start <= 1000 else { throw Bail() }
            i = j + 1
        }
        return YAMLNode(kind: .mapping(pairs), position: at)
    }

    /// A value on its key's line: a scalar that is not itself a key.
    private mutating func inlineValue(parentIndent: Int) throws -> YAMLNode {
        if b[i] == UInt8(ascii: "|") { return try blockScalar(parentIndent: parentIndent) }
        if b[i] == Self.dash, isBlank(i + 1) { throw Bail() }
        let token = try scalarToken()
        var j = i
        while j < n, b[j] == Self.space { j += 1 }
        if j < n, b[j] == Self.colon, isBlank(j + 1) { throw Bail() }
        try finishLine()
        try charge()
        return token.node(isKey: false)
    }

    private mutating func sequence(indent: Int, depth: Int) throws -> YAMLNode {
        try enter(depth)
        try charge()
        let at = position(of: i)
        var items: [YAMLNode] = []
        items.reserveCapacity(4)
        while true {
            // The cursor is at the entry's `-`.
            i += 1
            let dashEnd = position(of: i)
            skipSpaces()
            if i >= n || b[i] == Self.newline || (b[i] == Self.hash && b[i - 1] == Self.space) {
                try finishLine()
                if skipToContent(), i - lineStart > indent {
                    items.append(try node(parentIndent: indent, depth: depth + 1))
                } else {
                    try charge()
                    items.append(Self.empty(at: dashEnd))
                }
            } else {
                items.append(try node(parentIndent: indent, depth: depth + 1))
            }
            guard skipToContent() else { break }
            let m = i - lineStart
            if m < indent { break }
            if m > indent { throw Bail() }
            guard b[i] == Self.dash, isBlank(i + 1) else { break }
        }
        return YAMLNode(kind: .sequence(items), position: at)
    }

    private static func empty(at position: SourcePosition) -> YAMLNode {
        YAMLNode(kind: .scalar(.null, text: ""), position: position)
    }

    private func enter(_ depth: Int) throws {
        if depth >= maxDepth { throw Bail() }
    }

    private mutating func charge() throws {
        remaining -= 1
        if remaining < 0 { throw Bail() }
    }

    // MARK: Scalars

    /// A one-line plain or quoted scalar as libyaml scans it.
    private struct Token {
        var text: String
        var plain: Bool
        var position: SourcePosition
        /// Byte offset of its first character.
        var start: Int

        func node(isKey: Bool) -> YAMLNode {
            let value: YAMLScalarValue = plain && !isKey ? ScalarResolver.resolve(plain: text) : .string(text)
            return YAMLNode(kind: .scalar(value, text: text), position: position, quoted: !plain)
        }
    }

    /// The plain or quoted scalar at the cursor; the cursor ends just after it.
    private mutating func scalarToken() throws -> Token {
        let start = i
        let at = position(of: i)
        let c = b[i]
        if c == UInt8(ascii: "'") { return Token(text: try singleQuoted(), plain: false, position: at, start: start) }
        if c == UInt8(ascii: "\"") { return Token(text: try doubleQuoted(), plain: false, position: at, start: start) }
        switch c {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw Bail()
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if isBlank(i + 1) { throw Bail() }
        default:
            break
        }
        var j = i + 1
        var end = j
        while j < n {
            let d = b[j]
            if d == Self.newline { break }
            if d == Self.space {
                if j + 1 < n, b[j + 1] == Self.hash { break }
            } else if d == Self.colon, isBlank(j + 1) {
                break
            } else {
                end = j + 1
            }
            j += 1
        }
        i = end
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        return Token(text: text, plain: true, position: at, start: start)
    }

    private mutating func singleQuoted() throws -> String {
        var j = i + 1
        let first = j
        var pieces: [UInt8]? = nil
        while true {
            guard j < n else { throw Bail() }
            let c = b[j]
            if c == Self.newline { throw Bail() }
            if c == UInt8(ascii: "'") {
                if j + 1 < n, b[j + 1] == UInt8(ascii: "'") {
                    if pieces == nil { pieces = Array(b[first..<j]) }
                    pieces!.append(c)
                    j += 2
                    continue
                }
                break
            }
            pieces?.append(c)
            j += 1
        }
        i = j + 1
        if let pieces { return String(decoding: pieces, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: b[first..<j]), as: UTF8.self)
    }

    private mutating func doubleQuoted() throws -> String {
        var j = i + 1
        let first = j
        var out: [UInt8]? = nil
        while true {
            guard j < n else { throw Bail() }
            let c = b[j]
            if c == Self.newline { throw Bail() }
            if c == UInt8(ascii: "\"") { break }
            if c != UInt8(ascii: "\\") {
                out?.append(c)
                j += 1
                continue
            }
            if out == nil { out = Array(b[first..<j]) }
            guard j + 1 < n else { throw Bail() }
            let e = b[j + 1]
            j += 2
            var code: UInt32
            switch e {
            case UInt8(ascii: "0"): code = 0
            case UInt8(ascii: "a"): code = 7
            case UInt8(ascii: "b"): code = 8
            case UInt8(ascii: "t"): code = 9
            case UInt8(ascii: "n"): code = 10
            case UInt8(ascii: "v"): code = 11
            case UInt8(ascii: "f"): code = 12
            case UInt8(ascii: "r"): code = 13
            case UInt8(ascii: "e"): code = 27
            case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): code = UInt32(e)
            case UInt8(ascii: "N"): code = 0x85
            case UInt8(ascii: "_"): code = 0xA0
            case UInt8(ascii: "L"): code = 0x2028
            case UInt8(ascii: "P"): code = 0x2029
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                guard j + digits <= n else { throw Bail() }
                code = 0
                for k in j..<(j + digits) {
                    guard let v = Self.hexValue(b[k]) else { throw Bail() }
                    code = code << 4 | v
                }
                j += digits
            default:
                throw Bail()
            }
            guard let scalar = Unicode.Scalar(code) else { throw Bail() }
            out!.append(contentsOf: String(Character(scalar)).utf8)
        }
        i = j + 1
        if let out { return String(decoding: out, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: b[first..<j]), as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// A `|` or `|-` literal block scalar with at least one content line, its indentation found from that line.
    private mutating func blockScalar(parentIndent: Int) throws -> YAMLNode {
        let at = position(of: i)
        i += 1
        var strip = false
        if i < n, b[i] == Self.dash { strip = true; i += 1 }
        guard i >= n || b[i] == Self.space || b[i] == Self.newline else { throw Bail() }
        try finishLine()
        // Leading empty lines, then the first content line fixes the indentation.
        var scan = i
        var maxBlank = 0
        var indent = -1
        while scan < n {
            var j = scan
            while j < n, b[j] == Self.space { j += 1 }
            if j < n, b[j] != Self.newline { indent = j - scan; break }
            maxBlank = max(maxBlank, j - scan)
            if j >= n { break }
            scan = j + 1
        }
        guard indent > parentIndent, indent >= 1, maxBlank <= indent else { throw Bail() }
        var out: [UInt8] = []
        var leadingBreak = false
        var trailingBreaks = 0
        var sawContent = false
        while i < n {
            var j = i
            while j < n, b[j] == Self.space { j += 1 }
            let spaces = j - i
            let blank = j >= n || b[j] == Self.newline
            if blank && spaces <= indent {
                guard j < n else { i = j; break }
                trailingBreaks += 1
                newLine(at: j)
                continue
            }
            if spaces < indent { break }
            if sawContent && leadingBreak { out.append(Self.newline) }
            out.append(contentsOf: repeatElement(Self.newline, count: trailingBreaks))
            trailingBreaks = 0
            var end = i + indent
            while end < n, b[end] != Self.newline { end += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[(i + indent)..<end]))
            sawContent = true
            if end < n {
                leadingBreak = true
                newLine(at: end)
            } else {
                leadingBreak = false
                i = end
            }
        }
        guard sawContent else { throw Bail() }
        if !strip && leadingBreak { out.append(Self.newline) }
        try charge()
        let text = String(decoding: out, as: UTF8.self)
        return YAMLNode(kind: .scalar(.string(text), text: text), position: at)
    }

    // MARK: Lines

    private func isBlank(_ k: Int) -> Bool {
        k >= n || b[k] == Self.space || b[k] == Self.newline
    }

    private mutating func skipSpaces() {
        while i < n, b[i] == Self.space { i += 1 }
    }

    /// Moves past the newline at `k` to the next line.
    private mutating func newLine(at k: Int) {
        i = k + 1
        line += 1
        lineStart = i
    }

    /// The rest of the line must be blanks and an optional comment; the cursor moves to the next line's start.
    private mutating func finishLine() throws {
        let from = i
        skipSpaces()
        if i < n, b[i] == Self.hash {
            guard i > from || b[i - 1] == Self.space else { throw Bail() }
            while i < n, b[i] != Self.newline { i += 1 }
        }
        if i >= n { return }
        guard b[i] == Self.newline else { throw Bail() }
        newLine(at: i)
    }

    /// From the start of a line, passes blank and comment-only lines and stops at the first content byte;
    /// false at the end of the input.
    private mutating func skipToContent() -> Bool {
        while i < n {
            var j = i
            while j < n, b[j] == Self.space { j += 1 }
            if j >= n { i = j; return false }
            if b[j] == Self.newline { newLine(at: j); continue }
            if b[j] == Self.hash {
                while j < n, b[j] != Self.newline { j += 1 }
                if j >= n { i = j; return false }
                newLine(at: j)
                continue
            }
            i = j
            return true
        }
        return false
    }

    /// libyaml's 1-based position of a byte: columns count characters, not bytes.
    private func position(of k: Int) -> SourcePosition {
        var column = 0
        var p = lineStart
        while p < k {
            if b[p] & 0xC0 != 0x80 { column += 1 }
            p += 1
        }
        return YAMLLoader.position(line: line + 1, column: column + 1)
    }
}
