/// Reads a flat JSON object (a JSON Lines export: scalar members, lists of scalars) straight into an
/// `EventRecord`: only the fields rules read are decoded and lower-cased, each into the record's one
/// buffer, with no JSON tree, String or dictionary per event.
///
/// Anything out of the ordinary (a nested object, an escaped or invalid member name, invalid UTF-8, a lone
/// surrogate, a syntax error) gives `.fallback`: the general parser and `EventFlattener` then take the
/// record, so results and error messages are theirs. The values kept are those `EventFlattener` gives a flat
/// object: scalars as written, lists joined by a newline, null as no field, the last of repeated names.
enum FlatRecordScanner {
    enum Outcome: Equatable {
        /// The record is in `record`; the object ends before `end`.
        case record(end: Int)
        case fallback
        /// The bytes end inside the object.
        case needMore
    }

    private struct Stop: Error {
        var outcome: Outcome
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, into record: inout EventRecord,
                     table: inout FieldTable, allFields: Bool) -> Outcome {
        record.clear()
        var i = start
        do throws(Stop) {
            try member(bytes, &i, &record, &table, allFields)
            return .record(end: i)
        } catch {
            return error.outcome
        }
    }

    @inline(__always)
    private static func skipWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(Stop) {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
        throw Stop(outcome: .needMore)
    }

    private static func member(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ record: inout EventRecord,
                               _ table: inout FieldTable, _ allFields: Bool) throws(Stop) {
        guard b[i] == UInt8(ascii: "{") else { throw Stop(outcome: .fallback) }
        i += 1
        try skipWhitespace(b, &i)
        if b[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            try skipWhitespace(b, &i)
            guard b[i] == UInt8(ascii: "\"") else { throw Stop(outcome: .fallback) }
            i += 1
            let keyStart = i
            var ascii = true
            let base = UnsafeRawPointer(b.baseAddress!)
            while true {
                while i + 8 <= b.count {
                    let stops = Self.stops(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    if stops != 0 { i += stops.trailingZeroBitCount >> 3; break }
                    i += 8
                }
                guard i < b.count else { throw Stop(outcome: .needMore) }
                let c = b[i]
                if c == UInt8(ascii: "\"") { break }
                if c == UInt8(ascii: "\\") || c < 0x20 { throw Stop(outcome: .fallback) }
                if c >= 0x80 { ascii = false }
                i += 1
            }
            let key = UnsafeBufferPointer(rebasing: b[keyStart..<i])
            if !ascii, !validUTF8(key) { throw Stop(outcome: .fallback) }
            i += 1
            var id = table.lookup(key) ?? -1
            if id < 0, allFields {
                id = table.id(forBytes: key)
                record.grow(to: table.count)
            }
            try skipWhitespace(b, &i)
            guard b[i] == UInt8(ascii: ":") else { throw Stop(outcome: .fallback) }
            i += 1
            try skipWhitespace(b, &i)
            let valueStart = record.length
            switch b[i] {
            case UInt8(ascii: "["):
                i += 1
                var parts = 0
                try skipWhitespace(b, &i)
                if b[i] == UInt8(ascii: "]") {
                    i += 1
                } else {
                    while true {
                        try skipWhitespace(b, &i)
                        if b[i] == UInt8(ascii: "[") || b[i] == UInt8(ascii: "{") { throw Stop(outcome: .fallback) }
                        let before = record.length
                        if parts > 0, id >= 0 { record.append(0x0A) }
                        if try scalar(b, &i, &record, keep: id >= 0) {
                            parts += 1
                        } else if id >= 0 {
                            record.truncate(to: before)
                        }
                        try skipWhitespace(b, &i)
                        if b[i] == UInt8(ascii: ",") { i += 1; continue }
                        if b[i] == UInt8(ascii: "]") { i += 1; break }
                        throw Stop(outcome: .fallback)
                    }
                }
                if id >= 0 {
                    if parts > 0 { record.finish(id: id, rawStart: valueStart) } else { record.truncate(to: valueStart) }
                }
            case UInt8(ascii: "{"):
                throw Stop(outcome: .fallback)
            default:
                if try scalar(b, &i, &record, keep: id >= 0), id >= 0 { record.finish(id: id, rawStart: valueStart) }
            }
            try skipWhitespace(b, &i)
            switch b[i] {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; return
            default: throw Stop(outcome: .fallback)
            }
        }
    }

    /// A string, number, boolean or null at `i`; its text is appended to the storage when `keep`.
    /// False for null (no value).
    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ record: inout EventRecord, keep: Bool) throws(Stop) -> Bool {
        switch b[i] {
        case UInt8(ascii: "\""):
            try string(b, &i, &record, keep: keep)
            return true
        case UInt8(ascii: "t"):
            try word(b, &i, "true", &record, keep: keep)
            return true
        case UInt8(ascii: "f"):
            try word(b, &i, "false", &record, keep: keep)
            return true
        case UInt8(ascii: "n"):
            try word(b, &i, "null", &record, keep: false)
            return false
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = i
            while true {
                guard i < b.count else { throw Stop(outcome: .needMore) }
                switch b[i] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                     UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                    i += 1
                    continue
                default:
                    break
                }
                break
            }
            if keep { record.append(UnsafeBufferPointer(rebasing: b[start..<i])) }
            return true
        default:
            throw Stop(outcome: .fallback)
        }
    }

    private static func word(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ text: StaticString, _ record: inout EventRecord, keep: Bool) throws(Stop) {
        let n = text.utf8CodeUnitCount
        guard i + n <= b.count else { throw Stop(outcome: .needMore) }
        let w = text.utf8Start
        for k in 0..<n where b[i + k] != w[k] { throw Stop(outcome: .fallback) }
        if keep { record.append(UnsafeBufferPointer(start: w, count: n)) }
        i += n
    }

    private static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ record: inout EventRecord, keep: Bool) throws(Stop) {
        i += 1
        var runStart = i
        var ascii = true
        let base = UnsafeRawPointer(b.baseAddress!)
        while true {
            // Eight bytes at a time up to the first quote, backslash, control or non-ASCII byte.
            while i + 8 <= b.count {
                let stops = Self.stops(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if stops != 0 { i += stops.trailingZeroBitCount >> 3; break }
                i += 8
            }
            guard i < b.count else { throw Stop(outcome: .needMore) }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: b[runStart..<i])
                if !ascii, !validUTF8(run) { throw Stop(outcome: .fallback) }
                if keep { record.append(run) }
                i += 1
                return
            }
            if c < 0x20 { throw Stop(outcome: .fallback) }
            if c >= 0x80 { ascii = false }
            if c != UInt8(ascii: "\\") { i += 1; continue }
            // An escape: the text so far, then the escaped character.
            let run = UnsafeBufferPointer(rebasing: b[runStart..<i])
            if !ascii, !validUTF8(run) { throw Stop(outcome: .fallback) }
            ascii = true
            if keep { record.append(run) }
            guard i + 1 < b.count else { throw Stop(outcome: .needMore) }
            let e = b[i + 1]
            i += 2
            var out: UInt8
            switch e {
            case UInt8(ascii: "\""): out = 0x22
            case UInt8(ascii: "\\"): out = 0x5C
            case UInt8(ascii: "/"): out = 0x2F
            case UInt8(ascii: "b"): out = 0x08
            case UInt8(ascii: "f"): out = 0x0C
            case UInt8(ascii: "n"): out = 0x0A
            case UInt8(ascii: "r"): out = 0x0D
            case UInt8(ascii: "t"): out = 0x09
            case UInt8(ascii: "u"):
                var unit = try hex4(b, &i)
                if (0xD800..<0xDC00).contains(unit) {
                    guard i + 1 < b.count else { throw Stop(outcome: .needMore) }
                    guard b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { throw Stop(outcome: .fallback) }
                    i += 2
                    let low = try hex4(b, &i)
                    guard (0xDC00..<0xE000).contains(low) else { throw Stop(outcome: .fallback) }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(unit) {
                    throw Stop(outcome: .fallback)
                }
                if keep, let scalar = Unicode.Scalar(unit) {
                    for byte in UTF8.encode(scalar)! { record.append(byte) }
                }
                runStart = i
                continue
            default:
                throw Stop(outcome: .fallback)
            }
            if keep { record.append(out) }
            runStart = i
        }
    }

    /// The high bit of each byte of `w` that may end a plain run of string text: the lowest one set is
    /// exactly the first quote, backslash, control or non-ASCII byte (borrows only flag bytes above it).
    @inline(__always)
    static func stops(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ (ones &* 0x22), s = w ^ (ones &* 0x5C)
        let quote = (q &- ones) & ~q
        let slash = (s &- ones) & ~s
        let control = w &- (ones &* 0x20)
        return (quote | slash | control | w) & high
    }

    private static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(Stop) -> UInt32 {
        guard i + 4 <= b.count else { throw Stop(outcome: .needMore) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: throw Stop(outcome: .fallback)
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    /// Whether the bytes are well-formed UTF-8 (what String(validating:) accepts), without building a String.
    static func validUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return false
            }
            guard i + len <= n else { return false }
            let c1 = b[i + 1]
            guard c1 >= lo, c1 <= hi else { return false }
            for k in 2..<max(2, len) where b[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }
}
