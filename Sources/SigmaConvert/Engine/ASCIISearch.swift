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
