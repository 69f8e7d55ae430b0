/// JSON string literals (one shared escaping for jsonl output and stored JSON), without Foundation's encoder overhead.
public enum JSONText {
    /// `s` as a JSON string literal: quotes, backslashes and control characters escaped, everything else as is.
    public static func quote(_ s: String) -> String {
        var source = s
        // Works on UTF-8 bytes: every byte of a multi-byte character is >= 0x80, so only ASCII bytes are escaped,
        // and `convert` quotes every query it prints.
        return source.withUTF8 { bytes in
            // The exact length: queries full of quoted values need escapes, and six bytes per byte was a large
            // allocation for each of them.
            var extra = 0
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                extra += byte == 0x22 || byte == 0x5C || byte == 0x0A || byte == 0x0D || byte == 0x09 ? 1 : 5
            }
            let needsEscape = extra > 0
            let capacity = bytes.count + extra + 2
            return String(unsafeUninitializedCapacity: capacity) { out in
                var n = 0
                @inline(__always) func put(_ byte: UInt8) {
                    out[n] = byte
                    n += 1
                }
                put(0x22)
                if !needsEscape {
                    _ = UnsafeMutableBufferPointer(rebasing: out[1...]).initialize(from: bytes)
                    n += bytes.count
                } else {
                    for byte in bytes {
                        switch byte {
                        case 0x22: put(0x5C); put(0x22)
                        case 0x5C: put(0x5C); put(0x5C)
                        case 0x0A: put(0x5C); put(UInt8(ascii: "n"))
                        case 0x0D: put(0x5C); put(UInt8(ascii: "r"))
                        case 0x09: put(0x5C); put(UInt8(ascii: "t"))
                        case 0..<0x20:
                            for c in "\\u00".utf8 { put(c) }
                            put(hexDigit(byte >> 4))
                            put(hexDigit(byte & 0xF))
                        default: put(byte)
                        }
                    }
                }
                put(0x22)
                return n
            }
        }
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }
}
