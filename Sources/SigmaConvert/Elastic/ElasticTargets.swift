extension Converter {
    /// The Elastic targets stored and shown beside the others: ECS field names as Winlogbeat 7+ and
    /// Elastic Agent write them, in the three query languages of Kibana.
    static let elasticTargets: [TargetDescription] = [
        TargetDescription(key: "lucene/ecs_windows", target: "lucene", pipeline: "ecs_windows",
                          siemName: "Elastic Security (ECS, Lucene)", language: "Lucene", fence: "lucene"),
        TargetDescription(key: "esql/ecs_windows", target: "esql", pipeline: "ecs_windows",
                          siemName: "Elastic Security (ECS, ES|QL)", language: "ES|QL", fence: "esql"),
        TargetDescription(key: "eql/ecs_windows", target: "eql", pipeline: "ecs_windows",
                          siemName: "Elastic Security (ECS, EQL)", language: "EQL", fence: "eql"),
    ]
}
