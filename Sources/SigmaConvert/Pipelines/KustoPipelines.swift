import SigmaKit

/// The processing pipelines of the `kusto` target, looked up by their sigma-cli names.
public enum KustoPipelines {
    /// Every pipeline name accepted by `named(_:)`, in display order.
    public static let names: [String] = ["sentinel_asim", "microsoft_xdr", "azure_monitor"]

    /// The pipeline called `name`, or nil when there is none.
    public static func named(_ name: String) -> (any ProcessingPipeline)? {
        switch name {
        case "sentinel_asim": return KustoPipeline(name: name)
        case "microsoft_xdr": return KustoPipeline(name: name)
        case "azure_monitor": return KustoPipeline(name: name)
        default: return nil
        }
    }
}

/// Placeholder until the table-driven implementation lands: passes rules through unchanged.
struct KustoPipeline: ProcessingPipeline {
    let name: String

    func apply(to rule: SigmaRule) throws(ConversionError) -> ProcessedRule {
        ProcessedRule(rule: rule)
    }
}
