/// One conversion target offered to users: a query language plus, for KQL, the pipeline naming the SIEM.
public struct TargetDescription: Sendable, Hashable, Codable {
    /// Stable key, e.g. `kusto/sentinel_asim`, `splunk`.
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

    public init(key: String, target: String, pipeline: String?, siemName: String, language: String, fence: String) {
        self.key = key
        self.target = target
        self.pipeline = pipeline
        self.siemName = siemName
        self.language = language
        self.fence = fence
    }
}

extension Converter {
    /// Every supported target, in display order.
    public static let targets: [TargetDescription] = [
        TargetDescription(key: "kusto/sentinel_asim", target: "kusto", pipeline: "sentinel_asim",
                          siemName: "Microsoft Sentinel (ASIM)", language: "KQL", fence: "kusto"),
        TargetDescription(key: "kusto/microsoft_xdr", target: "kusto", pipeline: "microsoft_xdr",
                          siemName: "Microsoft Defender XDR", language: "KQL", fence: "kusto"),
        TargetDescription(key: "kusto/azure_monitor", target: "kusto", pipeline: "azure_monitor",
                          siemName: "Azure Monitor", language: "KQL", fence: "kusto"),
        TargetDescription(key: "splunk", target: "splunk", pipeline: nil,
                          siemName: "Splunk", language: "SPL", fence: "spl"),
        TargetDescription(key: "lucene", target: "lucene", pipeline: nil,
                          siemName: "Elasticsearch (Lucene)", language: "Lucene", fence: "lucene"),
    ] + elasticTargets

    /// The target with `key`, if any.
    public static func target(key: String) -> TargetDescription? {
        targets.first { $0.key == key }
    }

    /// The query language names accepted by `--target`.
    public static let languageNames = ["kusto", "splunk", "lucene", "esql", "eql"]
}
