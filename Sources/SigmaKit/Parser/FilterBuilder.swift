/// Builds a `SigmaFilter` from a document with `filter:` (Sigma filters specification).
struct FilterBuilder {
    func build(_ map: [YAMLPair], position: SourcePosition, sink: inout DiagnosticSink) -> SigmaFilter? {
        let before = sink.diagnostics.count
        let meta = MetadataReader(map: map, position: position)
        let title = meta.title(sink: &sink, kind: "filter")
        let id = meta.id(sink: &sink)
        let name = meta.name(sink: &sink)
        let description = meta.string("description", sink: &sink)
        let author = meta.string("author", sink: &sink)
        let date = meta.date("date", sink: &sink)
        let modified = meta.date("modified", sink: &sink)
        _ = meta.status(sink: &sink)
        _ = meta.tags(sink: &sink)
        let logsource = meta.logsource(sink: &sink, required: true)
        guard let body = meta.node("filter"), var pairs = body.mapping else {
            let n = meta.node("filter")
            sink.error("wrong-type", "'filter' must be a map, not \(n?.kindName ?? "missing")", at: n?.position ?? position)
            return nil
        }
        var rules: [String] = []
        var anyRule = false
        if let index = pairs.firstIndex(where: { $0.key.text == "rules" }) {
            let r = pairs[index].value
            pairs.remove(at: index)
            if r.isScalar, let s = r.plainText {
                if s.lowercased() == "any" { anyRule = true } else { rules = [s] }
            } else if let items = r.sequence {
                // pySigma reads an empty list as `any`.
                if items.isEmpty { anyRule = true }
                for item in items {
                    if item.isScalar, let s = item.plainText { rules.append(s) } else {
                        sink.error("wrong-type", "each filter rule reference must be a string", at: item.position)
                    }
                }
            } else {
                sink.error("wrong-type", "filter 'rules' must be a string or a list", at: r.position)
            }
        } else {
            sink.error("missing-filter-rules", "filter has no 'rules' (rule ids or names it applies to, or 'any')", at: body.position)
        }
        if let condition = pairs.first(where: { $0.key.text == "condition" })?.value, condition.sequence != nil {
            sink.error("wrong-type", "a filter condition must be a single string, not a list", at: condition.position)
        }
        let detection = DetectionBuilder().build(YAMLNode(kind: .mapping(pairs), position: body.position), sink: &sink)
        let failed = sink.diagnostics[before...].contains { $0.severity == .error }
        guard !failed, let logsource, let detection else { return nil }
        var filter = SigmaFilter(title: title, id: id, name: name, description: description, author: author, date: date,
                                 modified: modified, logsource: logsource, rules: rules, detection: detection)
        filter.appliesToAnyRule = anyRule
        return filter
    }
}
