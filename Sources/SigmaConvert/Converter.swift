import SigmaKit

/// Converts Sigma rules into queries of one target (language + optional processing pipeline),
/// reproducing pySigma 1.5.1 and its kusto, splunk and elasticsearch backends.
public struct Converter: Sendable {
    /// Identifies the generator in stored queries, so outdated conversions can be recognised.
    public static let generatorVersion = "huntkb-convert/1 (pySigma 1.5.1, kusto 1.0.1, splunk 2.1.0, elasticsearch 2.1.1)"

    public let target: String
    public let pipelineName: String?
    private let backend: any TextQueryBackend
    private let pipeline: (any ProcessingPipeline)?

    /// - Parameters:
    ///   - target: `kusto`, `splunk`, `lucene`, `esql` or `eql`.
    ///   - pipeline: for `kusto`, one of `KustoPipelines.names`; for the Elastic targets, one of
    ///     `ElasticPipelines.names` (nil converts without field mapping).
    ///   - queryTable: for a kusto pipeline, the table every query reads (pySigma's `query_table`).
    public init(target: String, pipeline: String?, queryTable: String? = nil) throws(ConversionError) {
        switch target {
        case "kusto": backend = KustoBackend()
        case "splunk": backend = SplunkBackend()
        case "lucene": backend = LuceneBackend()
        case "esql": backend = ESQLBackend()
        case "eql": backend = EQLBackend()
        default:
            throw ConversionError(.unsupported, "unknown target '\(target)' (expected one of: \(Self.languageNames.joined(separator: ", ")))")
        }
        if let pipeline, ElasticPipelines.targets.contains(target) {
            guard queryTable == nil else {
                throw ConversionError(.unsupported, "a query table needs a kusto pipeline")
            }
            guard let found = ElasticPipelines.named(pipeline) else {
                throw ConversionError(.unsupported, "target '\(target)' has no pipeline '\(pipeline)' (expected one of: \(ElasticPipelines.names.joined(separator: ", ")))")
            }
            self.pipeline = found
        } else if let pipeline {
            guard target == "kusto" else {
                throw ConversionError(.unsupported, "target '\(target)' has no pipeline '\(pipeline)' (it converts without one)")
            }
            let lookup = queryTable.map { KustoPipelines.named(pipeline, queryTable: $0) } ?? KustoPipelines.named(pipeline)
            guard let found = lookup else {
                throw ConversionError(.unsupported, "unknown pipeline '\(pipeline)' (expected one of: \(KustoPipelines.names.joined(separator: ", ")))")
            }
            self.pipeline = found
        } else {
            if queryTable != nil {
                throw ConversionError(.unsupported, "a query table needs a kusto pipeline")
            }
            self.pipeline = nil
        }
        self.target = target
        self.pipelineName = pipeline
    }

    /// The converter of a `TargetDescription` key such as `kusto/microsoft_xdr`.
    public init(key: String) throws(ConversionError) {
        guard let description = Self.target(key: key) else {
            throw ConversionError(.unsupported, "unknown target '\(key)'")
        }
        try self.init(target: description.target, pipeline: description.pipeline)
    }

    /// The rule's queries (one per condition), joined with newlines.
    public func convert(_ rule: SigmaRule) -> Result<String, ConversionError> {
        convert(rule, excluding: [])
    }

    /// The tuned query: the rule's condition AND NOT each filter's condition (Sigma filters specification).
    public func convert(_ rule: SigmaRule, excluding filters: [SigmaFilter]) -> Result<String, ConversionError> {
        do throws(ConversionError) {
            return .success(try queries(for: rule, filters: filters).joined(separator: "\n"))
        } catch {
            return .failure(error)
        }
    }

    /// Every rule of a file (filters of the same file applied to the rules they name), queries joined with
    /// newlines. Correlations become Splunk correlation searches (other targets refuse them, like pySigma);
    /// rules they use are output only with `generate: true`. Files with errors or any failing rule are refused.
    public func convert(file: SigmaFile) -> Result<String, ConversionError> {
        if let first = file.errors.first {
            var diagnostic = first
            if diagnostic.path == nil { diagnostic.path = file.path }
            return .failure(ConversionError(.invalidRule, diagnostic.description, position: diagnostic.position))
        }
        var rules: [SigmaRule] = []
        var filters: [SigmaFilter] = []
        var correlations: [CorrelationRule] = []
        for document in file.documents {
            switch document {
            case .rule(let r): rules.append(r)
            case .filter(let f): filters.append(f)
            case .correlation(let c): correlations.append(c)
            }
        }
        let splunk = backend as? SplunkBackend
        if !correlations.isEmpty && splunk == nil {
            return .failure(ConversionError(.unsupported, "Backend does not support correlation rules."))
        }
        func refersTo(_ reference: String, _ rule: SigmaRule) -> Bool {
            reference == rule.id || (rule.name != nil && reference == rule.name)
        }
        func usedBy(_ rule: SigmaRule) -> [CorrelationRule] {
            correlations.filter { c in c.rules.contains { refersTo($0, rule) } }
        }
        do throws(ConversionError) {
            var converted: [Int: [String]] = [:]
            func queries(ofRuleAt index: Int) throws(ConversionError) -> [String] {
                if let done = converted[index] { return done }
                let rule = rules[index]
                let applicable = filters.filter { filter in filter.rules.contains { refersTo($0, rule) } }
                let result = try self.queries(for: rule, filters: applicable, finalize: usedBy(rule).isEmpty)
                converted[index] = result
                return result
            }
            var out: [String] = []
            var ruleIndex = 0
            for document in file.documents {
                switch document {
                case .rule(let rule):
                    let result = try queries(ofRuleAt: ruleIndex)
                    ruleIndex += 1
                    if usedBy(rule).allSatisfy(\.generate) { out.append(contentsOf: result) }
                case .correlation(let correlation):
                    var used: [CorrelatedRule] = []
                    for reference in correlation.rules {
                        guard let index = rules.firstIndex(where: { refersTo(reference, $0) }) else {
                            throw ConversionError(.invalidRule, "Rule '\(reference)' not found in rule collection")
                        }
                        used.append(CorrelatedRule(reference: reference, rule: rules[index], queries: try queries(ofRuleAt: index)))
                    }
                    if let splunk { out.append(try splunk.convertCorrelation(correlation, rules: used)) }
                case .filter:
                    continue
                }
            }
            return .success(out.joined(separator: "\n"))
        } catch {
            return .failure(error)
        }
    }

    func queries(for rule: SigmaRule, filters: [SigmaFilter], finalize: Bool = true) throws(ConversionError) -> [String] {
        let merged = filters.isEmpty ? rule : FilterMerging.merge(rule, filters)
        let processed = try pipeline?.apply(to: merged) ?? ProcessedRule(rule: merged)
        return try backend.convertRule(processed.rule, pipelineState: processed.state, finalize: finalize)
    }
}

/// Folds filter documents into a rule: their detections join the rule's under a private prefix and every
/// condition becomes `(condition) and not (filter condition)`, so pipelines map the filter's fields too.
enum FilterMerging {
    static func merge(_ rule: SigmaRule, _ filters: [SigmaFilter]) -> SigmaRule {
        var rule = rule
        for (index, filter) in filters.enumerated() {
            guard let filterCondition = filter.detection.conditions.first else { continue }
            let prefix = "_filt\(index)_"
            for named in filter.detection.named {
                rule.detection.named.append(NamedDetection(name: prefix + named.name, body: named.body))
            }
            let renamed = rename(filterCondition, prefix: prefix)
            rule.detection.conditions = rule.detection.conditions.map { .and([$0, .not(renamed)]) }
            let filterText = filter.detection.conditionTexts.first ?? ""
            rule.detection.conditionTexts = rule.detection.conditionTexts.map { "(\($0)) and not (\(filterText))" }
        }
        return rule
    }

    private static func rename(_ expr: ConditionExpression, prefix: String) -> ConditionExpression {
        switch expr {
        case .identifier(let name): .identifier(prefix + name)
        case .and(let args): .and(args.map { rename($0, prefix: prefix) })
        case .or(let args): .or(args.map { rename($0, prefix: prefix) })
        case .not(let arg): .not(rename(arg, prefix: prefix))
        case .selector(let q, let pattern, let matched):
            .selector(q, pattern: prefix + (pattern ?? "*"), matched: matched.map { prefix + $0 })
        }
    }
}
