import SigmaKit

/// What an Elastic query of one log source reads: the index patterns to search and the event filter the
/// pipeline adds to every query (a hunt guide's data prerequisite).
public struct ElasticDataSource: Sendable, Hashable {
    /// Index patterns holding these events, most usual first (`winlogbeat-*`, `logs-windows.*`).
    public var indexPatterns: [String]
    /// What writes them, e.g. `Winlogbeat 7+ or Elastic Agent (Windows, System integrations)`.
    public var shipper: String
    /// Field and accepted values the pipeline ANDs to the query, e.g. `winlog.channel` = `Security`.
    public var conditions: [Condition]

    /// One added condition: the field equals any of the values.
    public struct Condition: Sendable, Hashable {
        public var field: String
        public var values: [String]
    }

    /// `winlogbeat-*, logs-windows.*` plus, when the pipeline adds one, `where winlog.channel: Security`.
    public var summary: String {
        var text = indexPatterns.joined(separator: ", ")
        let filters = conditions.map { "\($0.field): \($0.values.joined(separator: " or "))" }
        if !filters.isEmpty { text += " where " + filters.joined(separator: " and ") }
        return text
    }
}

extension ElasticPipelines {
    /// What `target` with `pipeline` reads for rules of `logsource`; nil for a target that is not Elastic's
    /// (`lucene`, `esql`, `eql`) or an unknown pipeline.
    ///
    /// Without a pipeline, or for a log source the pipeline does not map (a Linux rule under `ecs_windows`),
    /// the query keeps Sigma's field names: Lucene and EQL then read the reference's default index patterns,
    /// ES|QL reads every index (`from *`).
    public static func dataSource(target: String, pipeline: String?, logsource: LogSource) -> ElasticDataSource? {
        guard targets.contains(target) else { return nil }
        let unmapped = target == "esql"
            ? ElasticDataSource(indexPatterns: [ESQLBackend.defaultIndex], shipper: "any", conditions: [])
            : ElasticDataSource(indexPatterns: ElasticRuleFile.defaultIndexNames, shipper: "any", conditions: [])
        guard let pipeline else { return unmapped }
        guard named(pipeline) != nil else { return nil }
        return mappedDataSource(pipeline: pipeline, logsource: logsource) ?? unmapped
    }

    /// What `pipeline` reads for `logsource` when it maps that log source (nil otherwise), whatever the language.
    public static func mappedDataSource(pipeline: String, logsource: LogSource) -> ElasticDataSource? {
        guard let entry = registered.first(where: { $0.name == pipeline }) else { return nil }
        let (source, conditions) = entry.pipeline.addedConditions(for: logsource)
        guard source.product == entry.product else { return nil }
        return ElasticDataSource(indexPatterns: entry.indexPatterns, shipper: entry.shipper,
                                 conditions: conditions.map { ElasticDataSource.Condition(field: $0.0, values: $0.1) })
    }
}

extension ElasticPipeline {
    /// The log source after the pipeline's log-source changes, and the conditions its steps add for it.
    func addedConditions(for logsource: LogSource) -> (LogSource, [(String, [String])]) {
        var source = logsource
        var conditions: [(String, [String])] = []
        for step in steps where step.when.matches(source) {
            switch step.action {
            case .changeLogSource(let category, let product, let service):
                source = LogSource(category: category, product: product, service: service)
            case .addCondition(let field, let values, let template):
                conditions.append((field, template ? values.map { ElasticPipelineRun.substitute($0, source) } : values))
            default:
                continue
            }
        }
        return (source, conditions)
    }
}
