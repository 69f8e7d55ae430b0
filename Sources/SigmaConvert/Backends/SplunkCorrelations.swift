import SigmaKit

/// A rule a correlation refers to, with its (unfinalized) queries.
struct CorrelatedRule: Sendable {
    /// The reference as written in the correlation's `rules:`.
    var reference: String
    var rule: SigmaRule
    var queries: [String]
}

/// Splunk correlation searches with the `stats` method, as pysigma-backend-splunk 2.1.0 writes them:
/// `{search}\n\n| bin _time span=...\n| stats ...\n\n| search <threshold>`.
extension SplunkBackend {
    func convertCorrelation(_ correlation: CorrelationRule, rules: [CorrelatedRule]) throws(ConversionError) -> String {
        if let extended = correlation.extendedExpression {
            return try convertExtendedTemporal(correlation, extended, rules: rules)
        }
        let aggregate: String
        let conditionTemplate: String
        guard correlation.conditions.count == 1, let condition = correlation.conditions.first else {
            throw ConversionError(.unsupported, "correlation '\(correlation.title)' needs exactly one threshold condition")
        }
        let timespan = try Self.timespan(correlation.timespan)
        let groupBy = correlation.groupBy.isEmpty ? "" : " " + correlation.groupBy.map(escapeField).joined(separator: " ")
        switch correlation.type {
        case .eventCount:
            aggregate = "| bin _time span=\(timespan)\n| stats count as event_count by _time\(groupBy)"
            conditionTemplate = "| search event_count {op} {count}"
        case .valueCount:
            guard let field = condition.field else {
                throw ConversionError(.invalidRule, "value_count correlation '\(correlation.title)' needs a condition field")
            }
            aggregate = "| bin _time span=\(timespan)\n| stats dc(\(escapeField(field))) as value_count by _time\(groupBy)"
            conditionTemplate = "| search value_count {op} {count}"
        case .temporal:
            aggregate = "| bin _time span=\(timespan)\n| stats dc(event_type) as event_type_count by _time\(groupBy)"
            conditionTemplate = "| search event_type_count {op} {count}"
        default:
            throw ConversionError(.unsupported, "Correlation type '\(correlation.type.rawValue)' is not supported by backend.")
        }
        let operators = ["lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "eq": "==", "neq": "!="]
        guard let op = operators[condition.op] else {
            throw ConversionError(.invalidRule, "unknown correlation condition operator '\(condition.op)'")
        }
        let conditionText = Template.format(conditionTemplate, ["op": op, "count": NumberRendering.text(condition.value)])
        let search = try correlationSearch(correlation, rules)
        return search + "\n\n" + aggregate + "\n\n" + conditionText
    }

    /// A temporal correlation whose condition is a boolean expression over the rules (`a and not b`):
    /// the event types seen per group are collected and the expression tests them.
    private func convertExtendedTemporal(_ correlation: CorrelationRule, _ expression: ConditionExpression,
                                         rules: [CorrelatedRule]) throws(ConversionError) -> String {
        guard correlation.type == .temporal else {
            throw ConversionError(.unsupported, "Correlation type '\(correlation.type.rawValue)' is not supported by backend.")
        }
        let timespan = try Self.timespan(correlation.timespan)
        let groupBy = correlation.groupBy.isEmpty ? "" : " " + correlation.groupBy.map(escapeField).joined(separator: " ")
        let aggregate = "| bin _time span=\(timespan)\n| stats values(event_type) as event_types by _time\(groupBy)"
        let names = Dictionary(rules.map { ($0.reference, $0.rule.name ?? $0.rule.id ?? $0.reference) },
                               uniquingKeysWith: { a, _ in a })
        let condition = "| search " + (try extendedCondition(expression, names: names))
        return try correlationSearch(correlation, rules) + "\n\n" + aggregate + "\n\n" + condition
    }

    /// pySigma's extended condition conversion: `event_types="<rule>"` terms joined with the search's
    /// tokens, grouped only where SPL's precedence (NOT, OR, AND) needs it.
    private func extendedCondition(_ expression: ConditionExpression, names: [String: String]) throws(ConversionError) -> String {
        func precedence(_ e: ConditionExpression) -> Int? {
            switch e {
            case .not: 0
            case .or: 1
            case .and: 2
            default: nil
            }
        }
        func argument(_ arg: ConditionExpression, outer: Int) throws(ConversionError) -> String {
            let text = try extendedCondition(arg, names: names)
            if let inner = precedence(arg), inner > outer { return "(" + text + ")" }
            return text
        }
        switch expression {
        case .identifier(let reference):
            return "event_types=\"\(names[reference] ?? reference)\""
        case .and(let args):
            var parts: [String] = []
            for arg in args { parts.append(" " + (try argument(arg, outer: 2)) + " ") }
            return Substring(parts.joined(separator: language.andToken)).trimmingPythonWhitespace()
        case .or(let args):
            var parts: [String] = []
            for arg in args { parts.append(" " + (try argument(arg, outer: 1)) + " ") }
            return Substring(parts.joined(separator: language.orToken)).trimmingPythonWhitespace()
        case .not(let arg):
            let text = try extendedCondition(arg, names: names)
            return language.notToken + " " + (precedence(arg) == nil ? text : "(" + text + ")")
        case .selector:
            throw ConversionError(.unsupported, "selectors (1 of, all of) are not allowed in a correlation condition")
        }
    }

    private func correlationSearch(_ correlation: CorrelationRule, _ rules: [CorrelatedRule]) throws(ConversionError) -> String {
        if rules.count == 1, rules[0].queries.count == 1 { return rules[0].queries[0] }
        var parts: [String] = []
        for ref in rules {
            let id = try ruleIdentifier(ref.rule.name ?? ref.rule.id ?? "")
            // Aliases are kept in a dictionary by the model: sorted for a stable output.
            var normalization = ""
            for alias in correlation.aliases.keys.sorted() {
                guard let field = correlation.aliases[alias]?[ref.reference] else { continue }
                normalization += " | rename \(escapeField(field)) as \(escapeField(alias))"
            }
            for query in ref.queries {
                parts.append("[ search \(query) | eval event_type=\"\(id)\"\(normalization) ]")
            }
        }
        return "| multisearch\n" + parts.joined(separator: "\n")
    }

    /// The rule name or id as a string value without its surrounding quotes (the template has them).
    private func ruleIdentifier(_ id: String) throws(ConversionError) -> String {
        let rendered = try renderString(SigmaString(sigma: id))
        if rendered.count >= 2, rendered.hasPrefix("\""), rendered.hasSuffix("\"") {
            return String(rendered.dropFirst().dropLast())
        }
        return rendered
    }

    /// `15m` stays as written; months are `mon` for Splunk.
    static func timespan(_ spec: String) throws(ConversionError) -> String {
        guard let unit = spec.last, "smhdwMy".contains(unit), spec.count >= 2,
              let count = Int(spec.dropLast()), count > 0, spec.dropLast().allSatisfy(\.isASCII) else {
            throw ConversionError(.invalidRule, "Timespan '\(spec)' is invalid.")
        }
        return unit == "M" ? "\(count)mon" : spec
    }
}
