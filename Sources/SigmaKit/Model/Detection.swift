/// How the children of a detection or the values of an item combine.
public enum Linking: String, Sendable, Hashable, Codable {
    case and
    case or
}

/// A value exactly as written in the YAML rule, before modifiers (kept for round-trips and display).
public enum RawValue: Sendable, Hashable, Codable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
}

/// One field condition (`Image|endswith: crontab`) or one keyword list (no field).
public struct DetectionItem: Sendable, Hashable, Codable {
    /// nil for keyword (field-less) search.
    public var field: String?
    public var modifiers: [Modifier]
    public var rawValues: [RawValue]
    /// Values after the modifier chain was applied.
    public var values: [SigmaValue]
    /// `.or` unless the `all` modifier is present.
    public var valueLinking: Linking
    public var position: SourcePosition?
    /// Set by the `neq` modifier: the whole item is negated (pySigma's `SigmaNegateModifier`).
    public var negated: Bool

    public init(field: String?, modifiers: [Modifier], rawValues: [RawValue], values: [SigmaValue],
                valueLinking: Linking = .or, position: SourcePosition? = nil, negated: Bool = false) {
        self.field = field
        self.modifiers = modifiers
        self.rawValues = rawValues
        self.values = values
        self.valueLinking = valueLinking
        self.position = position
        self.negated = negated
    }
}

/// A node of a detection: a field item or a nested group (maps inside lists).
public indirect enum DetectionNode: Sendable, Hashable, Codable {
    case item(DetectionItem)
    case group(DetectionGroup)
}

/// A map (AND of its items) or a list (OR of its elements), as pySigma's `SigmaDetection`.
public struct DetectionGroup: Sendable, Hashable, Codable {
    public var nodes: [DetectionNode]
    public var linking: Linking
    public var position: SourcePosition?

    public init(nodes: [DetectionNode], linking: Linking, position: SourcePosition? = nil) {
        self.nodes = nodes
        self.linking = linking
        self.position = position
    }
}

/// A named search identifier of `detection:` (e.g. `selection`).
public struct NamedDetection: Sendable, Hashable, Codable {
    public var name: String
    public var body: DetectionGroup

    public init(name: String, body: DetectionGroup) {
        self.name = name
        self.body = body
    }
}

/// The `detection:` section: ordered search identifiers and the condition(s).
public struct Detections: Sendable, Hashable, Codable {
    /// In file order (the order matters for `1 of x*` expansion and output).
    public var named: [NamedDetection]
    /// Condition strings as written (a list of conditions is allowed by the spec).
    public var conditionTexts: [String]
    /// Parsed conditions, one per condition string.
    public var conditions: [ConditionExpression]
    /// `timeframe` (legacy) when present.
    public var timeframe: String?

    public init(named: [NamedDetection], conditionTexts: [String], conditions: [ConditionExpression], timeframe: String? = nil) {
        self.named = named
        self.conditionTexts = conditionTexts
        self.conditions = conditions
        self.timeframe = timeframe
    }

    public subscript(name: String) -> NamedDetection? {
        named.first { $0.name == name }
    }
}
