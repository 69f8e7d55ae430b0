import Foundation
import SigmaKit

/// One compiled value of a detection item, tested against the item's field in an event.
enum ValueTest: @unchecked Sendable {
    case string(StringPattern)
    /// A number matches a field value spelled the same (values are text, as in the reference).
    case number(text: [UInt8], value: Double)
    case bool(Bool)
    /// `null`: the field is absent (JSON null flattens to no field).
    case null
    /// `literals`: lower-case texts one of which every match contains (for the rule index); `prefilter`:
    /// per alternative the texts, as written, a match contains in order (see `RegexLiteral.prefilter`);
    /// `folded`: the same in lower case for a case-insensitive pattern, valid on ASCII values only.
    case regex(NSRegularExpression, literals: [[UInt8]]?, prefilter: [[[UInt8]]]?, folded: [[[UInt8]]]?)
    case cidr(network: [UInt8], prefix: Int)
    case compare(CompareOperator, Double)
    /// `id`: the other field's id in the table the rule was resolved against (-1 before).
    case fieldRef(String, id: Int, startsWith: Bool, endsWith: Bool)
    case exists(Bool)
    case anyOf([ValueTest])

    /// Why a value cannot be compiled; the rule is then refused with this reason.
    struct Unsupported: Error { var reason: String }

    static func compile(_ value: SigmaValue) throws(Unsupported) -> ValueTest {
        switch value {
        case .string(let s, let cased):
            if s.containsPlaceholder {
                throw Unsupported(reason: "unfilled placeholder in '\(s.sigmaText)' (expand)")
            }
            return .string(StringPattern(s, cased: cased))
        case .number(let n):
            return .number(text: Array(n.description.utf8), value: n.doubleValue)
        case .bool(let b):
            return .bool(b)
        case .null:
            return .null
        case .regex(let pattern, let flags):
            guard let icu = SigmaSyntax.icuRegex(fromPython: pattern) else {
                throw Unsupported(reason: "regular expression '\(pattern)' is not valid Python syntax")
            }
            var options: NSRegularExpression.Options = []
            if flags.contains(.ignoreCase) { options.insert(.caseInsensitive) }
            if flags.contains(.multiline) { options.insert(.anchorsMatchLines) }
            if flags.contains(.dotAll) { options.insert(.dotMatchesLineSeparators) }
            guard let regex = try? NSRegularExpression(pattern: icu, options: options) else {
                throw Unsupported(reason: "regular expression '\(pattern)' does not compile")
            }
            let ignoreCase = flags.contains(.ignoreCase)
            return .regex(regex, literals: RegexLiteral.required(pattern, ignoreCase: ignoreCase),
                          prefilter: RegexLiteral.prefilter(pattern, ignoreCase: ignoreCase),
                          folded: RegexLiteral.foldedPrefilter(pattern, ignoreCase: ignoreCase))
        case .cidr(let text):
            let parts = text.split(separator: "/", maxSplits: 1)
            guard let bytes = SigmaSyntax.ipAddressBytes(String(parts[0])) else {
                throw Unsupported(reason: "invalid network '\(text)'")
            }
            let prefix = parts.count > 1 ? Int(parts[1]) ?? bytes.count * 8 : bytes.count * 8
            return .cidr(network: bytes, prefix: prefix)
        case .compare(let op, let n):
            return .compare(op, n.doubleValue)
        case .fieldRef(let field, let sw, let ew):
            return .fieldRef(field, id: -1, startsWith: sw, endsWith: ew)
        case .exists(let b):
            return .exists(b)
        case .expansion(let members):
            var tests: [ValueTest] = []
            for m in members { tests.append(try compile(m)) }
            return .anyOf(tests)
        }
    }

    /// Whether `value` (nil: the field is absent) satisfies this test.
    func matches(_ value: FieldValue?, in event: EventView) -> Bool {
        switch self {
        case .null:
            return value == nil
        case .exists(let wanted):
            return (value != nil) == wanted
        case .anyOf(let tests):
            return tests.withUnsafeBufferPointer { tests in
                for i in tests.indices where tests[i].matches(value, in: event) { return true }
                return false
            }
        default:
            break
        }
        guard let value else { return false }
        switch self {
        case .string(let p):
            return p.matches(value)
        case .number(let text, let n):
            // Field values are text (EventID 11 is "11"), so a number equals its own spelling.
            _ = n
            return text.withUnsafeBufferPointer { value.low.elementsEqual($0) }
        case .bool(let b):
            return value.low.elementsEqual((b ? "true" : "false").utf8)
        case .regex(let regex, _, let prefilter, let folded):
            // Building the String and running ICU cost far more than looking for the texts a match needs.
            if let prefilter, !Self.holdsSome(prefilter, value.raw) { return false }
            if let folded, !Self.holdsSome(folded, value.low), Self.isASCII(value.raw) { return false }
            let s = value.text
            return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        case .cidr(let network, let prefix):
            guard let address = Self.address(value.raw), address.count == network.count else { return false }
            return Self.inNetwork(address, network, prefix)
        case .compare(let op, let n):
            guard let d = Self.number(value.text) else { return false }
            switch op {
            case .lt: return d < n
            case .lte: return d <= n
            case .gt: return d > n
            case .gte: return d >= n
            }
        case .fieldRef(_, let id, let sw, let ew):
            guard let ref = event.value(id)?.low else { return false }
            let v = value.low
            if sw && ew { return StringPattern.find(ref, in: v, from: 0) != nil }
            if sw { return v.count >= ref.count && StringPattern.equal(v, at: 0, ref) }
            if ew { return v.count >= ref.count && StringPattern.equal(v, at: v.count - ref.count, ref) }
            return v.elementsEqual(ref)
        case .null, .exists, .anyOf:
            return false
        }
    }

    /// Whether for some alternative `value` holds each of its texts, in order and apart.
    static func holdsSome(_ alternatives: [[[UInt8]]], _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        alternatives: for runs in alternatives {
            var from = 0
            for run in runs {
                guard let at = run.withUnsafeBufferPointer({ StringPattern.find($0, in: value, from: from) }) else { continue alternatives }
                from = at + run.count
            }
            return true
        }
        return false
    }

    /// `SigmaSyntax.ipAddressBytes` of the value: dotted IPv4 read from the bytes (a String per value
    /// cost more than the test), anything with a colon (IPv6) through SigmaKit.
    static func address(_ v: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        if v.contains(UInt8(ascii: ":")) { return SigmaSyntax.ipAddressBytes(String(decoding: v, as: UTF8.self)) }
        var out: [UInt8] = []
        var octet = 0, digits = 0, first: UInt8 = 0
        for k in 0...v.count {
            let b: UInt8 = k < v.count ? v[k] : UInt8(ascii: ".")
            if b == UInt8(ascii: ".") {
                // One to three digits, no leading zero, at most 255; four octets.
                guard digits >= 1, digits <= 3, digits == 1 || first != UInt8(ascii: "0"), octet <= 255, out.count < 4 else { return nil }
                out.append(UInt8(octet))
                octet = 0
                digits = 0
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            if digits == 0 { first = b }
            digits += 1
            if digits > 3 { return nil }
            octet = octet * 10 + Int(b - UInt8(ascii: "0"))
        }
        return out.count == 4 ? out : nil
    }

    static func isASCII(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in v where b >= 0x80 { return false }
        return true
    }

    /// A field value read as a number, as Python's `float()` would (surrounding blanks allowed).
    static func number(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let d = Double(t), d.isFinite || t.lowercased().contains("inf") else { return nil }
        return d
    }

    static func inNetwork(_ address: [UInt8], _ network: [UInt8], _ prefix: Int) -> Bool {
        var bits = prefix
        var i = 0
        while bits >= 8 {
            if address[i] != network[i] { return false }
            bits -= 8
            i += 1
        }
        if bits > 0 {
            let mask = UInt8(0xFF) << UInt8(8 - bits)
            if address[i] & mask != network[i] & mask { return false }
        }
        return true
    }

    /// Index atoms of this value on `field`: one of them holds whenever the value matches (nil: none).
    func atoms(field: String) -> [IndexAtom]? {
        switch self {
        case .string(let p):
            if let k = p.exactKey { return [IndexAtom(space: .exact, field: field, key: k)] }
            if let leaf = p.leafKey { return [IndexAtom(space: .leaf, field: field, key: leaf)] }
            if let literal = p.containsKey { return [IndexAtom(space: .contains, field: field, key: literal)] }
            return nil
        case .number(let text, _):
            return [IndexAtom(space: .exact, field: field, key: text)]
        case .regex(_, let literals?, _, _):
            return literals.map { IndexAtom(space: .contains, field: field, key: $0) }
        case .anyOf(let tests):
            var atoms: [IndexAtom] = []
            for t in tests {
                guard let a = t.atoms(field: field) else { return nil }
                atoms += a
            }
            return atoms
        default:
            return nil
        }
    }

    /// Rough cost of the test, for ordering the members of a condition.
    var cost: Int {
        switch self {
        case .regex: return 50
        case .cidr, .compare, .fieldRef: return 5
        case .string(let p):
            if case .glob = p.shape { return 3 }
            return 1
        case .anyOf(let tests): return tests.reduce(0) { $0 + $1.cost }
        default: return 1
        }
    }

    /// This test with field references numbered by `table`.
    func resolved(_ table: inout FieldTable) -> ValueTest {
        switch self {
        case .fieldRef(let name, _, let sw, let ew): return .fieldRef(name, id: table.id(for: name), startsWith: sw, endsWith: ew)
        case .anyOf(let tests): return .anyOf(tests.map { $0.resolved(&table) })
        default: return self
        }
    }
}
