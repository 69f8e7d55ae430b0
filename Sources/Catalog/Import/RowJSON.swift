import SigmaKit

/// The JSON text of the rule row's JSON columns, written directly from the model.
///
/// The bytes are exactly those of `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` over the same
/// synthesized `Codable` shapes (so stored rows compare equal with rows written before and `DetectionJSON.decode`
/// reads them), at a small fraction of the cost: the encoder's boxing was the largest cost of building a row.
/// Floating-point values are left to `JSONEncoder` (`nil` here): its number formatting is not worth copying for
/// the few rules that hold one.
enum RowJSON {
    static func detections(_ value: Detections) -> String? {
        var w = Writer()
        w.detections(value)
        return w.failed ? nil : w.text
    }

    static func detectionList(_ values: [Detections]) -> String? {
        var w = Writer()
        w.array(values) { $0.detections($1) }
        return w.failed ? nil : w.text
    }

    static func strings(_ values: [String]) -> String {
        var w = Writer()
        w.array(values) { $0.string($1) }
        return w.text
    }

    static func stringMap(_ values: [String: String]) -> String {
        var w = Writer()
        w.stringMap(values)
        return w.text
    }

    struct Writer {
        var text = ""
        /// Set when a value needs the encoder's own formatting (a floating-point number).
        var failed = false

        /// JSONEncoder's escaping, done on the UTF-8 bytes: only ASCII bytes are ever escaped, so runs of other
        /// bytes are copied whole (walking unicode scalars one by one cost more than the rest of the row).
        mutating func string(_ s: String) {
            text.append("\"")
            var s = s
            s.withUTF8 { bytes in
                var plainStart = 0
                for i in 0..<bytes.count {
                    let c = bytes[i]
                    guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                    if plainStart < i { text.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[plainStart..<i]), as: UTF8.self)) }
                    text.append(Self.escape(c))
                    plainStart = i + 1
                }
                if plainStart < bytes.count {
                    text.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[plainStart..<bytes.count]), as: UTF8.self))
                }
            }
            text.append("\"")
        }

        /// The escape of one ASCII byte: `"`, `\\`, or a control character.
        static func escape(_ c: UInt8) -> String {
            switch c {
            case 0x22: return "\\\""
            case 0x5C: return "\\\\"
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0x08: return "\\b"
            case 0x0C: return "\\f"
            default:
                let hex = String(c, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }

        mutating func key(_ k: String, first: inout Bool) {
            if !first { text.append(",") }
            first = false
            string(k)
            text.append(":")
        }

        mutating func array<T>(_ values: [T], _ element: (inout Writer, T) -> Void) {
            text.append("[")
            for (i, value) in values.enumerated() {
                if i > 0 { text.append(",") }
                element(&self, value)
            }
            text.append("]")
        }

        mutating func stringMap(_ values: [String: String]) {
            text.append("{")
            var first = true
            for k in values.keys.sorted() {
                key(k, first: &first)
                string(values[k]!)
            }
            text.append("}")
        }

        mutating func bool(_ b: Bool) { text.append(b ? "true" : "false") }
        mutating func int(_ i: Int) { text.append(String(i)) }

        /// A synthesized enum case: `{"case":{...associated values...}}`.
        mutating func enumCase(_ name: String, _ body: (inout Writer) -> Void) {
            text.append("{")
            string(name)
            text.append(":{")
            body(&self)
            text.append("}}")
        }

        mutating func position(_ p: SourcePosition) {
            text.append("{\"column\":")
            int(p.column)
            text.append(",\"line\":")
            int(p.line)
            text.append("}")
        }

        mutating func detections(_ d: Detections) {
            // Sorted keys: conditionTexts, conditions, named, timeframe.
            text.append("{\"conditionTexts\":")
            array(d.conditionTexts) { $0.string($1) }
            text.append(",\"conditions\":")
            array(d.conditions) { $0.condition($1) }
            text.append(",\"named\":")
            array(d.named) { w, named in
                w.text.append("{\"body\":")
                w.group(named.body)
                w.text.append(",\"name\":")
                w.string(named.name)
                w.text.append("}")
            }
            if let timeframe = d.timeframe {
                text.append(",\"timeframe\":")
                string(timeframe)
            }
            text.append("}")
        }

        mutating func group(_ g: DetectionGroup) {
            text.append("{\"linking\":")
            string(g.linking.rawValue)
            text.append(",\"nodes\":")
            array(g.nodes) { w, node in
                switch node {
                case .item(let item): w.enumCase("item") { $0.text.append("\"_0\":"); $0.item(item) }
                case .group(let inner): w.enumCase("group") { $0.text.append("\"_0\":"); $0.group(inner) }
                }
            }
            if let position = g.position {
                text.append(",\"position\":")
                self.position(position)
            }
            text.append("}")
        }

        mutating func item(_ item: DetectionItem) {
            text.append("{")
            var first = true
            if let field = item.field {
                key("field", first: &first)
                string(field)
            }
            key("modifiers", first: &first)
            array(item.modifiers) { $0.string($1.rawValue) }
            key("negated", first: &first)
            bool(item.negated)
            if let position = item.position {
                key("position", first: &first)
                self.position(position)
            }
            key("rawValues", first: &first)
            array(item.rawValues) { $0.raw($1) }
            key("valueLinking", first: &first)
            string(item.valueLinking.rawValue)
            key("values", first: &first)
            array(item.values) { $0.value($1) }
            text.append("}")
        }

        mutating func raw(_ raw: RawValue) {
            switch raw {
            case .string(let s): enumCase("string") { $0.text.append("\"_0\":"); $0.string(s) }
            case .int(let i): enumCase("int") { $0.text.append("\"_0\":"); $0.int(i) }
            case .double: failed = true
            case .bool(let b): enumCase("bool") { $0.text.append("\"_0\":"); $0.bool(b) }
            case .null: enumCase("null") { _ in }
            }
        }

        mutating func number(_ n: SigmaNumber) {
            switch n {
            case .int(let i): enumCase("int") { $0.text.append("\"_0\":"); $0.int(i) }
            case .double: failed = true
            }
        }

        mutating func sigmaString(_ s: SigmaString) {
            text.append("{\"parts\":")
            array(s.parts) { w, part in
                switch part {
                case .text(let t): w.enumCase("text") { $0.text.append("\"_0\":"); $0.string(t) }
                case .wildcardMulti: w.enumCase("wildcardMulti") { _ in }
                case .wildcardSingle: w.enumCase("wildcardSingle") { _ in }
                case .placeholder(let p): w.enumCase("placeholder") { $0.text.append("\"_0\":"); $0.string(p) }
                }
            }
            text.append("}")
        }

        mutating func value(_ v: SigmaValue) {
            switch v {
            case .string(let s, let cased):
                enumCase("string") { w in
                    w.text.append("\"_0\":")
                    w.sigmaString(s)
                    w.text.append(",\"cased\":")
                    w.bool(cased)
                }
            case .number(let n): enumCase("number") { $0.text.append("\"_0\":"); $0.number(n) }
            case .bool(let b): enumCase("bool") { $0.text.append("\"_0\":"); $0.bool(b) }
            case .null: enumCase("null") { _ in }
            case .regex(let pattern, let flags):
                enumCase("regex") { w in
                    w.text.append("\"_0\":")
                    w.string(pattern)
                    w.text.append(",\"flags\":")
                    w.array(flags) { $0.string($1.rawValue) }
                }
            case .cidr(let c): enumCase("cidr") { $0.text.append("\"_0\":"); $0.string(c) }
            case .compare(let op, let n):
                enumCase("compare") { w in
                    w.text.append("\"_0\":")
                    w.string(op.rawValue)
                    w.text.append(",\"_1\":")
                    w.number(n)
                }
            case .fieldRef(let field, let startsWith, let endsWith):
                enumCase("fieldRef") { w in
                    w.text.append("\"_0\":")
                    w.string(field)
                    w.text.append(",\"endsWith\":")
                    w.bool(endsWith)
                    w.text.append(",\"startsWith\":")
                    w.bool(startsWith)
                }
            case .exists(let b): enumCase("exists") { $0.text.append("\"_0\":"); $0.bool(b) }
            case .expansion(let values):
                enumCase("expansion") { w in
                    w.text.append("\"_0\":")
                    w.array(values) { $0.value($1) }
                }
            }
        }

        mutating func condition(_ c: ConditionExpression) {
            switch c {
            case .identifier(let name): enumCase("identifier") { $0.text.append("\"_0\":"); $0.string(name) }
            case .and(let terms): enumCase("and") { $0.text.append("\"_0\":"); $0.array(terms) { $0.condition($1) } }
            case .or(let terms): enumCase("or") { $0.text.append("\"_0\":"); $0.array(terms) { $0.condition($1) } }
            case .not(let term): enumCase("not") { $0.text.append("\"_0\":"); $0.condition(term) }
            case .selector(let quantifier, let pattern, let matched):
                enumCase("selector") { w in
                    w.text.append("\"_0\":")
                    w.string(quantifier.rawValue)
                    w.text.append(",\"matched\":")
                    w.array(matched) { $0.string($1) }
                    if let pattern {
                        w.text.append(",\"pattern\":")
                        w.string(pattern)
                    }
                }
            }
        }
    }
}
