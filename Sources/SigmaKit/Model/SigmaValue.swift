/// A number as written in a rule; integers stay integers so queries print `4624`, not `4624.0`.
public enum SigmaNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int)
    case double(Double)

    public var description: String {
        switch self {
        case .int(let i): String(i)
        case .double(let d): String(d)
        }
    }

    public var doubleValue: Double {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        }
    }
}

/// Flags of the `re` modifier (`re|i`, `re|m`, `re|s`).
public enum RegexFlag: String, Sendable, Hashable, Codable, CaseIterable {
    case ignoreCase = "i"
    case multiline = "m"
    case dotAll = "s"
}

/// Comparison operators of the `lt`, `lte`, `gt`, `gte` and `neq` modifiers.
public enum CompareOperator: String, Sendable, Hashable, Codable {
    case lt, lte, gt, gte
}

/// A detection value after its modifiers were applied: what a query backend consumes.
public indirect enum SigmaValue: Sendable, Hashable, Codable {
    /// A (possibly wildcarded) string; `cased` is set by the `cased` modifier.
    case string(SigmaString, cased: Bool = false)
    case number(SigmaNumber)
    case bool(Bool)
    /// `null` in YAML: the field is empty or absent.
    case null
    case regex(String, flags: [RegexFlag])
    /// An IPv4 or IPv6 network in CIDR notation, already validated.
    case cidr(String)
    case compare(CompareOperator, SigmaNumber)
    /// `fieldref`: compare with another field of the same event. `startsWith`/`endsWith` mark wildcard ends.
    case fieldRef(String, startsWith: Bool = false, endsWith: Bool = false)
    /// `exists`: whether the field must be present.
    case exists(Bool)
    /// Several alternatives produced from one value (base64offset, windash, expand): any of them matches.
    case expansion([SigmaValue])
}
