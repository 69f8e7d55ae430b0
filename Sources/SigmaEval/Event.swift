/// One flattened event: field name to text value, with the lower-case form matching uses kept beside it.
public struct Event: Sendable {
    /// A field value as written and in Unicode lower case (UTF-8), computed once per event.
    public struct Value: Sendable {
        public let text: String
        let lowered: [UInt8]

        public init(_ text: String) {
            self.text = text
            self.lowered = Self.lower(text)
        }

        /// Lower-case UTF-8 bytes: ASCII text (most log values) byte by byte, anything else through
        /// Unicode's case mapping.
        static func lower(_ text: String) -> [UInt8] {
            var t = text
            let ascii: [UInt8]? = t.withUTF8 { bytes in
                var hasUpper = false
                for b in bytes {
                    if b >= 0x80 { return nil }
                    if b &- 0x41 < 26 { hasUpper = true }
                }
                guard hasUpper else { return Array(bytes) }
                return [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
                    for i in 0..<bytes.count {
                        let b = bytes[i]
                        out[i] = b &- 0x41 < 26 ? b | 0x20 : b
                    }
                    count = bytes.count
                }
            }
            return ascii ?? Array(text.lowercased().utf8)
        }
    }

    /// Field names are exact-case, as in the reference (SQL-style evaluators fold them; the spec does not).
    public private(set) var fields: [String: Value]

    public init(fields: [String: String]) {
        var values: [String: Value] = [:]
        values.reserveCapacity(fields.count)
        for (k, v) in fields { values[k] = Value(v) }
        self.fields = values
    }

    /// From name-value pairs in document order; a repeated name keeps its last value.
    init(pairs: [(String, String)]) {
        var values: [String: Value] = [:]
        values.reserveCapacity(pairs.count)
        for (k, v) in pairs { values[k] = Value(v) }
        self.fields = values
    }

    public subscript(field: String) -> String? { fields[field]?.text }
}
