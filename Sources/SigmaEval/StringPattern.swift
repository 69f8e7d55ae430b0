#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import SigmaKit

/// A Sigma string compiled for matching UTF-8 bytes: literal text is lower-cased once (unless `cased`),
/// and the common shapes (exact, prefix, suffix, contains) avoid the general wildcard matcher.
struct StringPattern: Sendable {
    enum Piece: Sendable, Equatable {
        case literal([UInt8])
        case any
        case one
    }

    enum Shape: Sendable {
        case exact([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case contains([UInt8])
        case glob([Piece])
    }

    let shape: Shape
    /// Compare with the value as written rather than in lower case.
    let cased: Bool

    init(_ s: SigmaString, cased: Bool) {
        self.cased = cased
        var pieces: [Piece] = []
        for part in s.parts {
            switch part {
            case .text(let t):
                let bytes = Array((cased ? t : t.lowercased()).utf8)
                if case .literal(let prev)? = pieces.last { pieces[pieces.count - 1] = .literal(prev + bytes) } else { pieces.append(.literal(bytes)) }
            case .wildcardMulti:
                if pieces.last != .any { pieces.append(.any) }
            case .wildcardSingle:
                pieces.append(.one)
            case .placeholder(let name):
                // Refused before compiling; kept literal so a stray one cannot match everything.
                pieces.append(.literal(Array("%\(name)%".utf8)))
            }
        }
        shape = Self.classify(pieces)
    }

    static func classify(_ pieces: [Piece]) -> Shape {
        func literal(_ i: Int) -> [UInt8]? {
            if case .literal(let l) = pieces[i] { return l }
            return nil
        }
        switch pieces.count {
        case 0: return .exact([])
        case 1: if let l = literal(0) { return .exact(l) }
        case 2:
            if let l = literal(0), pieces[1] == .any { return .prefix(l) }
            if pieces[0] == .any, let l = literal(1) { return .suffix(l) }
        case 3:
            if pieces[0] == .any, let l = literal(1), pieces[2] == .any { return .contains(l) }
        default: break
        }
        return .glob(pieces)
    }

    /// The text an equal value must have, when the pattern has no wildcard (for the rule index).
    var exactKey: [UInt8]? {
        if case .exact(let l) = shape, !cased { return l }
        return nil
    }

    /// For a suffix starting at or after a backslash (`*\\cmd.exe`): the text after the last backslash,
    /// which the last path component of a matching value must equal.
    var leafKey: [UInt8]? {
        guard case .suffix(let l) = shape, !cased, let slash = l.lastIndex(of: 0x5C) else { return nil }
        return Array(l[(slash + 1)...])
    }

    /// The longest literal a matching value must contain (lower case), when there is one.
    var containsKey: [UInt8]? {
        guard !cased else { return nil }
        switch shape {
        case .exact(let l), .prefix(let l), .suffix(let l), .contains(let l): return l.isEmpty ? nil : l
        case .glob(let pieces):
            var best: [UInt8] = []
            for case .literal(let l) in pieces where l.count > best.count { best = l }
            return best.isEmpty ? nil : best
        }
    }

    func matches(_ value: FieldValue) -> Bool {
        matches(bytes: cased ? value.raw : value.low)
    }

    func matches(bytes v: UnsafeBufferPointer<UInt8>) -> Bool {
        switch shape {
        case .exact(let l): return l.withUnsafeBufferPointer { v.count == $0.count && Self.equal(v, at: 0, $0) }
        case .prefix(let l): return l.withUnsafeBufferPointer { v.count >= $0.count && Self.equal(v, at: 0, $0) }
        case .suffix(let l): return l.withUnsafeBufferPointer { v.count >= $0.count && Self.equal(v, at: v.count - $0.count, $0) }
        case .contains(let l): return l.withUnsafeBufferPointer { Self.find($0, in: v, from: 0) != nil }
        case .glob(let pieces): return Self.glob(pieces[...], v, 0)
        }
    }

    /// For tests and callers holding arrays.
    func matches(bytes v: [UInt8]) -> Bool {
        v.withUnsafeBufferPointer { matches(bytes: $0) }
    }

    @inline(__always)
    static func equal(_ v: UnsafeBufferPointer<UInt8>, at offset: Int, _ l: UnsafeBufferPointer<UInt8>) -> Bool {
        guard l.count > 0 else { return true }
        return memcmp(v.baseAddress! + offset, l.baseAddress!, l.count) == 0
    }

    /// First offset at or after `from` where `needle` occurs.
    static func find(_ nb: UnsafeBufferPointer<UInt8>, in vb: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = nb.count
        if n == 0 { return from <= vb.count ? from : nil }
        if vb.count - from < n { return nil }
        let first = nb[0]
        let base = vb.baseAddress!
        var i = from
        let last = vb.count - n
        while i <= last {
            // memchr finds the first byte at memory speed; the rest is compared in place.
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if n == 1 || memcmp(base + at + 1, nb.baseAddress! + 1, n - 1) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// Length of the UTF-8 sequence starting with `b` (a `?` consumes one Unicode scalar).
    @inline(__always)
    static func scalarLength(_ b: UInt8) -> Int {
        if b < 0x80 { return 1 }
        if b >= 0xF0 { return 4 }
        if b >= 0xE0 { return 3 }
        if b >= 0xC0 { return 2 }
        return 1
    }

    static func glob(_ pieces: ArraySlice<Piece>, _ v: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        var pos = at
        var rest = pieces
        while let piece = rest.first {
            rest = rest.dropFirst()
            switch piece {
            case .literal(let l):
                guard v.count - pos >= l.count, l.withUnsafeBufferPointer({ equal(v, at: pos, $0) }) else { return false }
                pos += l.count
            case .one:
                guard pos < v.count else { return false }
                pos += scalarLength(v[pos])
            case .any:
                if rest.isEmpty { return true }
                // Anchor on the next literal to skip hopeless positions.
                if case .literal(let l)? = rest.first {
                    var from = pos
                    while let hit = l.withUnsafeBufferPointer({ find($0, in: v, from: from) }) {
                        if glob(rest.dropFirst(), v, hit + l.count) { return true }
                        from = hit + 1
                    }
                    return false
                }
                var p = pos
                while p <= v.count {
                    if glob(rest, v, p) { return true }
                    if p == v.count { break }
                    p += scalarLength(v[p])
                }
                return false
            }
        }
        return pos == v.count
    }
}
