#if canImport(Glibc)
import Glibc
#endif
/// Searches for ASCII needles in generated query text on UTF-8 bytes, with exactly the results of the standard
/// library's `Character`-based `firstRange(of:)`/`contains`/`replacing`, which segment every grapheme they pass.
///
/// In ASCII text every character is one byte except the pair CR LF, which is one character: a byte match is a
/// character match unless it cuts such a pair at either end. Text with other characters takes the standard path.
extension StringProtocol {
    /// Whether every code unit is ASCII.
    var isASCIIText: Bool {
        utf8.allSatisfy { $0 < 0x80 }
    }

    /// `firstRange(of: needle)` for an ASCII needle.
    func firstASCIIRange(of needle: String) -> Range<Index>? {
        guard isASCIIText else { return firstRange(of: needle) }
        let units = utf8
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return firstRange(of: needle) }
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var previous: UInt8? = nil
        var i = units.startIndex
        while i < units.endIndex {
            let byte = units[i]
            if byte == first {
                var end = i
                var matched = true
                for expected in pattern {
                    guard end < units.endIndex, units[end] == expected else { matched = false; break }
                    end = units.index(after: end)
                }
                if matched {
                    let cutsBefore = first == lf && previous == cr
                    let cutsAfter = pattern.last == cr && end < units.endIndex && units[end] == lf
                    if !cutsBefore && !cutsAfter { return i..<end }
                }
            }
            previous = byte
            i = units.index(after: i)
        }
        return nil
    }

    /// `contains(needle)` for an ASCII needle.
    func containsASCII(_ needle: String) -> Bool {
        firstASCIIRange(of: needle) != nil
    }
}

/// The byte search behind the `String` and `Substring` versions: the generic one walks index by index through
/// the UTF-8 view, and the Splunk data-model and Kusto renderings ask it of every query and value.
enum ASCIIByteSearch {
    /// nil when the text is not all ASCII (the caller then takes the standard path); otherwise the byte range of
    /// the first match that cuts no CR LF pair, or an empty optional for none.
    static func first(_ needle: [UInt8], in t: UnsafeBufferPointer<UInt8>) -> Range<Int>?? {
        guard !needle.isEmpty, isASCII(t) else { return nil }
        return .some(first(needle, in: t, from: 0))
    }

    /// The first byte match at or after `start` that cuts no CR LF pair.
    static func first(_ needle: [UInt8], in t: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        let n = t.count, m = needle.count
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        guard let base = t.baseAddress, m > 0, m <= n else { return nil }
        var i = start
        while i + m <= n {
            // memchr finds the next candidate first byte.
            guard let hit = memchr(base + i, Int32(needle[0]), n - m + 1 - i) else { break }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < m, t[i + k] == needle[k] { k += 1 }
            if k == m {
                let cutsBefore = needle[0] == lf && i > 0 && t[i - 1] == cr
                let cutsAfter = needle[m - 1] == cr && i + m < n && t[i + m] == lf
                if !cutsBefore && !cutsAfter { return i..<(i + m) }
            }
            i += 1
        }
        return nil
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = t.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= t.count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < t.count {
            if t[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}

extension String {
    /// `firstRange(of: needle)` for an ASCII needle, on the string's contiguous bytes.
    func firstASCIIRange(of needle: String) -> Range<Index>? {
        var text = self
        let pattern = Array(needle.utf8)
        let found = text.withUTF8 { ASCIIByteSearch.first(pattern, in: $0) }
        if let found {
            guard let range = found else { return nil }
            return utf8.index(startIndex, offsetBy: range.lowerBound)..<utf8.index(startIndex, offsetBy: range.upperBound)
        }
        // Other text: a byte match is the character match when both ends are character boundaries, provided no
        // character of the needle has another canonically equivalent form (K, ';' and '`' have: U+212A, U+037E,
        // U+1FEF), which a character comparison would also match.
        guard !pattern.isEmpty, !pattern.contains(where: { $0 == UInt8(ascii: "K") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "`") }) else {
            return firstRange(of: needle)
        }
        var from = 0
        while let range = text.withUTF8({ ASCIIByteSearch.first(pattern, in: $0, from: from) }) {
            let lower = utf8.index(startIndex, offsetBy: range.lowerBound), upper = utf8.index(startIndex, offsetBy: range.upperBound)
            if let l = lower.samePosition(in: self), let u = upper.samePosition(in: self) { return l..<u }
            from = range.lowerBound + 1
        }
        return nil
    }

    /// `contains(needle)` for an ASCII needle.
    func containsASCII(_ needle: String) -> Bool {
        firstASCIIRange(of: needle) != nil
    }
}

extension Substring {
    /// `firstRange(of: needle)` for an ASCII needle, on the contiguous bytes when the base string has them.
    func firstASCIIRange(of needle: String) -> Range<Index>? {
        guard let found = utf8.withContiguousStorageIfAvailable({ ASCIIByteSearch.first(Array(needle.utf8), in: $0) }),
              let match = found else { return firstRange(of: needle) }
        guard let range = match else { return nil }
        return utf8.index(startIndex, offsetBy: range.lowerBound)..<utf8.index(startIndex, offsetBy: range.upperBound)
    }
}
