import Foundation

/// Applies a modifier chain to detection values the way pySigma does, so that value-transforming
/// modifiers (base64, base64offset, wide, windash, expand…) yield the reference values.
struct ModifierEngine {
    struct Failure: Error {
        var message: String
        var code: String
    }

    var field: String?
    var modifiers: [Modifier]
    /// Most alternatives one value may expand to (windash grows as 5^dashes).
    var maxExpansion = 100_000

    /// The values and linking after the whole chain; `rawTexts` are the values as written (for `re`).
    func apply(to initial: [SigmaValue], rawTexts: [String?]) throws(Failure) -> (values: [SigmaValue], linking: Linking, negated: Bool) {
        var values = initial
        var linking = Linking.or
        var negated = false
        var applied: [Modifier] = []
        for modifier in modifiers {
            switch modifier {
            case .all:
                linking = .and
            case .neq:
                negated = true
            case .re:
                if !applied.isEmpty {
                    throw Failure(message: "modifier 're' must come first: it applies to the value as written",
                                  code: "modifier-order")
                }
                var out: [SigmaValue] = []
                for (index, value) in values.enumerated() {
                    guard case .string = value, let raw = rawTexts.indices.contains(index) ? rawTexts[index] : nil else {
                        throw typeFailure(modifier, value)
                    }
                    try Self.checkRegex(raw, flags: [])
                    out.append(.regex(raw, flags: []))
                }
                values = out
            case .contains, .startswith, .endswith:
                // The most common chain, on strings value by value with no list per value.
                var out: [SigmaValue] = []
                out.reserveCapacity(values.count)
                for value in values {
                    if case .string(let s, let cased) = value {
                        out.append(.string(s.wrappedInWildcards(leading: modifier != .startswith, trailing: modifier != .endswith),
                                           cased: cased))
                    } else {
                        out.append(contentsOf: try applyValue(modifier, value, applied: applied))
                    }
                }
                values = out
            default:
                var out: [SigmaValue] = []
                for value in values {
                    out.append(contentsOf: try applyValue(modifier, value, applied: applied))
                }
                values = out
            }
            applied.append(modifier)
        }
        return (values, linking, negated)
    }

    private func typeFailure(_ modifier: Modifier, _ value: SigmaValue) -> Failure {
        Failure(message: "modifier '\(modifier.rawValue)' cannot be applied to \(Self.describe(value))",
                code: "modifier-type")
    }

    static func describe(_ value: SigmaValue) -> String {
        switch value {
        case .string(let s, _): return "the string '\(s.sigmaText)'"
        case .number(let n): return "the number \(n)"
        case .bool(let b): return "the boolean \(b)"
        case .null: return "null"
        case .regex(let r, _): return "the regular expression '\(r)'"
        case .cidr(let c): return "the network '\(c)'"
        case .compare(let op, let n): return "the comparison \(op.rawValue) \(n)"
        case .fieldRef(let f, _, _): return "the field reference '\(f)'"
        case .exists: return "an exists check"
        case .expansion: return "an expanded value"
        }
    }

    /// One value through one value modifier; expansions are handled member by member and stay grouped.
    private func applyValue(_ modifier: Modifier, _ value: SigmaValue, applied: [Modifier]) throws(Failure) -> [SigmaValue] {
        if case .expansion(let members) = value {
            var inner: [SigmaValue] = []
            for m in members { inner.append(contentsOf: try applyValue(modifier, m, applied: applied)) }
            return [.expansion(inner)]
        }
        switch modifier {
        case .contains, .startswith, .endswith:
            let leading = modifier != .startswith
            let trailing = modifier != .endswith
            switch value {
            case .string(var s, let cased):
                if leading, !s.startsWithWildcard { s.prepend(.wildcardMulti) }
                if trailing, !s.endsWithWildcard { s.append(.wildcardMulti) }
                return [.string(s, cased: cased)]
            case .regex(var r, let flags):
                if leading, !r.hasPrefix(".*"), !r.hasPrefix("^") { r = ".*" + r }
                if trailing, !r.hasSuffix(".*"), !r.hasSuffix("$") { r += ".*" }
                try Self.checkRegex(r, flags: flags)
                return [.regex(r, flags: flags)]
            case .fieldRef(let f, let sw, let ew):
                return [.fieldRef(f, startsWith: sw || trailing, endsWith: ew || leading)]
            default:
                throw typeFailure(modifier, value)
            }
        case .base64, .base64offset:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            if s.containsWildcard {
                throw Failure(message: "base64 encoding of a value with wildcards is not allowed ('\(s.sigmaText)')",
                              code: "modifier-wildcard")
            }
            let bytes = Array(Self.pythonStr(s).utf8)
            if modifier == .base64 {
                return [.string(SigmaString(plain: Data(bytes).base64EncodedString()), cased: false)]
            }
            let length = Self.pythonLength(s)
            let starts = [0, 2, 3]
            let ends: [Int?] = [nil, -3, -2]
            var variants: [SigmaValue] = []
            for shift in 0..<3 {
                let encoded = Array(Data(Array(repeating: UInt8(ascii: " "), count: shift) + bytes).base64EncodedString())
                let slice = Self.pySlice(encoded, start: starts[shift], end: ends[(length + shift) % 3])
                variants.append(.string(SigmaString(plain: String(slice)), cased: false))
            }
            return [.expansion(variants)]
        case .wide, .utf16le, .utf16be, .utf16:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            var parts: [SigmaString.Part] = modifier == .utf16 ? [.text("\u{FEFF}")] : []
            for part in s.parts {
                guard case .text(let t) = part else { parts.append(part); continue }
                var bytes: [UInt8] = []
                for unit in t.utf16 {
                    let lo = UInt8(unit & 0xff), hi = UInt8(unit >> 8)
                    if modifier == .utf16be { bytes += [hi, lo] } else { bytes += [lo, hi] }
                }
                // pySigma reinterprets the UTF-16 bytes as UTF-8, which only works for some characters.
                guard let decoded = String(validating: bytes, as: UTF8.self) else {
                    throw Failure(message: "modifier '\(modifier.rawValue)' only works on ASCII text, '\(s.sigmaText)' is not",
                                  code: "modifier-value")
                }
                parts.append(.text(decoded))
            }
            // pySigma rebuilds a plain SigmaString here, so `cased` does not survive an encoding.
            return [.string(SigmaString(parts: parts), cased: false)]
        case .windash:
            guard case .string(let s, let cased) = value else { throw typeFailure(modifier, value) }
            let variants = try windash(s)
            // As in pySigma, only an untouched value keeps its `cased` flag.
            let keepCased = cased && variants.count == 1
            return [.expansion(variants.map { .string($0, cased: keepCased) })]
        case .cased:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            return [.string(s, cased: true)]
        case .cidr:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            if !applied.isEmpty {
                throw Failure(message: "modifier 'cidr' must come first: it applies to the value as written", code: "modifier-order")
            }
            let text = Self.pythonStr(s)
            if let problem = IPNetwork.problem(text) {
                throw Failure(message: "invalid CIDR network: \(problem)", code: "invalid-cidr")
            }
            return [.cidr(text)]
        case .fieldref:
            guard case .string(let s, _) = value else { throw typeFailure(modifier, value) }
            guard let plain = s.plainText else {
                throw Failure(message: "a field reference must not contain wildcards ('\(s.sigmaText)')", code: "modifier-wildcard")
            }
            return [.fieldRef(plain)]
        case .exists:
            guard case .bool(let b) = value else { throw typeFailure(modifier, value) }
            if field == nil {
                throw Failure(message: "modifier 'exists' needs a field name", code: "modifier-field")
            }
            if !applied.isEmpty {
                throw Failure(message: "modifier 'exists' only applies to an unmodified boolean", code: "modifier-order")
            }
            return [.exists(b)]
        case .gt, .gte, .lt, .lte:
            guard case .number(let n) = value else { throw typeFailure(modifier, value) }
            return [.compare(CompareOperator(rawValue: modifier.rawValue) ?? .gt, n)]
        case .minute, .hour, .day, .week, .month, .year:
            guard case .number(let n) = value else { throw typeFailure(modifier, value) }
            return [.number(.int(Int(n.doubleValue)))]
        case .i, .m, .s:
            guard case .regex(let r, var flags) = value else { throw typeFailure(modifier, value) }
            let flag = RegexFlag(rawValue: modifier.rawValue) ?? .ignoreCase
            if !flags.contains(flag) {
                flags.append(flag)
                // Canonical order i, m, s (pySigma keeps a set and prints it sorted).
                flags = RegexFlag.allCases.filter(flags.contains)
            }
            try Self.checkRegex(r, flags: flags)
            return [.regex(r, flags: flags)]
        case .expand:
            switch value {
            case .string(let s, let cased): return [.string(Self.insertPlaceholders(s), cased: cased)]
            case .regex: return [value]
            default: throw typeFailure(modifier, value)
            }
        case .all, .neq, .re:
            return [value]
        }
    }
}
