import SigmaKit

extension ElasticPipelines {
    /// The registry entries of the Elastic pipelines; each says which index patterns its queries read.
    static let entries: [PipelineEntry] = registered.map { entry in
        PipelineEntry(name: entry.name, displayName: entry.displayName,
                      make: { _ in entry.pipeline },
                      reads: { rule in
                          ElasticPipelines.mappedDataSource(pipeline: entry.name, logsource: rule.logsource)
                              .map { DataSource(.indexPattern, $0.indexPatterns) }
                      })
    }

    /// The Elastic targets stored and shown beside the others: ECS field names as Winlogbeat 7+ and Elastic
    /// Agent write them, in Kibana's three query languages.
    static let targetDescriptions: [TargetDescription] = [
        TargetDescription(key: "lucene/ecs_windows", target: "lucene", pipeline: "ecs_windows",
                          siemName: "Elastic Security (ECS)", language: "Lucene", fence: "lucene",
                          aliases: ["ecs", "ecs_windows", "elastic_ecs"]),
        TargetDescription(key: "esql/ecs_windows", target: "esql", pipeline: "ecs_windows",
                          siemName: "Elastic Security (ECS)", language: "ES|QL", fence: "esql",
                          aliases: ["esql", "esql_ecs"]),
        TargetDescription(key: "eql/ecs_windows", target: "eql", pipeline: "ecs_windows",
                          siemName: "Elastic Security (ECS)", language: "EQL", fence: "eql",
                          aliases: ["eql", "eql_ecs"]),
    ]
}

extension ElasticRuleFile {
    /// The output formats of the Elastic languages besides `default`.
    static let queryFormats = [
        QueryFormatDescription(name: formatName, summary: "Elastic Security detection rules to import (NDJSON), with the ATT&CK mapping"),
    ]
}
