import SigmaKit

/// What converting one condition node yields: query text, a reference to a deferred part, or nothing.
enum QueryPart: Sendable, Hashable {
    case text(String)
    /// Index into `ConversionState.deferred`.
    case deferred(Int)
    case none

    var text: String? {
        if case .text(let t) = self { return t }
        return nil
    }
}

/// A query part appended after the main expression (pySigma's `DeferredTextQueryExpression`),
/// e.g. Splunk's `| regex field="..."`.
struct DeferredExpression: Sendable, Hashable {
    /// Backend-defined tag to tell kinds apart at finishing time.
    var kind: String
    /// Template with `{field}`, `{op}` and `{value}`.
    var template: String
    var field: String
    var value: String
    var operatorNormal: String
    var operatorNegated: String
    var negated = false

    func finalize() -> String {
        let op = negated ? operatorNegated : operatorNormal
        return Template.format(template) { name in name == "field" ? field : name == "op" ? op : name == "value" ? value : nil }
    }
}

/// Mutable state of converting one condition of one rule.
struct ConversionState: Sendable {
    var pipeline: PipelineState
    var deferred: [DeferredExpression] = []
    /// Per-field counters of backends that number generated names (Splunk's OR-ed regexes).
    var fieldCounts: [String: Int] = [:]
    /// Free-form values a backend passes from finishing to finalizing.
    var notes: [String: [String]] = [:]

    init(pipeline: PipelineState) {
        self.pipeline = pipeline
    }
}
