import SigmaKit

/// One conversion target offered to users: a query language, optionally a pipeline naming the SIEM's
/// schema, and an output format.
public struct TargetDescription: Sendable, Hashable, Codable {
    /// Stable key, e.g. `kusto/sentinel_asim`, `splunk`, `splunk/splunk_cim`.
    public var key: String
    /// The `--target` value (`kusto`, `splunk`, `lucene`).
    public var target: String
    /// The `--pipeline` value, when the target needs one.
    public var pipeline: String?
    /// The SIEM as people call it, e.g. `Microsoft Sentinel (ASIM)`.
    public var siemName: String
    /// The query language: `KQL`, `SPL`, `Lucene`.
    public var language: String
    /// The markdown code fence info string for queries of this target.
    public var fence: String
    /// The `--query-format` value; nil is `default`.
    public var queryFormat: String?
    /// Short names accepted wherever a target key is (`asim`, `cim`).
    public var aliases: [String]

    public init(key: String, target: String, pipeline: String?, siemName: String, language: String, fence: String) {
        self.init(key: key, target: target, pipeline: pipeline, siemName: siemName, language: language, fence: fence,
                  queryFormat: nil, aliases: [])
    }

    public init(key: String, target: String, pipeline: String?, siemName: String, language: String, fence: String,
                queryFormat: String? = nil, aliases: [String] = []) {
        self.key = key
        self.target = target
        self.pipeline = pipeline
        self.siemName = siemName
        self.language = language
        self.fence = fence
        self.queryFormat = queryFormat
        self.aliases = aliases
    }

    /// The language entry of `target`.
    public var languageEntry: LanguageEntry? { ConverterRegistry.language(target) }
    /// The pipeline entry, when the target has a pipeline.
    public var pipelineEntry: PipelineEntry? { pipeline.flatMap(ConverterRegistry.pipeline) }
    /// How a comment line is written in this target's queries.
    public var comment: CommentSyntax { languageEntry?.comment ?? CommentSyntax(prefix: "//") }
    /// Whether correlation rules convert for this target.
    public var convertsCorrelations: Bool { languageEntry?.convertsCorrelations ?? false }
    /// `sentinel_asim`, or `none` without a pipeline; with its format when not the default.
    public var pipelineLabel: String {
        (pipeline ?? "no pipeline") + (queryFormat.map { ", format \($0)" } ?? "")
    }

    /// What this target's query of `rule` reads (table, index pattern, data model, source), when known.
    public func dataSource(for rule: SigmaRule) -> DataSource? {
        pipelineEntry?.dataSource(for: rule)
    }

    /// What this target's queries read for a log source, when the log source alone decides it.
    public func dataSource(for logsource: LogSource) -> DataSource? {
        let rule = SigmaRule(title: "", logsource: logsource,
                             detection: Detections(named: [], conditionTexts: [], conditions: []))
        return dataSource(for: rule)
    }
}

extension Converter {
    /// Every supported target, in display order (the registry's).
    public static var targets: [TargetDescription] { ConverterRegistry.targets }

    /// The target with `key`, if any.
    public static func target(key: String) -> TargetDescription? {
        targets.first { $0.key == key }
    }

    /// The target with this key or alias.
    public static func target(named name: String) -> TargetDescription? {
        ConverterRegistry.target(named: name)
    }

    /// The query language names accepted by `--target`.
    public static var languageNames: [String] { ConverterRegistry.languages.map(\.key) }
}
