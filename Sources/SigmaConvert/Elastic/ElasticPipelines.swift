import SigmaKit

/// The processing pipelines of the Elastic targets (`lucene`, `esql`, `eql`), by their sigma-cli names.
public enum ElasticPipelines {
    /// One pipeline with what its queries read: a new pipeline is its steps (Generated/, from
    /// Scripts/gen-elastic-pipelines.py) plus one of these.
    struct Registered: Sendable {
        let pipeline: ElasticPipeline
        /// The product whose events the index patterns hold (other log sources keep Sigma's field names).
        let product: String
        let indexPatterns: [String]
        let shipper: String
    }

    /// Every Elastic pipeline, in display order. `zeek` is the reference's `zeek_raw`.
    static let registered: [Registered] = [
        Registered(pipeline: ElasticPipeline.ecsWindows, product: "windows",
                   indexPatterns: ["winlogbeat-*", "logs-windows.*", "logs-system.*"],
                   shipper: "Winlogbeat 7+ or Elastic Agent (Windows, System integrations)"),
        Registered(pipeline: ElasticPipeline.ecsWindowsOld, product: "windows",
                   indexPatterns: ["winlogbeat-*"], shipper: "Winlogbeat 6 or older"),
        Registered(pipeline: ElasticPipeline.ecsZeekBeats, product: "zeek",
                   indexPatterns: ["filebeat-*", "logs-zeek.*"],
                   shipper: "Filebeat Zeek module (7.6.1+) or Elastic Agent (Zeek integration)"),
        Registered(pipeline: ElasticPipeline.ecsZeekCorelight, product: "zeek",
                   indexPatterns: ["logs-*"], shipper: "Corelight sensor export in ECS"),
        Registered(pipeline: ElasticPipeline.zeekRaw, product: "zeek",
                   indexPatterns: ["logs-*"], shipper: "Zeek JSON logs with Zeek's own field names"),
    ]

    /// Every pipeline name accepted by `named(_:)`, in display order.
    public static let names: [String] = registered.map(\.pipeline.name)

    /// The targets these pipelines work with.
    public static let targets: [String] = ["lucene", "esql", "eql"]

    /// The pipeline called `name`, or nil when there is none.
    public static func named(_ name: String) -> (any ProcessingPipeline)? {
        registered.first { $0.pipeline.name == name }?.pipeline
    }
}
