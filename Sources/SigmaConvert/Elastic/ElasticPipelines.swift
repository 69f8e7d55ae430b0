import SigmaKit

/// The processing pipelines of the Elastic targets (`lucene`, `esql`, `eql`), by their sigma-cli names.
public enum ElasticPipelines {
    /// Every pipeline name accepted by `named(_:)`, in display order.
    public static let names: [String] = ["ecs_windows", "ecs_windows_old", "ecs_zeek_beats", "ecs_zeek_corelight", "zeek"]

    /// The targets these pipelines work with.
    public static let targets: [String] = ["lucene", "esql", "eql"]

    /// The pipeline called `name`, or nil when there is none. `zeek` is the reference's `zeek_raw`.
    public static func named(_ name: String) -> (any ProcessingPipeline)? {
        switch name {
        case "ecs_windows": ElasticPipeline.ecsWindows
        case "ecs_windows_old": ElasticPipeline.ecsWindowsOld
        case "ecs_zeek_beats": ElasticPipeline.ecsZeekBeats
        case "ecs_zeek_corelight": ElasticPipeline.ecsZeekCorelight
        case "zeek": ElasticPipeline.zeekRaw
        default: nil
        }
    }
}
