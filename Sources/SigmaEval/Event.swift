/// One flattened event: field name to text value, with the lower-case form matching uses kept beside it.
public struct Event: Sendable {
    /// A field value as written and in Unicode lower case (UTF-8), computed once per event.
    public struct Value: Sendable {
        public let text: String
        let lowered: [UInt8]

        public init(_ text: String) {
            self.text = text
            self.lowered = Array(text.lowercased().utf8)
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

    public subscript(field: String) -> String? { fields[field]?.text }
}
