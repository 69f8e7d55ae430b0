import SigmaKit

/// Converts Sigma rules into queries of one target (language + optional processing pipeline),
/// reproducing pySigma 1.5.1 and its kusto, splunk and elasticsearch backends.
public struct Converter: Sendable {
    /// Identifies the generator in stored queries, so outdated conversions can be recognised.
    public static let generatorVersion = "huntkb-convert/1 (pySigma 1.5.1, kusto 1.0.1, splunk 2.1.0, elasticsearch 2.1.1)"

    public let target: String
    public let pipelineName: String?
    /// The output format (`default`, `savedsearches`, `data_model`, ...).
    public let queryFormat: String
    private let backend: any TextQueryBackend
    private let pipeline: (any ProcessingPipeline)?
    private let convertsCorrelations: Bool
    /// The backend as the Splunk one when it converts correlations: cast once, not once per file.
    private let correlationBackend: SplunkBackend?
    /// ATT&CK names for output formats that carry the rule's mapping (`siem_rule_ndjson`).
    private let attack: (any AttackLookup)?

    /// - Parameters:
    ///   - target: a language of `ConverterRegistry.languages` (`kusto`, `splunk`, `lucene`).
    ///   - pipeline: one of that language's pipelines (nil converts without field mapping).
    ///   - queryTable: for a kusto pipeline, the table every query reads (pySigma's `query_table`).
    ///   - queryFormat: one of the language's output formats (nil is `default`).
    ///   - attack: ATT&CK names for formats that carry the rule's mapping (the catalog's ATT&CK data).
    public init(target: String, pipeline: String?, queryTable: String? = nil, queryFormat: String? = nil,
                attack: (any AttackLookup)? = nil) throws(ConversionError) {
        try ConverterRegistry.validate(target: target, pipeline: pipeline, queryFormat: queryFormat)
        guard let language = ConverterRegistry.language(target) else {
            throw ConversionError(.unsupported, "unknown target '\(target)'")
        }
        backend = language.makeBackend()
        convertsCorrelations = language.convertsCorrelations
        correlationBackend = convertsCorrelations ? backend as? SplunkBackend : nil
        if let pipeline, let entry = ConverterRegistry.pipeline(pipeline) {
            if queryTable != nil && !entry.acceptsQueryTable {
                throw ConversionError(.unsupported, "pipeline '\(pipeline)' takes no query table (only kusto pipelines do)")
            }
            self.pipeline = entry.pipeline(PipelineOptions(queryTable: queryTable))
        } else {
            if queryTable != nil {
                throw ConversionError(.unsupported, "a query table needs a kusto pipeline")
            }
            self.pipeline = nil
        }
        self.target = target
        self.pipelineName = pipeline
        self.queryFormat = queryFormat ?? QueryFormatDescription.defaultName
        self.attack = attack
    }

    /// The converter of a `TargetDescription` key such as `kusto/microsoft_xdr` (or an alias such as `asim`).
    public init(key: String) throws(ConversionError) {
        guard let description = Self.target(key: key) ?? Self.target(named: key) else {
            throw ConversionError(.unsupported, "unknown target '\(key)' (expected one of: \(ConverterRegistry.targetNames.joined(separator: ", ")))")
        }
        try self.init(description)
    }

    /// The converter of a registered target.
    public init(_ description: TargetDescription) throws(ConversionError) {
        try self.init(target: description.target, pipeline: description.pipeline, queryFormat: description.queryFormat)
    }

    /// The whole output of several converted files (sigma-cli's output finalization: the `[default]` stanza of
    /// `savedsearches`, for example); `convert(file:)` results are the parts.
    public func finalizeOutput(_ parts: [String]) -> String {
        backend.finalizeOutput(parts, format: queryFormat)
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
        let splunk = correlationBackend
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

    private func queries(for rule: SigmaRule, filters: [SigmaFilter], finalize: Bool = true) throws(ConversionError) -> [String] {
        let merged = filters.isEmpty ? rule : FilterMerging.merge(rule, filters)
        let processed = try pipeline?.apply(to: merged) ?? ProcessedRule(rule: merged)
        if queryFormat == ElasticRuleFile.formatName {
            // The rule file wraps the default queries with the rule's metadata and ATT&CK mapping.
            let queries = try backend.convertRule(processed.rule, pipelineState: processed.state, finalize: finalize,
                                                  format: QueryFormatDescription.defaultName)
            if queries.isEmpty { return [] }
            return [try ElasticRuleFile.ndjson(rule: rule, queries: queries, target: target, attack: attack ?? AttackNames.empty)]
        }
        return try backend.convertRule(processed.rule, pipelineState: processed.state, finalize: finalize, format: queryFormat)
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
