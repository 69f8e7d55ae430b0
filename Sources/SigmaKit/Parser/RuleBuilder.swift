/// Builds a `SigmaRule` from a document map.
struct RuleBuilder {
    func build(_ map: [YAMLPair], position: SourcePosition, sink: inout DiagnosticSink) -> SigmaRule? {
        let before = sink.diagnostics.count
        let meta = MetadataReader(map: map, position: position)
        let title = meta.title(sink: &sink, kind: "rule")
        let id = meta.id(sink: &sink)
        let name = meta.name(sink: &sink)
        let related = meta.related(sink: &sink)
        let taxonomy = meta.string("taxonomy", sink: &sink, allowEmpty: false)
        let status = meta.status(sink: &sink)
        let description = meta.string("description", sink: &sink)
        let license = meta.string("license", sink: &sink)
        let author = meta.string("author", sink: &sink)
        let references = meta.stringList("references", sink: &sink)
        let date = meta.date("date", sink: &sink)
        let modified = meta.date("modified", sink: &sink)
        let fields = meta.stringList("fields", sink: &sink)
        let falsepositives = meta.stringList("falsepositives", sink: &sink)
        let level = meta.level(sink: &sink)
        let tags = meta.tags(sink: &sink)
        let scope = meta.stringList("scope", sink: &sink)
        let logsource = meta.logsource(sink: &sink, required: true)
        var detections: Detections?
        if let d = meta.node("detection"), !d.isNull {
            detections = DetectionBuilder().build(d, sink: &sink)
        } else {
            sink.error("missing-detection", "rule has no detection", at: position)
        }
        let failed = sink.diagnostics[before...].contains { $0.severity == .error }
        guard !failed, let logsource, let detections else { return nil }
        return SigmaRule(title: title, id: id, name: name, related: related, taxonomy: taxonomy, status: status,
                         description: description, license: license, author: author, references: references,
                         date: date, modified: modified, logsource: logsource, detection: detections, fields: fields,
                         falsepositives: falsepositives, level: level, tags: tags, scope: scope,
                         custom: meta.custom(excluding: DocumentBuilder.ruleKeys), keyPositions: meta.keyPositions)
    }
}
