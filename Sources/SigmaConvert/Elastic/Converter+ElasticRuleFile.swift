import SigmaKit

extension Converter {
    /// The rule as Elastic Security detection rules (`siem_rule_ndjson`): one NDJSON line per query.
    /// - Parameters:
    ///   - filters: Sigma filters ANDed to the rule, as `convert(_:excluding:)` does.
    ///   - attack: ATT&CK names for the `threat` mapping (the catalog's ATT&CK data).
    ///   - indexNames: the index patterns of Lucene and EQL rules; the reference's list by default.
    public func elasticRuleFile(_ rule: SigmaRule, excluding filters: [SigmaFilter] = [], attack: any AttackLookup,
                                indexNames: [String] = ElasticRuleFile.defaultIndexNames) -> Result<String, ConversionError> {
        do throws(ConversionError) {
            try requireElasticRuleFile()
            let queries = try queries(for: rule, filters: filters)
            return .success(try ElasticRuleFile.ndjson(rule: rule, queries: queries, target: target, attack: attack,
                                                       indexNames: indexNames))
        } catch {
            return .failure(error)
        }
    }

    /// Every rule of a file as Elastic Security detection rules, filters of the same file applied to the rules
    /// they name. Files with errors or correlation rules are refused.
    public func elasticRuleFile(file: SigmaFile, attack: any AttackLookup,
                                indexNames: [String] = ElasticRuleFile.defaultIndexNames) -> Result<String, ConversionError> {
        if let first = file.errors.first {
            var diagnostic = first
            if diagnostic.path == nil { diagnostic.path = file.path }
            return .failure(ConversionError(.invalidRule, diagnostic.description, position: diagnostic.position))
        }
        var rules: [SigmaRule] = []
        var filters: [SigmaFilter] = []
        for document in file.documents {
            switch document {
            case .rule(let r): rules.append(r)
            case .filter(let f): filters.append(f)
            case .correlation:
                return .failure(ConversionError(.unsupported,
                    "output format '\(ElasticRuleFile.formatName)' does not cover correlation rules"))
            }
        }
        var lines: [String] = []
        for rule in rules {
            let applicable = filters.filter { filter in
                filter.rules.contains { $0 == rule.id || (rule.name != nil && $0 == rule.name) }
            }
            switch elasticRuleFile(rule, excluding: applicable, attack: attack, indexNames: indexNames) {
            case .success(let text): lines.append(text)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(lines.joined(separator: "\n"))
    }

    private func requireElasticRuleFile() throws(ConversionError) {
        guard ElasticRuleFile.targets.contains(target) else {
            throw ConversionError(.unsupported,
                "target '\(target)' has no output format '\(ElasticRuleFile.formatName)' (it is for \(ElasticRuleFile.targets.joined(separator: ", ")))")
        }
    }
}
