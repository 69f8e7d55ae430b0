import SigmaKit

/// Rule-level edits shared by pipelines: added conditions and renamed fields (pySigma's
/// `AddConditionTransformation` and `FieldMappingTransformation`).
enum RuleEditing {
    /// Adds a detection and makes every condition `name and (condition)`.
    static func addCondition(_ rule: inout SigmaRule, name: String, item: DetectionItem) {
        rule.detection.named.append(NamedDetection(name: name, body: DetectionGroup(nodes: [.item(item)], linking: .and)))
        rule.detection.conditions = rule.detection.conditions.map { .and([.identifier(name), $0]) }
        rule.detection.conditionTexts = rule.detection.conditionTexts.map { "\(name) and (\($0))" }
    }

    /// A detection item for `field` (nil: keywords) matching any of `values`, read as Sigma strings.
    static func item(field: String?, values: [String]) -> DetectionItem {
        DetectionItem(field: field, modifiers: [], rawValues: values.map { .string($0) },
                      values: values.map { .string(SigmaString(sigma: $0)) })
    }

    /// Renames fields 1:1 in every detection item, field reference and the rule's `fields` list.
    static func mapFields(_ rule: inout SigmaRule, _ mapping: [String: String], step: String) {
        let targets = mapping.mapValues { [$0] }
        rule.fields = rule.fields.map { mapping[$0] ?? $0 }
        rule.detection.named = rule.detection.named.map { named in
            let tree = WorkNode(named.body)
            let mapped = (try? tree.rewritingItems { work in PipelineRun.mapField(work, step: step, mapping: targets) }) ?? tree
            return NamedDetection(name: named.name, body: mapped.detectionGroup)
        }
    }

    /// The first detection item (depth first) for which `test` holds.
    static func firstItem(in rule: SigmaRule, where test: (DetectionItem) -> Bool) -> DetectionItem? {
        for named in rule.detection.named {
            if let found = firstItem(in: named.body, where: test) { return found }
        }
        return nil
    }

    private static func firstItem(in group: DetectionGroup, where test: (DetectionItem) -> Bool) -> DetectionItem? {
        for node in group.nodes {
            switch node {
            case .item(let item): if test(item) { return item }
            case .group(let inner): if let found = firstItem(in: inner, where: test) { return found }
            }
        }
        return nil
    }
}
