import SigmaKit

/// Why a rule could not be converted: never a wrong query, always a reason.
public struct ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Broad class of the failure, stable for tools.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The pipeline has no table/index for the rule's log source.
        case unmappedLogSource = "unmapped-logsource"
        /// A field is not a column of the selected table.
        case unknownField = "unknown-field"
        /// The target language cannot express a construct (modifier, value type, correlation, ...).
        case unsupported
        /// A placeholder was left unresolved.
        case placeholder
        /// The rule itself is invalid.
        case invalidRule = "invalid-rule"
    }

    public var kind: Kind
    public var message: String
    /// Where in the rule file the problem is, when known (e.g. the detection item of an unknown field).
    public var position: SourcePosition?

    public init(_ kind: Kind, _ message: String, position: SourcePosition? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    public var description: String { message }
}

/// What a processing pipeline hands to a backend besides the transformed rule.
public struct PipelineState: Sendable, Hashable {
    /// The table (kusto) or index the query runs against; backends prefix queries with it.
    public var queryTable: String?
    /// Other named state (pySigma's pipeline state), for backend templates.
    public var values: [String: String]

    public init(queryTable: String? = nil, values: [String: String] = [:]) {
        self.queryTable = queryTable
        self.values = values
    }
}

/// A rule after a processing pipeline: field names and values in the target schema.
public struct ProcessedRule: Sendable, Hashable {
    public var rule: SigmaRule
    public var state: PipelineState

    public init(rule: SigmaRule, state: PipelineState = PipelineState()) {
        self.rule = rule
        self.state = state
    }
}

/// Field/table mapping and value transformations, kept separate from any query language.
public protocol ProcessingPipeline: Sendable {
    /// The sigma-cli name (`sentinel_asim`, `microsoft_xdr`, `azure_monitor`).
    var name: String { get }
    func apply(to rule: SigmaRule) throws(ConversionError) -> ProcessedRule
}
