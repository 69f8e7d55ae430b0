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

extension String {
    /// `firstRange(of: needle)` for an ASCII needle, on the string's contiguous bytes: the generic version walks
    /// index by index through the UTF-8 view, and Kusto's rendering asks it of every value.
    func firstASCIIRange(of needle: String) -> Range<Index>? {
        var text = self, pattern = needle
        let offsets: (found: Bool, ascii: Bool, lower: Int, upper: Int) = text.withUTF8 { t in
            pattern.withUTF8 { p in
                let n = t.count, m = p.count
                guard m > 0, t.allSatisfy({ $0 < 0x80 }) else { return (false, false, 0, 0) }
                let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
                var i = 0
                while i + m <= n {
                    if t[i] == p[0] {
                        var k = 1
                        while k < m, t[i + k] == p[k] { k += 1 }
                        if k == m {
                            let cutsBefore = p[0] == lf && i > 0 && t[i - 1] == cr
                            let cutsAfter = p[m - 1] == cr && i + m < n && t[i + m] == lf
                            if !cutsBefore && !cutsAfter { return (true, true, i, i + m) }
                        }
                    }
                    i += 1
                }
                return (false, true, 0, 0)
            }
        }
        guard offsets.ascii else { return firstRange(of: needle) }
        guard offsets.found else { return nil }
        return utf8.index(startIndex, offsetBy: offsets.lower)..<utf8.index(startIndex, offsetBy: offsets.upper)
    }

    /// `contains(needle)` for an ASCII needle.
    func containsASCII(_ needle: String) -> Bool {
        firstASCIIRange(of: needle) != nil
    }
}
