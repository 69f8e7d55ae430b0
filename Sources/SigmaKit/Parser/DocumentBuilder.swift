/// Turns the YAML documents of a file into Sigma documents: rules, correlations and filters, including
/// the legacy `action: global` / `reset` / `repeat` collections, whose merge follows pySigma.
struct DocumentBuilder {
    static let ruleKeys: Set<String> = ["title", "id", "name", "related", "taxonomy", "status", "description", "license",
                                        "author", "references", "date", "modified", "logsource", "detection", "fields",
                                        "falsepositives", "level", "tags", "scope"]

    /// A map with none of these keys is not a Sigma document.
    private static let documentKeys: Set<String> = ["title", "logsource", "detection", "correlation", "filter"]

    func build(_ nodes: [YAMLNode], sink: inout DiagnosticSink) -> [SigmaDocument] {
        var out: [SigmaDocument] = []
        var global: [YAMLPair] = []
        var previous: [YAMLPair] = []
        var sawDocument = false
        for node in nodes {
            if node.isNull { continue }
            guard var map = node.mapping else {
                sink.error("wrong-type", "a Sigma document must be a map, not \(node.kindName)", at: node.position)
                continue
            }
            sawDocument = true
            let action = node["action"]
            if let action, !action.isNull {
                switch action.text ?? "" {
                case "global":
                    map.removeAll { $0.key.text == "action" }
                    global = map
                    previous = map
                case "reset":
                    global = []
                case "repeat":
                    map.removeAll { $0.key.text == "action" }
                    previous = Self.merge(previous, map)
                    if let rule = RuleBuilder().build(previous, position: node.position, sink: &sink) { out.append(.rule(rule)) }
                default:
                    sink.error("invalid-action", "unknown collection action '\(action.text ?? "")' (global, reset or repeat)",
                               at: action.position)
                }
                continue
            }
            if !YAMLPairs.containsKey(in: map, where: { Self.documentKeys.contains($0) }) {
                sink.error("not-sigma", "not a Sigma document: it has no title, logsource, detection, correlation or filter",
                           at: node.position)
                continue
            }
            if node["correlation"] != nil {
                if let c = CorrelationBuilder().build(map, position: node.position, sink: &sink) { out.append(.correlation(c)) }
            } else if node["filter"] != nil {
                if let f = FilterBuilder().build(map, position: node.position, sink: &sink) { out.append(.filter(f)) }
            } else {
                let merged = Self.merge(map, global)
                if let rule = RuleBuilder().build(merged, position: node.position, sink: &sink) { out.append(.rule(rule)) }
                previous = map
            }
        }
        if !sawDocument && !sink.hasErrors {
            sink.error("empty-file", "file holds no Sigma document", at: SourcePosition(line: 1, column: 1))
        }
        return out
    }

    /// pySigma's `deep_dict_update(dest, src)`: `src` wins, maps merge recursively, new keys go last.
    static func merge(_ dest: [YAMLPair], _ src: [YAMLPair]) -> [YAMLPair] {
        var result = dest
        for pair in src {
            let k = pair.key, v = pair.value
            let index = result.firstIndex { $0.key.text == k.text }
            if let srcMap = v.mapping {
                let existing = index.flatMap { result[$0].value.mapping } ?? []
                let mergedNode = YAMLNode(kind: .mapping(merge(existing, srcMap)), position: index.map { result[$0].value.position } ?? v.position)
                if let index { result[index].value = mergedNode } else { result.append(YAMLPair(k, mergedNode)) }
            } else if let index {
                result[index].value = v
            } else {
                result.append(YAMLPair(k, v))
            }
        }
        return result
    }
}
