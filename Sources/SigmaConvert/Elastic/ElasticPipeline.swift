import SigmaKit

/// A processing pipeline of pySigma-backend-elasticsearch: an ordered list of steps, each applied when the
/// rule's log source (as earlier steps left it) matches.
struct ElasticPipeline: ProcessingPipeline {
    let name: String
    /// The reference's description of the pipeline.
    let displayName: String
    let steps: [ElasticStep]

    func apply(to rule: SigmaRule) throws(ConversionError) -> ProcessedRule {
        var run = ElasticPipelineRun(rule: rule)
        // By index: a pipeline has hundreds of steps and `for step in steps` copied each one (its strings,
        // tables and sets retained and released) only to test its condition.
        for i in steps.indices where steps[i].when.matches(run.rule.logsource) {
            run.perform(steps[i])
        }
        return ProcessedRule(rule: run.finished())
    }
}

/// A field-name mapping: source field to one target (rename) or several (an OR of copies).
struct FieldMapping: Sendable {
    let targets: [String: [String]]

    init(_ targets: [String: [String]]) {
        self.targets = targets
    }

    /// Rows of `source<TAB>target<TAB>target...`: long tables are kept as text because dictionary
    /// literals of hundreds of entries are slow to type-check.
    init(text: String) {
        var targets: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let cells = line.split(separator: "\t").map(String.init)
            guard let source = cells.first, cells.count > 1 else { continue }
            targets[source] = Array(cells.dropFirst())
        }
        self.targets = targets
    }
}

/// One processing item of an Elastic pipeline (pySigma's `ProcessingItem` with the transformations these
/// pipelines use).
struct ElasticStep: Sendable {
    /// When a step applies (pySigma's `LogsourceCondition`: attributes left nil match anything).
    enum Condition: Sendable {
        case always
        case logSource(category: String?, product: String?, service: String?)

        func matches(_ logsource: LogSource) -> Bool {
            switch self {
            case .always: return true
            case .logSource(let category, let product, let service):
                return (category == nil || category == logsource.category)
                    && (product == nil || product == logsource.product)
                    && (service == nil || service == logsource.service)
            }
        }
    }

    enum Action: Sendable {
        /// Replaces the log source (`ChangeLogsourceTransformation`).
        case changeLogSource(category: String?, product: String?, service: String?)
        /// ANDs `field` = any of `values` with every condition (`AddConditionTransformation`); with
        /// `template`, `$category`, `$product` and `$service` are replaced from the log source.
        case addCondition(field: String, values: [String], template: Bool)
        case mapFields(FieldMapping)
        /// Prefixes every field that the step `unlessMappedBy` did not rename and that has no `word.`
        /// namespace yet (Winlogbeat's `winlog.event_data.`).
        case prefixUnmappedFields(String, unlessMappedBy: String)
        /// Replaces the values of items on `fields` whose values all equal the boolean.
        case setValue(String, fields: Set<String>, whenAllValuesAre: Bool)
        /// Numbers become strings, except on `exceptFields` and in items with a null value.
        case numbersToStrings(exceptFields: Set<String>)
    }

    var id: String
    var when: Condition
    var action: Action
}

/// One rule going through an Elastic pipeline.
struct ElasticPipelineRun {
    private(set) var rule: SigmaRule
    /// One tree per named detection, in order (conditions added by steps come last).
    private var detections: [WorkNode]

    init(rule: SigmaRule) {
        self.rule = rule
        self.detections = rule.detection.named.map { WorkNode($0.body) }
    }

    func finished() -> SigmaRule {
        var out = rule
        out.detection.named = zip(rule.detection.named, detections).map { named, work in
            NamedDetection(name: named.name, body: work.detectionGroup)
        }
        return out
    }

    mutating func perform(_ step: ElasticStep) {
        let id = step.id
        switch step.action {
        case .changeLogSource(let category, let product, let service):
            rule.logsource = LogSource(category: category, product: product, service: service)
        case .addCondition(let field, let values, let template):
            let source = rule.logsource
            addCondition(field: field, values: template ? values.map { Self.substitute($0, source) } : values, step: id)
        case .mapFields(let mapping):
            rewrite { work in Self.map(work, mapping, step: id) }
        case .prefixUnmappedFields(let prefix, let mappingStep):
            rewrite { work in Self.prefix(work, prefix, unlessMappedBy: mappingStep, step: id) }
        case .setValue(let value, let fields, let expected):
            rewrite { work in Self.setValue(work, value, fields: fields, whenAllValuesAre: expected, step: id) }
        case .numbersToStrings(let exceptFields):
            rewrite { work in Self.numbersToStrings(work, exceptFields: exceptFields, step: id) }
        }
    }

    private mutating func rewrite(_ transform: (WorkItem) -> WorkNode.Replacement) {
        for index in detections.indices {
            // The transformations here never throw.
            detections[index] = (try? detections[index].rewritingItems { work in transform(work) }) ?? detections[index]
        }
    }

    /// `string.Template.safe_substitute` with the log source: a missing attribute reads `None`.
    static func substitute(_ template: String, _ logsource: LogSource) -> String {
        let values = ["category": logsource.category, "product": logsource.product, "service": logsource.service]
        var out = template
        for (key, value) in values {
            let text = value ?? "None"
            out = out.replacing("${\(key)}", with: text).replacing("$\(key)", with: text)
        }
        return out
    }

    /// The condition becomes `_cond and (condition)`; the new detection's items count as processed by the step.
    private mutating func addCondition(field: String, values: [String], step: String) {
        let name = "_cond_\(detections.count)_\(step)"
        let sigmaValues = values.map { SigmaValue.string(SigmaString(sigma: $0)) }
        let item = DetectionItem(field: field, modifiers: [], rawValues: values.map(RawValue.string), values: sigmaValues)
        rule.detection.named.append(NamedDetection(name: name, body: DetectionGroup(nodes: [.item(item)], linking: .and)))
        detections.append(.group([item], linking: .and, step: step, position: nil))
        rule.detection.conditions = rule.detection.conditions.map { .and([.identifier(name), $0]) }
        rule.detection.conditionTexts = rule.detection.conditionTexts.map { "\(name) and (\($0))" }
    }

    /// pySigma's `FieldMappingTransformation`: 1:1 renames the item, 1:n makes an OR of copies; field
    /// references in values are renamed too. An item with a field reference counts as processed by the step
    /// even when nothing was renamed (the reference rebuilds its value list), so later prefixing skips it.
    private static func map(_ work: WorkItem, _ mapping: FieldMapping, step: String) -> WorkNode.Replacement {
        var work = work
        var changed = false
        if work.item.values.contains(where: { if case .fieldRef = $0 { true } else { false } }) {
            work.item.values = work.item.values.flatMap { value -> [SigmaValue] in
                guard case .fieldRef(let f, let s, let e) = value, let targets = mapping.targets[f] else { return [value] }
                return targets.map { .fieldRef($0, startsWith: s, endsWith: e) }
            }
            work.appliedSteps.insert(step)
            changed = true
        }
        guard let field = work.item.field, let targets = mapping.targets[field], !targets.isEmpty else {
            return changed ? .replace(.item(work)) : .keep
        }
        if targets.count == 1 {
            work.item.field = targets[0]
            work.appliedSteps.insert(step)
            return .replace(.item(work))
        }
        let copies = targets.map { target -> WorkNode in
            var copy = work
            copy.item.field = target
            copy.appliedSteps.insert(step)
            return .item(copy)
        }
        return .replace(.group(nodes: copies, linking: .or, position: work.item.position))
    }

    /// The field-name condition `not (processed by the mapping or matches \w+\.)`, evaluated on the item's
    /// field and field references as pySigma does: any match in either excludes the whole item.
    private static func prefix(_ work: WorkItem, _ prefix: String, unlessMappedBy mappingStep: String,
                               step: String) -> WorkNode.Replacement {
        if work.appliedSteps.contains(mappingStep) { return .keep }
        if let field = work.item.field, hasNamespace(field) { return .keep }
        var refs = false
        for case .fieldRef(let other, _, _) in work.item.values {
            if hasNamespace(other) { return .keep }
            refs = true
        }
        guard work.item.field != nil || refs else { return .keep }
        var work = work
        if let field = work.item.field { work.item.field = prefix + field }
        if refs {
            work.item.values = work.item.values.map { value in
                guard case .fieldRef(let other, let s, let e) = value else { return value }
                return .fieldRef(prefix + other, startsWith: s, endsWith: e)
            }
        }
        if work.item.field != nil { work.appliedSteps.insert(step) }
        return .replace(.item(work))
    }

    /// Python's `re.match(r"\w+\.", field)`.
    static func hasNamespace(_ field: String) -> Bool {
        var word = 0
        for s in field.unicodeScalars {
            if isPythonWordScalar(s) { word += 1; continue }
            return s == "." && word > 0
        }
        return false
    }

    /// `IncludeFieldCondition` on an item: its field or any field it references is listed.
    private static func names(_ item: DetectionItem, in fields: Set<String>) -> Bool {
        if let field = item.field, fields.contains(field) { return true }
        return item.values.contains { if case .fieldRef(let f, _, _) = $0 { fields.contains(f) } else { false } }
    }

    /// pySigma's `MatchValueCondition(value: Bool, cond: all)` + `SetValueTransformation`. Python compares
    /// numbers with booleans by value (`1 == True`); strings and other types never equal a boolean.
    private static func setValue(_ work: WorkItem, _ value: String, fields: Set<String>, whenAllValuesAre expected: Bool,
                                 step: String) -> WorkNode.Replacement {
        guard names(work.item, in: fields) else { return .keep }
        let allEqual = work.item.values.allSatisfy { v in
            switch v {
            case .bool(let b): b == expected
            case .number(let n): n.doubleValue == (expected ? 1 : 0)
            default: false
            }
        }
        guard allEqual, !work.item.values.isEmpty else { return .keep }
        var work = work
        work.item.values = work.item.values.map { _ in .string(SigmaString(sigma: value)) }
        work.item.rawValues = work.item.values.map { _ in .string(value) }
        work.appliedSteps.insert(step)
        return .replace(.item(work))
    }

    /// pySigma's `ConvertTypeTransformation("str")` on items not naming `exceptFields` and without a null
    /// value: `SigmaString(str(number))`, also inside expansions.
    private static func numbersToStrings(_ work: WorkItem, exceptFields: Set<String>, step: String) -> WorkNode.Replacement {
        if names(work.item, in: exceptFields) { return .keep }
        if work.item.values.contains(.null) { return .keep }
        var changed = false
        func convert(_ value: SigmaValue, nested: Bool) -> SigmaValue {
            switch value {
            case .number(let n):
                changed = true
                return .string(SigmaString(sigma: NumberText.python(n)))
            case .expansion(let values) where !nested:
                // The reference returns the expansion itself, so the item counts as changed.
                changed = true
                return .expansion(values.map { convert($0, nested: true) })
            default:
                return value
            }
        }
        let values = work.item.values.map { convert($0, nested: false) }
        guard changed else { return .keep }
        var work = work
        work.item.values = values
        work.appliedSteps.insert(step)
        return .replace(.item(work))
    }
}

/// Python's `str()` of a number.
enum NumberText {
    static func python(_ n: SigmaNumber) -> String {
        switch n {
        case .int(let i): return String(i)
        case .double(let d): return NumberRendering.pythonFloat(d)
        }
    }
}
