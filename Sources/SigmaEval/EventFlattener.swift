/// Turns a JSON record into the flat field map rules are written against.
///
/// Windows events rendered from evtx (`{"Event": {"System": …, "EventData": …}}`) follow the spec's field
/// usage: `System` scalars by name, attributes as `Tag_Attribute`, `EventData`/`UserData` children by name
/// without spaces, `#text` as the value, lists joined with a newline, JSON null as no field. Any other
/// object is flattened with dotted names for nested members (`a.b`).
public enum EventFlattener {
    public static func flatten(_ record: JSONValue) -> Event {
        if let event = record["Event"], case .object = event, event["System"] != nil || event["EventData"] != nil || event["UserData"] != nil {
            var fields: [String: String] = [:]
            flattenEvtx(event, into: &fields)
            return Event(fields: fields)
        }
        // Flat records (JSON Lines exports) are the bulk of a hunt: one pass, no intermediate dictionary.
        if case .object(let members) = record, members.allSatisfy({ !$0.1.isNestedObject }) {
            var pairs: [(String, String)] = []
            pairs.reserveCapacity(members.count)
            for (key, value) in members {
                if let text = text(value) { pairs.append((key, text)) }
            }
            return Event(pairs: pairs)
        }
        var fields: [String: String] = [:]
        flattenPlain(record, prefix: "", into: &fields)
        return Event(fields: fields)
    }

    static func flattenEvtx(_ event: JSONValue, into fields: inout [String: String]) {
        if case .object(let system)? = event["System"] {
            for (name, value) in system {
                switch value {
                case .object(let members):
                    for (key, inner) in members {
                        if key == "#attributes", case .object(let attributes) = inner {
                            for (attribute, v) in attributes {
                                if let text = text(v) { fields["\(name)_\(attribute)"] = text }
                            }
                        } else if key == "#text", let text = text(inner) {
                            fields[name] = text
                        }
                    }
                default:
                    if let text = text(value) { fields[name] = text }
                }
            }
        }
        if case .object(let data)? = event["EventData"] {
            flattenData(data, into: &fields)
        }
        if case .object(let user)? = event["UserData"] {
            // The wrapper element (named for the event's schema) is dropped.
            for (key, wrapper) in user where key != "#attributes" {
                if case .object(let data) = wrapper { flattenData(data, into: &fields) }
            }
        }
    }

    static func flattenData(_ data: [(String, JSONValue)], into fields: inout [String: String]) {
        for (name, value) in data where name != "#attributes" {
            let key = name.contains(" ") ? name.replacingOccurrences(of: " ", with: "") : name
            if let text = text(value) { fields[key] = text }
        }
    }

    /// Text of a value: scalars as written, `#text` of an element, list members joined by a newline.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return s
        case .array(let items):
            let parts = items.compactMap(text)
            return parts.isEmpty ? nil : parts.joined(separator: "\n")
        case .object:
            if let inner = value["#text"] { return text(inner) }
            return nil
        }
    }

    static func flattenPlain(_ value: JSONValue, prefix: String, into fields: inout [String: String]) {
        guard case .object(let members) = value else { return }
        for (key, inner) in members {
            let name = prefix.isEmpty ? key : prefix + "." + key
            if case .object = inner, inner["#text"] == nil {
                flattenPlain(inner, prefix: name, into: &fields)
            } else if let text = text(inner) {
                fields[name] = text
            }
        }
    }
}
