import SigmaKit

/// The processing pipelines of the Elastic targets (`lucene`, `esql`, `eql`), by their sigma-cli names.
public enum ElasticPipelines {
    /// One pipeline with what its queries read: a new pipeline is its steps (Generated/, from
    /// Scripts/gen-elastic-pipelines.py) plus one of these.
    struct Registered: Sendable {
        let name: String
        let displayName: String
        /// Built on first use (a static of the generated steps): building parses its field tables, and every start
        /// of huntkb lists the names for the help text.
        let make: @Sendable () -> ElasticPipeline
        /// The product whose events the index patterns hold (other log sources keep Sigma's field names).
        let product: String
        let indexPatterns: [String]
        let shipper: String

        var pipeline: ElasticPipeline { make() }
    }

    /// Every Elastic pipeline, in display order. `zeek` is the reference's `zeek_raw`.
    static let registered: [Registered] = [
        Registered(name: "ecs_windows", displayName: "Elastic Common Schema (ECS) Windows log mappings from Winlogbeat from version 7",
                   make: { ElasticPipeline.ecsWindows }, product: "windows",
                   indexPatterns: ["winlogbeat-*", "logs-windows.*", "logs-system.*"],
                   shipper: "Winlogbeat 7+ or Elastic Agent (Windows, System integrations)"),
        Registered(name: "ecs_windows_old", displayName: "Elastic Common Schema (ECS) Windows log mappings from Winlogbeat up to version 6",
                   make: { ElasticPipeline.ecsWindowsOld }, product: "windows",
                   indexPatterns: ["winlogbeat-*"], shipper: "Winlogbeat 6 or older"),
        Registered(name: "ecs_zeek_beats", displayName: "Elastic Common Schema (ECS) for Zeek using filebeat >= 7.6.1",
                   make: { ElasticPipeline.ecsZeekBeats }, product: "zeek",
                   indexPatterns: ["filebeat-*", "logs-zeek.*"],
                   shipper: "Filebeat Zeek module (7.6.1+) or Elastic Agent (Zeek integration)"),
        Registered(name: "ecs_zeek_corelight", displayName: "Elastic Common Schema (ECS) mapping from Corelight",
                   make: { ElasticPipeline.ecsZeekCorelight }, product: "zeek",
                   indexPatterns: ["logs-*"], shipper: "Corelight sensor export in ECS"),
        Registered(name: "zeek", displayName: "Zeek raw JSON field naming",
                   make: { ElasticPipeline.zeekRaw }, product: "zeek",
                   indexPatterns: ["logs-*"], shipper: "Zeek JSON logs with Zeek's own field names"),
    ]

    /// Every pipeline name accepted by `named(_:)`, in display order.
    public static let names: [String] = registered.map(\.name)

    /// Whether the light entries name each pipeline as its generated definition does.
    static var entriesAgreeWithPipelines: Bool {
        registered.allSatisfy { $0.name == $0.pipeline.name && $0.displayName == $0.pipeline.displayName }
    }

    /// The targets these pipelines work with.
    public static let targets: [String] = ["lucene", "esql", "eql"]

    /// The pipeline called `name`, or nil when there is none.
    public static func named(_ name: String) -> (any ProcessingPipeline)? {
        registered.first { $0.name == name }?.pipeline
    }
}
