import SigmaKit

/// The one registry of conversion targets: languages, pipelines and the targets offered to users.
/// Everything that lists, validates or names a target (CLI, stored queries, guides, tests) reads it.
public enum ConverterRegistry {
    /// Query languages (`--target`), in display order.
    public static let languages: [LanguageEntry] = [
        LanguageEntry(key: "kusto", language: "KQL", pipelines: KustoPipelines.names,
                      fence: "kusto", comment: CommentSyntax(prefix: "//"),
                      makeBackend: { KustoBackend() }),
        LanguageEntry(key: "splunk", language: "SPL", pipelines: SplunkPipelines.names,
                      queryFormats: SplunkBackend.queryFormats,
                      fence: "spl", comment: CommentSyntax(prefix: "```", suffix: "```"), convertsCorrelations: true,
                      makeBackend: { SplunkBackend() }),
        LanguageEntry(key: "lucene", language: "Lucene", pipelines: ElasticPipelines.names,
                      queryFormats: ElasticRuleFile.queryFormats,
                      fence: "lucene", comment: CommentSyntax(prefix: "//"),
                      makeBackend: { LuceneBackend() }),
        LanguageEntry(key: "esql", language: "ES|QL", pipelines: ElasticPipelines.names,
                      queryFormats: ElasticRuleFile.queryFormats,
                      fence: "esql", comment: CommentSyntax(prefix: "//"),
                      makeBackend: { ESQLBackend() }),
        LanguageEntry(key: "eql", language: "EQL", pipelines: ElasticPipelines.names,
                      queryFormats: ElasticRuleFile.queryFormats,
                      fence: "eql", comment: CommentSyntax(prefix: "//"),
                      makeBackend: { EQLBackend() }),
    ]

    /// Processing pipelines (`--pipeline`), by sigma-cli name.
    public static let pipelines: [PipelineEntry] = KustoPipelines.entries + SplunkPipelines.entries + ElasticPipelines.entries

    /// Targets offered for stored queries and guides, in display order: a language, a pipeline, a format.
    public static let targets: [TargetDescription] = [
        TargetDescription(key: "kusto/sentinel_asim", target: "kusto", pipeline: "sentinel_asim",
                          siemName: "Microsoft Sentinel (ASIM)", language: "KQL", fence: "kusto",
                          aliases: ["asim", "sentinel", "sentinel_asim"]),
        TargetDescription(key: "kusto/microsoft_xdr", target: "kusto", pipeline: "microsoft_xdr",
                          siemName: "Microsoft Defender XDR", language: "KQL", fence: "kusto",
                          aliases: ["xdr", "microsoft_xdr", "defender"]),
        TargetDescription(key: "kusto/azure_monitor", target: "kusto", pipeline: "azure_monitor",
                          siemName: "Azure Monitor", language: "KQL", fence: "kusto",
                          aliases: ["azure", "azure_monitor"]),
        TargetDescription(key: "splunk", target: "splunk", pipeline: nil,
                          siemName: "Splunk", language: "SPL", fence: "spl"),
        TargetDescription(key: "splunk/splunk_windows", target: "splunk", pipeline: "splunk_windows",
                          siemName: "Splunk (Windows event logs)", language: "SPL", fence: "spl",
                          aliases: ["splunk_windows"]),
        TargetDescription(key: "splunk/splunk_sysmon_acceleration", target: "splunk", pipeline: "splunk_sysmon_acceleration",
                          siemName: "Splunk (Sysmon, accelerated)", language: "SPL", fence: "spl",
                          aliases: ["splunk_sysmon", "splunk_sysmon_acceleration"]),
        TargetDescription(key: "splunk/splunk_cim", target: "splunk", pipeline: "splunk_cim",
                          siemName: "Splunk CIM (data model)", language: "SPL", fence: "spl",
                          queryFormat: "data_model", aliases: ["splunk_cim", "cim"]),
        TargetDescription(key: "lucene", target: "lucene", pipeline: nil,
                          siemName: "Elasticsearch (Lucene)", language: "Lucene", fence: "lucene",
                          aliases: ["elastic", "elasticsearch"]),
    ] + ElasticPipelines.targetDescriptions

    /// The language with `key` (`--target`).
    public static func language(_ key: String) -> LanguageEntry? {
        languages.first { $0.key == key }
    }

    /// The pipeline called `name`.
    public static func pipeline(_ name: String) -> PipelineEntry? {
        pipelines.first { $0.name == name }
    }

    /// The target with this key or alias (case-insensitive).
    public static func target(named name: String) -> TargetDescription? {
        let lower = name.lowercased()
        return targets.first { $0.key == lower } ?? targets.first { $0.aliases.contains(lower) }
    }

    /// Every key and alias a target may be named by, for messages.
    public static var targetNames: [String] {
        targets.map(\.key) + targets.flatMap(\.aliases).filter { alias in !targets.contains { $0.key == alias } }
    }

    /// Checks a `--target/--pipeline/--query-format` choice; the error lists the valid choices.
    public static func validate(target: String, pipeline: String?, queryFormat: String?) throws(ConversionError) {
        guard let language = language(target) else {
            throw ConversionError(.unsupported,
                "unknown target '\(target)' (expected one of: \(languages.map(\.key).joined(separator: ", ")))")
        }
        if let pipeline, !language.pipelines.contains(pipeline) {
            let choices = language.pipelines.isEmpty ? "it converts without one" : "expected one of: \(language.pipelines.joined(separator: ", "))"
            if Self.pipeline(pipeline) == nil {
                throw ConversionError(.unsupported, "unknown pipeline '\(pipeline)' for target '\(target)' (\(choices))")
            }
            throw ConversionError(.unsupported, "target '\(target)' has no pipeline '\(pipeline)' (\(choices))")
        }
        if let queryFormat, !language.queryFormatNames.contains(queryFormat) {
            throw ConversionError(.unsupported,
                "target '\(target)' has no query format '\(queryFormat)' (expected one of: \(language.queryFormatNames.joined(separator: ", ")))")
        }
    }
}
