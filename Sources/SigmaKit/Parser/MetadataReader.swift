import Foundation

/// Reads and checks the top-level fields shared by rules, correlations and filters, reporting
/// wrongly typed or invalid values (pySigma's checks) at the value's position.
struct MetadataReader {
    let map: [YAMLPair]
    let documentPosition: SourcePosition
    /// The keys' texts, read once: every field is looked up by key, and searching the pairs themselves copied
    /// (retained and released) each pair it passed.
    private let keys: [String?]

    init(map: [YAMLPair], position: SourcePosition) {
        self.map = map
        self.documentPosition = position
        keys = YAMLPairs.reading(map) { pairs, range in range.map { pairs[$0].key.text } }
    }

    func node(_ key: String) -> YAMLNode? {
        guard let i = keys.firstIndex(of: key) else { return nil }
        return YAMLPairs.reading(map) { pairs, _ in pairs[i].value }
    }

    var keyPositions: [String: SourcePosition] {
        var out: [String: SourcePosition] = [:]
        out.reserveCapacity(map.count)
        YAMLPairs.reading(map) { pairs, range in
            for i in range { if let t = keys[i], out[t] == nil { out[t] = pairs[i].key.position } }
        }
        return out
    }

    /// A string field; absent or null gives nil; other types are an error.
    func string(_ key: String, sink: inout DiagnosticSink, allowEmpty: Bool = true) -> String? {
        guard let n = node(key), !n.isNull else { return nil }
        guard let s = n.string else {
            sink.error("wrong-type", "'\(key)' must be a string, not \(n.kindName)", at: n.position)
            return nil
        }
        if !allowEmpty && s.isEmpty {
            sink.error("invalid-value", "'\(key)' must not be empty", at: n.position)
            return nil
        }
        return s
    }

    /// A list of scalars kept as text; a scalar where a list is expected is an error.
    func stringList(_ key: String, sink: inout DiagnosticSink) -> [String] {
        guard let n = node(key), !n.isNull else { return [] }
        guard let items = n.sequence else {
            sink.error("wrong-type", "'\(key)' must be a list, not \(n.kindName)", at: n.position)
            return []
        }
        var out: [String] = []
        for item in items {
            if let t = item.plainText { out.append(t) } else if !item.isNull { out.append(item.jsonText) }
        }
        return out
    }

    func title(sink: inout DiagnosticSink, kind: String) -> String {
        guard let n = node("title"), !n.isNull else {
            sink.error("missing-title", "\(kind) has no title", at: documentPosition)
            return ""
        }
        guard let s = n.string else {
            sink.error("wrong-type", "'title' must be a string, not \(n.kindName)", at: n.position)
            return n.plainText ?? ""
        }
        if s.count > 256 {
            sink.error("title-too-long", "title is longer than 256 characters (\(s.count))", at: n.position)
        }
        Self.checkPrintable(s, what: "title", at: n.position, sink: &sink)
        return s
    }

    /// Identifiers, tags and titles are single printable lines: a NUL, a control character or a bidi override
    /// in one is an error (it would be cut at the NUL by C tools, or forge what a terminal shows), never a truncation.
    static func checkPrintable(_ s: String, what: String, at position: SourcePosition, sink: inout DiagnosticSink) {
        guard !SafeText.isClean(s) else { return }
        var offset = 0
        for scalar in s.unicodeScalars {
            offset += 1
            if SafeText.needsEscape(scalar, false) {
                let code = String(scalar.value, radix: 16, uppercase: true)
                let hex = String(repeating: "0", count: max(0, 4 - code.count)) + code
                sink.error("invalid-character", "\(what) \(SafeText.quoted(s)) holds the character U+\(hex) (character \(offset)); "
                           + "control characters, NUL and bidirectional overrides are not allowed here", at: position)
                return
            }
        }
    }

    func id(sink: inout DiagnosticSink) -> String? {
        guard let n = node("id"), !n.isNull else { return nil }
        guard let s = n.string else {
            sink.error("invalid-id", "'id' must be a UUID string, not \(n.kindName)", at: n.position)
            return n.plainText
        }
        guard let canonical = Self.canonicalUUID(s) else {
            sink.error("invalid-id", "'id' must be a UUID, '\(s)' is not one", at: n.position)
            return s
        }
        return canonical
    }

    /// The lower-case 8-4-4-4-12 form of anything Python's `uuid.UUID(text)` accepts (what pySigma keeps).
    static func canonicalUUID(_ text: String) -> String? {
        // Nearly every rule writes its id in the canonical form already: checked on its 36 bytes, it is kept.
        if isCanonicalUUID(text) { return text }
        guard let hex = uuidHex(text) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (i, digit) in hex.utf8.enumerated() {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
            out.append(digit)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-case 8-4-4-4-12 hex.
    static func isCanonicalUUID(_ text: String) -> Bool {
        guard text.utf8.count == 36 else { return false }
        var text = text
        return text.withUTF8 { b in
            for i in 0..<36 {
                let c = b[i]
                if i == 8 || i == 13 || i == 18 || i == 23 {
                    if c != UInt8(ascii: "-") { return false }
                } else if !((c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))) {
                    return false
                }
            }
            return true
        }
    }

    /// What Python's `uuid.UUID(text)` accepts.
    static func isUUID(_ text: String) -> Bool {
        uuidHex(text) != nil
    }

    /// The 32 lower-case hex digits of a UUID as Python's `uuid.UUID` reads it (`urn:`/`uuid:` removed, braces
    /// trimmed, dashes ignored), or nil. Works on bytes: it runs for every rule, and Foundation's string search
    /// was a measurable share of parsing the corpus.
    static func uuidHex(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        if bytes.contains(UInt8(ascii: "u")) {
            // Rare: the prefixes Python strips (no hex digit is a 'u', so plain UUIDs never get here).
            bytes = Array(text.replacingAll("urn:", with: "").replacingAll("uuid:", with: "").utf8)
        }
        var lo = 0, hi = bytes.count
        func isBrace(_ b: UInt8) -> Bool { b == UInt8(ascii: "{") || b == UInt8(ascii: "}") }
        while lo < hi, isBrace(bytes[lo]) { lo += 1 }
        while hi > lo, isBrace(bytes[hi - 1]) { hi -= 1 }
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for b in bytes[lo..<hi] {
            switch b {
            case UInt8(ascii: "-"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): hex.append(b)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): hex.append(b + 32)
            default: return nil
            }
            if hex.count > 32 { return nil }
        }
        return hex.count == 32 ? String(decoding: hex, as: UTF8.self) : nil
    }

    func name(sink: inout DiagnosticSink) -> String? {
        guard let n = node("name"), !n.isNull else { return nil }
        guard let s = n.string else {
            sink.error("wrong-type", "'name' must be a string, not \(n.kindName)", at: n.position)
            return nil
        }
        if s.isEmpty { sink.error("invalid-value", "'name' must not be empty", at: n.position) }
        Self.checkPrintable(s, what: "name", at: n.position, sink: &sink)
        return s
    }

    func status(sink: inout DiagnosticSink) -> RuleStatus? {
        guard let n = node("status"), !n.isNull else { return nil }
        guard let s = n.string else {
            sink.error("invalid-status", "'status' must be a string, not \(n.kindName)", at: n.position)
            return nil
        }
        guard let status = RuleStatus(rawValue: s.lowercased()) else {
            let allowed = RuleStatus.allCases.map(\.rawValue).joined(separator: ", ")
            sink.error("invalid-status", "'\(s)' is not a valid status (\(allowed))", at: n.position)
            return nil
        }
        return status
    }

    func level(sink: inout DiagnosticSink) -> RuleLevel? {
        guard let n = node("level"), !n.isNull else { return nil }
        guard let s = n.string else {
            sink.error("invalid-level", "'level' must be a string, not \(n.kindName)", at: n.position)
            return nil
        }
        guard let level = RuleLevel(rawValue: s.lowercased()) else {
            let allowed = RuleLevel.allCases.map(\.rawValue).joined(separator: ", ")
            sink.error("invalid-level", "'\(s)' is not a valid level (\(allowed))", at: n.position)
            return nil
        }
        return level
    }

    /// `date`/`modified`: `YYYY-MM-DD` (also a YAML date) or `YYYY/M/D`, normalized to ISO.
    func date(_ key: String, sink: inout DiagnosticSink) -> String? {
        guard let n = node(key), !n.isNull, let text = n.text else {
            if let n = node(key), !n.isNull {
                sink.error("invalid-date", "'\(key)' must be a date, not \(n.kindName)", at: n.position)
            }
            return nil
        }
        if case .timestamp? = n.scalar, text.count > 10 {
            // A full YAML timestamp is accepted as the date it starts with.
            if let d = Self.parseDate(String(text.prefix(10))) { return d }
        }
        guard let iso = Self.parseDate(text) else {
            sink.error("invalid-date", "'\(key)' value '\(text)' is not a valid date, use YYYY-MM-DD", at: n.position)
            return nil
        }
        return iso
    }

    static func parseDate(_ text: String) -> String? {
        // Nearly every rule writes YYYY-MM-DD: checked on its ten ASCII bytes, it is its own canonical form.
        let utf8 = Array(text.utf8)
        if utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") {
            let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
            if digitPositions.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[$0]) }) {
                func value(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(utf8[$1] - UInt8(ascii: "0")) } }
                let y = value(0..<4), m = value(5..<7), d = value(8..<10)
                guard utf8[5] <= UInt8(ascii: "1"), utf8[8] <= UInt8(ascii: "3"),
                      (1000...3999).contains(y), (1...12).contains(m), d >= 1 else { return nil }
                let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
                let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
                return d <= days[m - 1] ? text : nil
            }
        }
        let chars = Array(text)
        func num(_ s: ArraySlice<Character>) -> Int? {
            guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(s))
        }
        var y = 0, m = 0, d = 0
        if chars.count == 10, chars[4] == "-", chars[7] == "-" {
            guard let yy = num(chars[0..<4]), let mm = num(chars[5..<7]), let dd = num(chars[8..<10]) else { return nil }
            guard chars[5] == "0" || chars[5] == "1", ("0"..."3").contains(chars[8]) else { return nil }
            y = yy; m = mm; d = dd
        } else {
            let parts = chars.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
                  let yy = num(parts[0]), let mm = num(parts[1]), let dd = num(parts[2]) else { return nil }
            if parts[1].count == 2, !(parts[1].first == "0" || parts[1].first == "1") { return nil }
            if parts[2].count == 2, !("0"..."3").contains(parts[2].first!) { return nil }
            y = yy; m = mm; d = dd
        }
        guard (1000...3999).contains(y), (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= days[m - 1] else { return nil }
        func pad(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    func tags(sink: inout DiagnosticSink) -> [String] {
        guard let n = node("tags"), !n.isNull else { return [] }
        guard let items = n.sequence else {
            sink.error("wrong-type", "'tags' must be a list, not \(n.kindName)", at: n.position)
            return []
        }
        var out: [String] = []
        for item in items {
            guard let s = item.string else {
                sink.error("wrong-type", "each tag must be a string, not \(item.kindName)", at: item.position)
                continue
            }
            // On bytes: `contains` with a String argument is Foundation's range search, a share of parsing every tagged rule.
            if !s.utf8.contains(UInt8(ascii: ".")) {
                sink.error("invalid-tag", "tag \(SafeText.quoted(s)) must be namespace.name (e.g. attack.t1059)", at: item.position)
            }
            Self.checkPrintable(s, what: "tag", at: item.position, sink: &sink)
            out.append(s)
        }
        return out
    }

    func related(sink: inout DiagnosticSink) -> [RelatedRule] {
        guard let n = node("related"), !n.isNull else { return [] }
        guard let items = n.sequence else {
            sink.error("wrong-type", "'related' must be a list, not \(n.kindName)", at: n.position)
            return []
        }
        var out: [RelatedRule] = []
        let types = ["correlation", "derived", "merged", "obsolete", "renamed", "similar"]
        for item in items {
            guard item.mapping != nil else {
                sink.error("invalid-related", "each 'related' entry must be a map with id and type", at: item.position)
                continue
            }
            guard let idNode = item["id"] else {
                sink.error("invalid-related", "'related' entry has no id", at: item.position); continue
            }
            guard let typeNode = item["type"] else {
                sink.error("invalid-related", "'related' entry has no type", at: item.position); continue
            }
            guard let id = idNode.string, Self.isUUID(id) else {
                sink.error("invalid-related", "'related' id must be a UUID", at: idNode.position); continue
            }
            guard let type = typeNode.string, types.contains(type.lowercased()) else {
                sink.error("invalid-related", "'related' type '\(typeNode.text ?? "")' is not one of \(types.joined(separator: ", "))",
                           at: typeNode.position)
                continue
            }
            out.append(RelatedRule(type: type.lowercased(), id: Self.canonicalUUID(id) ?? id))
        }
        return out
    }

    /// Keys outside `known`, kept as JSON text.
    func custom(excluding known: Set<String>) -> [String: String] {
        var out: [String: String] = [:]
        for i in map.indices {
            let key = keys[i] ?? map[i].key.jsonText
            if !known.contains(key) { out[key] = map[i].value.jsonText }
        }
        return out
    }

    func logsource(sink: inout DiagnosticSink, required: Bool) -> LogSource? {
        guard let n = node("logsource"), !n.isNull else {
            if required { sink.error("missing-logsource", "rule has no logsource", at: documentPosition) }
            return nil
        }
        guard let pairs = n.mapping else {
            sink.error("wrong-type", "'logsource' must be a map, not \(n.kindName)", at: n.position)
            return nil
        }
        var source = LogSource()
        for pair in pairs {
            let k = pair.key, v = pair.value
            let key = k.text ?? ""
            switch key {
            case "category", "product", "service", "definition":
                if v.isNull { continue }
                guard let s = v.string else {
                    sink.error("wrong-type", "logsource '\(key)' must be a string, not \(v.kindName)", at: v.position)
                    continue
                }
                switch key {
                case "category": source.category = s
                case "product": source.product = s
                case "service": source.service = s
                default: source.definition = s
                }
            default:
                source.custom[key] = v.plainText ?? v.jsonText
            }
        }
        if source.category == nil && source.product == nil && source.service == nil {
            sink.error("empty-logsource", "logsource needs at least one of category, product or service", at: n.position)
        }
        return source
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
