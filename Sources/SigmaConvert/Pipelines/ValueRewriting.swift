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
            let text: String
            switch value {
            case .string(let s, _): text = PlainValueText.of(s)
            case .number(let n): text = n.description
            default: return nil
            }
            return [.string(reparsed(replacingPrefix(prefix, with: replacement, in: text)))]
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

    /// `(?i)^prefix` replaced, on the plain text.
    static func replacingPrefix(_ prefix: String, with replacement: String, in text: String) -> String {
        let head = text.unicodeScalars.prefix(prefix.unicodeScalars.count)
        guard head.count == prefix.unicodeScalars.count,
              String(String.UnicodeScalarView(head)).lowercased() == prefix.lowercased() else { return text }
        return replacement + String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(head.count)))
    }

    /// The reference's way back from replaced text: backslashes not before a wildcard become literal,
    /// then the text is parsed as a Sigma string.
    static func reparsed(_ text: String) -> SigmaString {
        var out = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            out.append(c)
            if c == "\\" {
                let next = i + 1 < chars.count ? chars[i + 1] : nil
                if next != "*" && next != "?" { out.append("\\") }
            }
        }
        return SigmaString(sigma: out)
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
