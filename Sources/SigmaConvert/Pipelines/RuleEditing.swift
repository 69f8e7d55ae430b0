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

    /// A 1:1 renaming, made once per pipeline rather than once per rule.
    struct FieldRenames: Sendable {
        let renames: [String: String]

        init(_ renames: [String: String]) {
            self.renames = renames
        }
    }

    /// Renames fields 1:1 in every detection item, field reference and the rule's `fields` list.
    static func mapFields(_ rule: inout SigmaRule, _ mapping: [String: String], step: String) {
        mapFields(&rule, FieldRenames(mapping), step: step)
    }

    /// As pySigma's 1:1 `FieldMappingTransformation` (the `step` marks are not kept: nothing after these
    /// pipelines reads them). Renamed in place, so detections without a mapped field are not copied.
    static func mapFields(_ rule: inout SigmaRule, _ renames: FieldRenames, step: String) {
        let mapping = renames.renames
        if !rule.fields.isEmpty { rule.fields = rule.fields.map { mapping[$0] ?? $0 } }
        for index in rule.detection.named.indices where needsRenaming(rule.detection.named[index].body, mapping) {
            rename(&rule.detection.named[index].body, mapping)
        }
    }

    private static func needsRenaming(_ group: DetectionGroup, _ mapping: [String: String]) -> Bool {
        group.nodes.contains { node in
            switch node {
            case .item(let item): needsRenaming(item, mapping)
            case .group(let inner): needsRenaming(inner, mapping)
            }
        }
    }

    private static func needsRenaming(_ item: DetectionItem, _ mapping: [String: String]) -> Bool {
        if let field = item.field, mapping[field] != nil { return true }
        return item.values.contains { if case .fieldRef(let f, _, _) = $0 { mapping[f] != nil } else { false } }
    }

    private static func rename(_ group: inout DetectionGroup, _ mapping: [String: String]) {
        for i in group.nodes.indices {
            switch group.nodes[i] {
            case .item(var item):
                guard needsRenaming(item, mapping) else { continue }
                if let field = item.field, let target = mapping[field] { item.field = target }
                if item.values.contains(where: { if case .fieldRef = $0 { true } else { false } }) {
                    item.values = item.values.map { value in
                        guard case .fieldRef(let f, let s, let e) = value, let target = mapping[f] else { return value }
                        return .fieldRef(target, startsWith: s, endsWith: e)
                    }
                }
                group.nodes[i] = .item(item)
            case .group(var inner):
                guard needsRenaming(inner, mapping) else { continue }
                rename(&inner, mapping)
                group.nodes[i] = .group(inner)
            }
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
