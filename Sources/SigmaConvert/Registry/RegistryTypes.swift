import SigmaKit

/// How a query language writes a one-line comment (`// x`, ``` `` x `` ```).
public struct CommentSyntax: Sendable, Hashable, Codable {
    public var prefix: String
    public var suffix: String

    public init(prefix: String, suffix: String = "") {
        self.prefix = prefix
        self.suffix = suffix
    }

    /// `text` as a comment line.
    public func comment(_ text: String) -> String {
        prefix + " " + text + (suffix.isEmpty ? "" : " " + suffix)
    }
}

/// One output format of a language (sigma-cli's `-f`): `default`, `savedsearches`, `data_model`, ...
public struct QueryFormatDescription: Sendable, Hashable, Codable {
    public var name: String
    public var summary: String

    public init(name: String, summary: String) {
        self.name = name
        self.summary = summary
    }

    /// Every language has it: plain queries.
    public static let defaultName = "default"
}

/// What a query reads: a table, index pattern, data model or log source.
public struct DataSource: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of thing, as a guide names it.
    public enum Kind: String, Sendable, Hashable, Codable {
        case table
        case indexPattern = "index pattern"
        case dataModel = "data model"
        case source
    }

    public var kind: Kind
    /// One or more names (several sources are alternatives, e.g. two PowerShell channels).
    public var names: [String]

    public init(_ kind: Kind, _ names: [String]) {
        self.kind = kind
        self.names = names
    }

    /// `table imProcessCreate`, `data model Endpoint.Processes`, `source WinEventLog:Security`.
    public var description: String { kind.rawValue + " " + names.joined(separator: " or ") }
}

/// Options of a pipeline instance.
public struct PipelineOptions: Sendable, Hashable {
    /// A table every query reads instead of the one the log source decides (kusto's `query_table`).
    public var queryTable: String?

    public init(queryTable: String? = nil) {
        self.queryTable = queryTable
    }
}

/// A query language the converter speaks: its backend and the choices it offers (the `--target` value).
public struct LanguageEntry: Sendable {
    /// The `--target` value: `kusto`, `splunk`, `lucene`.
    public let key: String
    /// The language as people call it: `KQL`, `SPL`, `Lucene`.
    public let language: String
    /// Pipelines this language accepts, by name, in display order.
    public let pipelines: [String]
    /// Output formats; the first is `default`.
    public let queryFormats: [QueryFormatDescription]
    /// Markdown code-fence info string.
    public let fence: String
    public let comment: CommentSyntax
    /// Whether correlation rules convert (others are refused as pySigma refuses them).
    public let convertsCorrelations: Bool
    let makeBackend: @Sendable () -> any TextQueryBackend

    init(key: String, language: String, pipelines: [String], queryFormats: [QueryFormatDescription] = [],
         fence: String, comment: CommentSyntax, convertsCorrelations: Bool = false,
         makeBackend: @escaping @Sendable () -> any TextQueryBackend) {
        self.key = key
        self.language = language
        self.pipelines = pipelines
        self.queryFormats = [QueryFormatDescription(name: QueryFormatDescription.defaultName, summary: "Plain queries")]
            + queryFormats.filter { $0.name != QueryFormatDescription.defaultName }
        self.fence = fence
        self.comment = comment
        self.convertsCorrelations = convertsCorrelations
        self.makeBackend = makeBackend
    }

    public var queryFormatNames: [String] { queryFormats.map(\.name) }
}

/// A processing pipeline by its sigma-cli name: how to build it and what its queries read.
public struct PipelineEntry: Sendable {
    /// sigma-cli's name: `sentinel_asim`, `splunk_windows`, ...
    public let name: String
    /// Human name: `Sentinel ASIM`, `Splunk CIM`.
    public let displayName: String
    /// Whether `PipelineOptions.queryTable` is honoured.
    public let acceptsQueryTable: Bool
    let make: @Sendable (PipelineOptions) -> any ProcessingPipeline
    let readsFor: @Sendable (SigmaRule) -> DataSource?

    init(name: String, displayName: String, acceptsQueryTable: Bool = false,
         make: @escaping @Sendable (PipelineOptions) -> any ProcessingPipeline,
         reads: @escaping @Sendable (SigmaRule) -> DataSource?) {
        self.name = name
        self.displayName = displayName
        self.acceptsQueryTable = acceptsQueryTable
        self.make = make
        self.readsFor = reads
    }

    /// A fresh pipeline with these options.
    public func pipeline(_ options: PipelineOptions = PipelineOptions()) -> any ProcessingPipeline { make(options) }

    /// What a query of this pipeline reads for `rule`, when the pipeline decides it.
    public func dataSource(for rule: SigmaRule) -> DataSource? { readsFor(rule) }
}
