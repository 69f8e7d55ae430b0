/// A JSON parser over bytes that reads one document at a time, so several documents may follow each
/// other (JSON Lines, SigmaHQ's concatenated evtx renderings) and a file never has to be held whole.
///
/// Written by hand because Foundation's JSONSerialization needs the whole text of one document, rejects
/// concatenated documents and cannot report where a document ends.
struct JSONScanner {
    enum Failure: Error, Equatable {
        /// The buffer ends inside the document: read more bytes and try again.
        case needMore
        case syntax(String)
        case tooDeep
        case invalidUTF8
    }

    static let maxDepth = 200

    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    /// Set when a string held invalid UTF-8; parsing goes on so the next document can still be read.
    var sawInvalidUTF8 = false

    init(bytes: UnsafeBufferPointer<UInt8>, index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// Skips whitespace; true when bytes remain.
    mutating func skipWhitespace() -> Bool {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return true
            }
        }
        return false
    }

    mutating func parseValue(depth: Int = 0) throws(Failure) -> JSONValue {
        guard skipWhitespace() else { throw .needMore }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            if depth >= Self.maxDepth { throw .tooDeep }
            index += 1
            var members: [(String, JSONValue)] = []
            guard skipWhitespace() else { throw .needMore }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                guard skipWhitespace() else { throw .needMore }
                guard bytes[index] == UInt8(ascii: "\"") else { throw .syntax("expected a member name") }
                let key = try parseString()
                guard skipWhitespace() else { throw .needMore }
                guard bytes[index] == UInt8(ascii: ":") else { throw .syntax("expected ':'") }
                index += 1
                let value = try parseValue(depth: depth + 1)
                members.append((key, value))
                guard skipWhitespace() else { throw .needMore }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return .object(members)
                default: throw .syntax("expected ',' or '}'")
                }
            }
        case UInt8(ascii: "["):
            if depth >= Self.maxDepth { throw .tooDeep }
            index += 1
            var elements: [JSONValue] = []
            guard skipWhitespace() else { throw .needMore }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            while true {
                elements.append(try parseValue(depth: depth + 1))
                guard skipWhitespace() else { throw .needMore }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return .array(elements)
                default: throw .syntax("expected ',' or ']'")
                }
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw .syntax("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        var count = 0
        for b in word.utf8 {
            guard index + count < bytes.count else { throw .needMore }
            if bytes[index + count] != b { throw .syntax("invalid literal") }
            count += 1
        }
        index += count
    }

    private mutating func parseNumber() throws(Failure) -> String {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
        }
        throw .needMore
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return decode(slice)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw .syntax("control character in a string") }
            index += 1
        }
        guard index < bytes.count else { throw .needMore }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return out.withUnsafeBufferPointer { decode($0) }
            }
            if b < 0x20 { throw .syntax("control character in a string") }
            if b != UInt8(ascii: "\\") { out.append(b); index += 1; continue }
            guard index + 1 < bytes.count else { throw .needMore }
            let e = bytes[index + 1]
            index += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var unit = try hex4()
                if (0xD800..<0xDC00).contains(unit) {
                    // A surrogate pair spells one scalar above U+FFFF.
                    guard index + 1 < bytes.count else { throw .needMore }
                    if bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            sawInvalidUTF8 = true; unit = 0xFFFD
                        }
                    } else {
                        sawInvalidUTF8 = true; unit = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(unit) {
                    sawInvalidUTF8 = true; unit = 0xFFFD
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(unit) ?? "\u{FFFD}")).utf8)
            default:
                throw .syntax("invalid escape")
            }
        }
        throw .needMore
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw .needMore }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - 55)
            default: throw .syntax("invalid \\u escape")
            }
            v = v * 16 + d
            index += 1
        }
        return v
    }

    private mutating func decode(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        if let s = String(validating: slice, as: UTF8.self) { return s }
        sawInvalidUTF8 = true
        return String(decoding: slice, as: UTF8.self)
    }
}
