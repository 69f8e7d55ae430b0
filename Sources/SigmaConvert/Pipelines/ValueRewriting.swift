import SigmaKit

/// Value rewrites of the kusto pipelines (registry hive names, registry action types, parent image names).
enum ValueRewriting {
    /// Sysmon registry `EventType` values -> the action types of the target tables.
    static let registryActionTypes: [String: [String]] = [
        "CreateKey": ["RegistryKeyCreated"],
        "DeleteKey": ["RegistryKeyDeleted", "RegistryValueDeleted"],
        "SetValue": ["RegistryValueSet"],
        "RenameKey": ["RegistryValueSet", "RegistryKeyCreated"],
    ]

    static func apply(_ rewrite: ValueRewrite, to work: WorkItem, step: String) throws(ConversionError) -> WorkNode.Replacement {
        var values: [SigmaValue] = []
        var changed = false
        for value in work.item.values {
            if let new = try rewritten(value, rewrite, field: work.item.field, position: work.item.position) {
                values += new
                changed = true
            } else {
                values.append(value)
            }
        }
        guard changed else { return .keep }
        var work = work
        work.item.values = values
        work.item.rawValues = values.map(rawValue)
        work.appliedSteps.insert(step)
        return .replace(.item(work))
    }

    /// The replacement values, or nil when the value passes unchanged.
    private static func rewritten(_ value: SigmaValue, _ rewrite: ValueRewrite, field: String?,
                                  position: SourcePosition?) throws(ConversionError) -> [SigmaValue]? {
        switch rewrite {
        case .replacePrefix(let prefix, let replacement):
            // The reference rewrites strings (numbers first become strings) and leaves other types alone.
            switch value {
            case .string(let s, _):
                // The text round trip changes nothing unless the prefix matches or a literal backslash
                // precedes a wildcard (which the reference turns into an escape): skip it otherwise.
                let text = PlainValueText.of(s)
                guard let replaced = replacingPrefix(prefix, with: replacement, in: text) else {
                    return backslashBeforeWildcard(s) ? [.string(reparsed(text, placeholders: s.containsPlaceholder))] : [.string(s)]
                }
                return [.string(reparsed(replaced, placeholders: s.containsPlaceholder))]
            case .number(let n):
                let text = n.description
                return [.string(reparsed(replacingPrefix(prefix, with: replacement, in: text) ?? text, placeholders: false))]
            default: return nil
            }
        case .registryActionType:
            if case .null = value { return [.string(SigmaString(plain: ""))] }
            let text = try plainText(value, field: field, position: position)
            return (registryActionTypes[text] ?? [text]).map(PlainValueText.stringValue)
        case .fileName:
            let text = try plainText(value, field: field, position: position)
            let name = text.split(separator: "\\", omittingEmptySubsequences: false).last.map(String.init) ?? text
            let last = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
            return [PlainValueText.stringValue(last)]
        }
    }

    static func plainText(_ value: SigmaValue, field: String?, position: SourcePosition?) throws(ConversionError) -> String {
        guard let text = PlainValueText.of(value) else {
            throw ConversionError(.unsupported,
                "the value of field '\(field ?? "keyword")' must be a string for this pipeline's value rewriting",
                position: position)
        }
        return text
    }

    /// `(?i)^prefix` replaced, on the plain text; nil when the text does not start with the prefix.
    static func replacingPrefix(_ prefix: String, with replacement: String, in text: String) -> String? {
        var rest = text.unicodeScalars[...]
        for p in prefix.unicodeScalars {
            guard let c = rest.first, lowerASCII(c) == lowerASCII(p) else { return nil }
            rest = rest.dropFirst()
        }
        return replacement + String(String.UnicodeScalarView(rest))
    }

    private static func lowerASCII(_ c: Unicode.Scalar) -> UInt32 {
        (65...90).contains(c.value) ? c.value + 32 : c.value
    }

    /// True when a text part ends with a backslash and a wildcard follows it.
    static func backslashBeforeWildcard(_ s: SigmaString) -> Bool {
        for (part, next) in zip(s.parts, s.parts.dropFirst()) {
            if case .text(let t) = part, t.hasSuffix("\\"), next == .wildcardMulti || next == .wildcardSingle { return true }
        }
        return false
    }

    /// The reference's way back from replaced text: backslashes not before a wildcard become literal,
    /// then the text is parsed as a Sigma string.
    static func reparsed(_ text: String, placeholders: Bool) -> SigmaString {
        if let ascii = reparsedASCII(text) { return SigmaString(sigma: ascii, placeholders: placeholders) }
        var out = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            out.append(c)
            if c == "\\" {
                let next = i + 1 < chars.count ? chars[i + 1] : nil
                if next != "*" && next != "?" { out.append("\\") }
            }
        }
        return SigmaString(sigma: out, placeholders: placeholders)
    }

    /// `reparsed`'s doubling of backslashes on the bytes of ASCII text (nil otherwise).
    private static func reparsedASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { b -> String? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 8)
            for i in b.indices {
                out.append(b[i])
                if b[i] == UInt8(ascii: "\\") {
                    let next = i + 1 < b.count ? b[i + 1] : 0
                    if next != UInt8(ascii: "*") && next != UInt8(ascii: "?") { out.append(UInt8(ascii: "\\")) }
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A raw (as-written) form for values the pipeline created.
    static func rawValue(_ value: SigmaValue) -> RawValue {
        switch value {
        case .string(let s, _): .string(s.sigmaText)
        case .number(.int(let i)): .int(i)
        case .number(.double(let d)): .double(d)
        case .bool(let b): .bool(b)
        case .null: .null
        case .regex(let r, _): .string(r)
        default: .null
        }
    }
}
