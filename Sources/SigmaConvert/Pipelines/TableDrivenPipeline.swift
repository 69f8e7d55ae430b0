import SigmaKit

/// A processing pipeline made of data tables and an ordered list of conditional steps.
struct TableDrivenPipeline: ProcessingPipeline {
    let name: String
    /// Human name used in messages (`Sentinel ASIM`).
    let displayName: String
    let tables: KustoTables
    let steps: [PipelineStep]
    /// A table chosen by the user, used instead of the log source mapping.
    var fixedQueryTable: String? = nil

    func apply(to rule: SigmaRule) throws(ConversionError) -> ProcessedRule {
        var run = PipelineRun(rule: rule, tables: tables, displayName: displayName)
        run.fixedQueryTable = fixedQueryTable
        for step in steps where step.when.matches(rule, queryTable: run.queryTable) {
            try run.perform(step)
        }
        var out = rule
        out.detection.named = zip(rule.detection.named, run.detections).map { named, work in
            NamedDetection(name: named.name, body: work.detectionGroup)
        }
        return ProcessedRule(rule: out, state: PipelineState(queryTable: run.queryTable))
    }

    /// The table the rule's queries read, or nil when the pipeline has none for it.
    func queryTable(for rule: SigmaRule) -> String? {
        var run = PipelineRun(rule: rule, tables: tables, displayName: displayName)
        run.fixedQueryTable = fixedQueryTable
        return try? run.chooseQueryTable()
    }
}

/// The mutable state of one rule going through a pipeline.
struct PipelineRun {
    let rule: SigmaRule
    let tables: KustoTables
    let displayName: String
    var queryTable: String?
    var fixedQueryTable: String?
    /// One tree per named detection, in order.
    var detections: [WorkNode]

    init(rule: SigmaRule, tables: KustoTables, displayName: String) {
        self.rule = rule
        self.tables = tables
        self.displayName = displayName
        self.detections = rule.detection.named.map { WorkNode($0.body) }
    }

    mutating func perform(_ step: PipelineStep) throws(ConversionError) {
        switch step.action {
        case .setQueryTable:
            queryTable = try chooseQueryTable()
        case .rejectUnknownFields:
            try rejectUnknownFields()
        default:
            let mapping = step.action.fieldMapSource.map(self.mapping) ?? [:]
            for index in detections.indices {
                detections[index] = try detections[index].rewritingItems { (work) throws(ConversionError) -> WorkNode.Replacement in
                    guard Self.selects(work, step) else { return .keep }
                    return try Self.transform(work, step, mapping: mapping)
                }
            }
        }
    }

    private static func selects(_ work: WorkItem, _ step: PipelineStep) -> Bool {
        if let fields = step.fields {
            guard let field = work.item.field, fields.contains(field) else { return false }
        }
        if let skip = step.skipItemsProcessedBy, work.appliedSteps.contains(skip) { return false }
        return true
    }

    private static func transform(_ work: WorkItem, _ step: PipelineStep,
                                  mapping: [String: [String]]) throws(ConversionError) -> WorkNode.Replacement {
        switch step.action {
        case .dropItems:
            return .remove
        case .mapFields:
            return mapField(work, step: step.id, mapping: mapping)
        case .rewriteValues(let rewrite):
            return try ValueRewriting.apply(rewrite, to: work, step: step.id)
        case .splitHashes(let split):
            return try HashSplitting.apply(split, to: work, step: step.id)
        case .splitDomainUser:
            return try DomainUserSplitting.apply(to: work, step: step.id)
        case .setQueryTable, .rejectUnknownFields:
            return .keep
        }
    }

    private func mapping(_ source: FieldMapSource) -> [String: [String]] {
        switch source {
        case .queryTable: queryTable.flatMap { tables.tableFieldMappings[$0] } ?? [:]
        case .generic: tables.genericFieldTargets
        case .fixed(let mapping): mapping
        }
    }

    /// pySigma's FieldMappingTransformation: a 1:1 rename marks the item; 1:n makes an OR group of copies.
    static func mapField(_ work: WorkItem, step: String, mapping: [String: [String]]) -> WorkNode.Replacement {
        var work = work
        var changed = false
        // Field references in values are renamed too (a 1:n mapping yields one reference per target).
        if work.item.values.contains(where: { if case .fieldRef(let f, _, _) = $0 { mapping[f] != nil } else { false } }) {
            work.item.values = work.item.values.flatMap { value -> [SigmaValue] in
                guard case .fieldRef(let f, let s, let e) = value, let targets = mapping[f] else { return [value] }
                return targets.map { .fieldRef($0, startsWith: s, endsWith: e) }
            }
            changed = true
        }
        guard let field = work.item.field, let targets = mapping[field], !targets.isEmpty else {
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

    /// The reference's priority: a table given by the user; then the log source category decides; without a category, the first EventID
    /// (or EventCode) value of a `sel*` detection whose category has a table.
    func chooseQueryTable() throws(ConversionError) -> String {
        if let fixed = fixedQueryTable, !fixed.isEmpty { return fixed }
        if let category = rule.logsource.category, !category.isEmpty {
            if let table = tables.categoryToTable[category] { return table }
            throw ConversionError(.unmappedLogSource,
                "the \(displayName) pipeline has no table for log source category '\(category)'")
        }
        for (named, tree) in zip(rule.detection.named, detections) where named.name.lowercased().hasPrefix("sel") {
            // Only items directly in the detection: the reference does not look into nested lists.
            guard case .group(let nodes, _, _) = tree else { continue }
            for node in nodes {
                guard case .item(let work) = node, work.item.field == "EventID" || work.item.field == "EventCode" else {
                    continue
                }
                for value in work.item.values {
                    let id = try Self.eventID(value, position: work.item.position)
                    if let table = tables.table(forEventID: id), !table.isEmpty { return table }
                }
            }
        }
        let source = [rule.logsource.product, rule.logsource.service].compactMap { $0 }.joined(separator: "/")
        throw ConversionError(.unmappedLogSource,
            "the \(displayName) pipeline has no table for log source '\(source.isEmpty ? "(none)" : source)'"
            + " (no category, and no EventID of a selection maps to a table)")
    }

    /// An EventID value as the reference reads it (`int(value)`): numbers, or strings holding an integer.
    private static func eventID(_ value: SigmaValue, position: SourcePosition?) throws(ConversionError) -> Int {
        switch value {
        case .number(.int(let i)): return i
        case .number(.double(let d)) where d.isFinite && abs(d) < 1e15: return Int(d)
        case .string(let s, _):
            if let text = s.plainText, let i = Int(text.trimmingCharacters(in: " \t\n")) { return i }
        default: break
        }
        throw ConversionError(.invalidRule, "EventID value is not an integer", position: position)
    }

    /// Fails on the first item whose field is neither a column of the query table nor a mappable name.
    /// Tables without a known schema are not checked (as in the reference).
    private func rejectUnknownFields() throws(ConversionError) {
        guard let table = queryTable, let columns = tables.tableColumns[table] else { return }
        let mapping = tables.tableFieldMappings[table] ?? [:]
        let valid = { (field: String) -> Bool in
            columns.contains(field) || mapping[field] != nil || tables.genericFieldMappings[field] != nil || field == "Hashes"
        }
        for tree in detections {
            try tree.forEachItem { (work) throws(ConversionError) in
                // Keywords have no field to check.
                guard let field = work.item.field else { return }
                if !valid(field) {
                    throw ConversionError(.unknownField,
                        "field '\(field)' is not a column of table \(table) and has no mapping in the \(displayName) pipeline",
                        position: work.item.position)
                }
                for case .fieldRef(let other, _, _) in work.item.values where !valid(other) {
                    throw ConversionError(.unknownField,
                        "field '\(field)' refers to field '\(other)', which is not a column of table \(table)"
                        + " and has no mapping in the \(displayName) pipeline", position: work.item.position)
                }
            }
        }
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> Substring {
        var s = self[...]
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return s
    }
}
