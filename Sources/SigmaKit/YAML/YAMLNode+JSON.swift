import Foundation

extension YAMLNode {
    /// The node as compact JSON text (used to keep custom fields); depth is bounded by the loader.
    var jsonText: String {
        var out = ""
        writeJSON(into: &out)
        return out
    }

    private func writeJSON(into out: inout String) {
        switch kind {
        case .scalar(let value, _):
            switch value {
            case .null: out += "null"
            case .bool(let b): out += b ? "true" : "false"
            case .int(let i): out += String(i)
            case .double(let d): out += d.isFinite ? String(d) : "null"
            case .string(let s), .timestamp(let s): Self.writeString(s, into: &out)
            }
        case .sequence(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.writeJSON(into: &out)
            }
            out += "]"
        case .mapping(let pairs):
            out += "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(pair.key.text ?? pair.key.jsonText, into: &out)
                out += ":"
                pair.value.writeJSON(into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += JSONText.quote(s)
    }

    /// Scalar text for fields the model keeps as strings (numbers and booleans as written).
    var plainText: String? {
        switch kind {
        case .scalar(.null, _): return nil
        case .scalar(_, let text): return text
        default: return nil
        }
    }
}
