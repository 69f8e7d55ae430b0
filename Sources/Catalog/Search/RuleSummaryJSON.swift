/// Search results as JSON, byte for byte what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, written directly: the encoder was half of a 10,000-hit search's time.
public enum RuleSummaryJSON {
    public static func list(_ results: [RuleSummary]) -> String {
        String(decoding: bytes(results), as: UTF8.self)
    }

    /// `list(_:)` as UTF-8 bytes.
    public static func bytes(_ results: [RuleSummary]) -> [UInt8] {
        guard !results.isEmpty else { return Array("[\n\n]".utf8) }
        var w = Output()
        w.bytes.reserveCapacity(results.count * 700)
        w.append("[\n")
        for (n, r) in results.enumerated() {
            w.append(n == 0 ? "  {\n" : ",\n  {\n")
            field(&w, "author", r.author)
            field(&w, "date", r.date)
            field(&w, "id", r.id)
            field(&w, "kind", r.kind)
            field(&w, "level", r.level)
            w.append("    \"logsource\" : {\n")
            field(&w, "category", r.logsource.category, indent: "      ")
            field(&w, "product", r.logsource.product, indent: "      ")
            field(&w, "service", r.logsource.service, indent: "      ", last: true)
            w.append("    },\n")
            field(&w, "modified", r.modified)
            field(&w, "path", r.path)
            field(&w, "status", r.status)
            array(&w, "tactics", r.tactics)
            array(&w, "techniques", r.techniques)
            field(&w, "title", r.title, last: true)
            w.append("  }")
        }
        w.append("\n]")
        return w.bytes
    }

    /// The output as UTF-8 bytes. Strings are escaped byte by byte: every character JSON escapes is ASCII, so
    /// runs of other bytes are copied whole (walking `unicodeScalars` went through unspecialized generic code and
    /// was a quarter of a whole search process).
    struct Output {
        var bytes: [UInt8] = []

        mutating func append(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        /// A JSON string as `JSONEncoder` escapes it: quote, backslash, and control characters (the short forms
        /// where JSON has them, else `\u00xx` in lower-case hex); `/` and non-ASCII text are written as they are.
        mutating func string(_ value: String) {
            bytes.append(UInt8(ascii: "\""))
            var value = value
            value.withUTF8 { utf8 in
                var plainStart = 0
                for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<i]))
                    escape(byte)
                    plainStart = i + 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
            }
            bytes.append(UInt8(ascii: "\""))
        }

        private mutating func escape(_ byte: UInt8) {
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
    }

    private static func field(_ w: inout Output, _ key: String, _ value: String?, indent: String = "    ", last: Bool = false) {
        w.append(indent)
        w.append("\"\(key)\" : ")
        if let value { w.string(value) } else { w.append("null") }
        w.append(last ? "\n" : ",\n")
    }

    private static func array(_ w: inout Output, _ key: String, _ values: [String]) {
        w.append("    \"\(key)\" : [\n")
        if values.isEmpty {
            w.append("\n")
        } else {
            for (i, value) in values.enumerated() {
                w.append("      ")
                w.string(value)
                w.append(i == values.count - 1 ? "\n" : ",\n")
            }
        }
        w.append("    ],\n")
    }
}
