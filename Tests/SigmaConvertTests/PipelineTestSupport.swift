import SigmaKit
@testable import SigmaConvert

/// Builders and a compact rendering for pipeline tests (independent of the YAML parser).
enum PipelineFixture {
    static func s(_ text: String) -> SigmaValue { .string(SigmaString(sigma: text)) }
    static func n(_ number: Int) -> SigmaValue { .number(.int(number)) }

    static func item(_ field: String?, _ values: [SigmaValue], modifiers: [Modifier] = [],
                     linking: Linking = .or) -> DetectionNode {
        .item(DetectionItem(field: field, modifiers: modifiers, rawValues: [], values: values, valueLinking: linking,
                            position: SourcePosition(line: 7, column: 5)))
    }

    static func map(_ nodes: DetectionNode...) -> DetectionGroup { DetectionGroup(nodes: nodes, linking: .and) }

    static func rule(category: String? = nil, product: String? = "windows", service: String? = nil,
                     _ named: [(String, DetectionGroup)]) -> SigmaRule {
        SigmaRule(title: "fixture", logsource: LogSource(category: category, product: product, service: service),
                  detection: Detections(named: named.map { NamedDetection(name: $0.0, body: $0.1) },
                                        conditionTexts: [named.map(\.0).joined(separator: " and ")],
                                        conditions: [.and(named.map { .identifier($0.0) })]))
    }

    /// `and(Field=[s:value, n:1], or(...))`; a keyword item shows `_` as its field, `all[...]` marks AND values.
    static func render(_ group: DetectionGroup) -> String {
        "\(group.linking.rawValue)(" + group.nodes.map(render).joined(separator: ", ") + ")"
    }

    static func render(_ node: DetectionNode) -> String {
        switch node {
        case .group(let g): render(g)
        case .item(let i):
            (i.field ?? "_") + "=" + (i.valueLinking == .and ? "all" : "") + "["
                + i.values.map(render).joined(separator: ", ") + "]"
        }
    }

    static func render(_ value: SigmaValue) -> String {
        switch value {
        case .string(let s, _): "s:" + PlainValueText.of(s)
        case .number(let n): "n:\(n)"
        case .regex(let r, _): "re:" + r
        case .null: "null"
        case .bool(let b): "b:\(b)"
        default: "\(value)"
        }
    }

    /// The processed rule's detections rendered by name.
    static func apply(_ pipeline: String, _ rule: SigmaRule) throws(ConversionError) -> (table: String?, detections: [String: String]) {
        guard let p = KustoPipelines.named(pipeline) else { throw ConversionError(.invalidRule, "no pipeline \(pipeline)") }
        let processed = try p.apply(to: rule)
        var out: [String: String] = [:]
        for named in processed.rule.detection.named { out[named.name] = render(named.body) }
        return (processed.state.queryTable, out)
    }

    static func error(_ pipeline: String, _ rule: SigmaRule) -> ConversionError? {
        do {
            _ = try apply(pipeline, rule)
            return nil
        } catch {
            return error
        }
    }
}
