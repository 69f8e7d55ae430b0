import SigmaKit

/// A query language backend: a `QueryLanguage` description plus overrides where the language really differs.
/// Every requirement has a default implementation following pySigma's `TextQueryBackend`; the defaults are
/// also reachable as `default…` methods so overrides can fall back to them.
protocol TextQueryBackend: Sendable {
    var language: QueryLanguage { get }

    func convert(_ node: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart
    func convertNot(_ arg: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart
    func comparePrecedence(outer: BooleanOperator, inner: ConditionNode) -> Bool
    func convertAsIn(_ args: [FieldCondition], isOr: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart
    func convertFieldString(_ cond: FieldCondition, _ value: SigmaString, state: inout ConversionState) throws(ConversionError) -> QueryPart
    func convertFieldNumber(_ cond: FieldCondition, _ value: SigmaNumber, state: inout ConversionState) throws(ConversionError) -> QueryPart
    func convertFieldRegex(_ cond: FieldCondition, pattern: String, flags: [RegexFlag], state: inout ConversionState) throws(ConversionError) -> QueryPart
    func convertFieldCIDR(_ cond: FieldCondition, _ cidr: String, state: inout ConversionState) throws(ConversionError) -> QueryPart
    func convertFieldRef(_ cond: FieldCondition, other: String, startsWith: Bool, endsWith: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart
    func convertFieldExpansion(_ cond: FieldCondition, _ values: [SigmaValue], state: inout ConversionState) throws(ConversionError) -> QueryPart
    func convertKeywordString(_ value: SigmaString, state: inout ConversionState) throws(ConversionError) -> QueryPart
    /// pySigma's `convert_value_str`: a string value escaped and quoted for the language.
    func renderString(_ value: SigmaString) throws(ConversionError) -> String
    /// Assembles the query from the converted condition and the deferred parts (pySigma's `finish_query`).
    func finishQuery(_ query: QueryPart, rule: SigmaRule, state: inout ConversionState) throws(ConversionError) -> String
    /// Final touches per query (pySigma's `finalize_query_default` plus pipeline post-processing).
    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState) throws(ConversionError) -> String
    /// Final touches per query in an output format other than `default` (pySigma's `finalize_query_<format>`).
    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState, format: String) throws(ConversionError) -> String
    /// The whole output of a format from its queries (pySigma's `finalize_output_<format>`).
    func finalizeOutput(_ queries: [String], format: String) -> String
}

extension TextQueryBackend {
    // MARK: Dispatch

    func convert(_ node: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        try defaultConvert(node, state: &state)
    }

    func defaultConvert(_ node: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        switch node {
        case .or(let args):
            if let fields = inListArguments(args, isOr: true) {
                return try convertAsIn(fields, isOr: true, state: &state)
            }
            return try convertLinked(args, op: .or, state: &state)
        case .and(let args):
            if let fields = inListArguments(args, isOr: false) {
                return try convertAsIn(fields, isOr: false, state: &state)
            }
            return try convertLinked(args, op: .and, state: &state)
        case .not(let arg):
            return try convertNot(arg, state: &state)
        case .field(let cond):
            return try convertField(cond, state: &state)
        case .keyword(let value, _):
            return try convertKeyword(value, state: &state)
        case .empty:
            return .none
        }
    }

    /// pySigma's `decide_convert_condition_as_in_expression`: the field conditions when the node qualifies.
    func inListArguments(_ args: [ConditionNode], isOr: Bool) -> [FieldCondition]? {
        let lang = language
        guard isOr ? lang.convertOrAsIn : lang.convertAndAsIn else { return nil }
        var fields: [FieldCondition] = []
        fields.reserveCapacity(args.count)
        for arg in args {
            guard case .field(let f) = arg else { return nil }
            switch f.value {
            case .string(let s, _):
                if !lang.inExpressionsAllowWildcards && s.hasSpecial { return nil }
            case .number: break
            default: return nil
            }
            if let first = fields.first, first.field != f.field { return nil }
            fields.append(f)
        }
        return fields.isEmpty ? nil : fields
    }

    // MARK: Boolean operators

    func convertLinked(_ args: [ConditionNode], op: BooleanOperator, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let lang = language
        let token = op == .or ? lang.orToken : lang.andToken
        let joiner = lang.tokenSeparator == token ? token : lang.tokenSeparator + token + lang.tokenSeparator
        var parts: [String] = []
        parts.reserveCapacity(args.count)
        for arg in args {
            let converted = comparePrecedence(outer: op, inner: arg)
                ? try convert(arg, state: &state)
                : try convertGroup(arg, state: &state)
            if case .text(let t) = converted { parts.append(t) }
        }
        if parts.isEmpty {
            if let empty = op == .or ? lang.emptyOrExpression : lang.emptyAndExpression { return .text(empty) }
            return .none
        }
        return .text(parts.joined(separator: joiner))
    }

    func convertGroup(_ node: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let expr = try convert(node, state: &state)
        guard case .text(let t) = expr else { return expr }
        // The closure form: no dictionary per group, and every query has several.
        return .text(Template.format(language.groupExpression) { $0 == "expr" ? t : nil })
    }

    func comparePrecedence(outer: BooleanOperator, inner: ConditionNode) -> Bool {
        defaultComparePrecedence(outer: outer, inner: inner)
    }

    func defaultComparePrecedence(outer: BooleanOperator, inner: ConditionNode) -> Bool {
        let lang = language
        let innerIndex: Int
        switch inner {
        case .field(let f):
            if case .expansion = f.value { innerIndex = lang.precedenceIndex(.or) } else { innerIndex = -1 }
        case .keyword(let v, _):
            if case .expansion = v { innerIndex = lang.precedenceIndex(.or) } else { innerIndex = -1 }
        case .empty:
            innerIndex = -1
        default:
            if lang.parenthesize { return false }
            innerIndex = lang.precedenceIndex(inner.op)
        }
        return innerIndex <= lang.precedenceIndex(outer)
    }

    func convertNot(_ arg: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        try defaultConvertNot(arg, state: &state)
    }

    func defaultConvertNot(_ arg: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let lang = language
        if arg.op != nil {
            let group = try convertGroup(arg, state: &state)
            guard case .text(let t) = group else { return group }
            return .text(lang.notToken + lang.tokenSeparator + t)
        }
        let expr = try convert(arg, state: &state)
        switch expr {
        case .deferred(let i):
            state.deferred[i].negated.toggle()
            return expr
        case .text(let t):
            return .text(lang.notToken + lang.tokenSeparator + t)
        case .none:
            return .none
        }
    }

    // MARK: In-lists

    func convertAsIn(_ args: [FieldCondition], isOr: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        try defaultConvertAsIn(args, isOr: isOr, state: &state)
    }

    func defaultConvertAsIn(_ args: [FieldCondition], isOr: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let lang = language
        guard let template = lang.fieldInListExpression, let separator = lang.listSeparator,
              let op = isOr ? lang.orInOperator : lang.andInOperator else {
            throw ConversionError(.unsupported, "Field in list expressions are not supported by the backend")
        }
        var items: [String] = []
        items.reserveCapacity(args.count)
        for arg in args {
            switch arg.value {
            case .string(let s, _): items.append(try renderString(s))
            case .number(let n): items.append(NumberRendering.text(n))
            default: break
            }
        }
        let field = escapeField(args[0].field), list = items.joined(separator: separator)
        return .text(Template.format(template) { name in
            name == "field" ? field : name == "op" ? op : name == "list" ? list : nil
        })
    }

    // MARK: Field = value

    func convertField(_ cond: FieldCondition, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        // The language is copied only where a case reads it: a copy retains and releases its every template, and
        // string values, the most common by far, do not need it here.
        switch cond.value {
        case .string(let s, let cased):
            return cased ? try convertFieldCasedString(cond, s, state: &state) : try convertFieldString(cond, s, state: &state)
        case .number(let n):
            if cond.timestampPart {
                // None of the languages has a template for date parts (pySigma's field_timestamp_part_expression).
                throw ConversionError(.unsupported, "Field equals timestamp part value expressions are not supported by the backend.")
            }
            return try convertFieldNumber(cond, n, state: &state)
        case .bool(let b):
            let lang = language
            guard let token = b ? lang.boolTrue : lang.boolFalse else {
                throw ConversionError(.unsupported, "Boolean value \(b ? "True" : "False") not supported by the backend.")
            }
            return .text(escapeField(cond.field) + lang.eqToken + token)
        case .regex(let pattern, let flags):
            return try convertFieldRegex(cond, pattern: pattern, flags: flags, state: &state)
        case .cidr(let cidr):
            return try convertFieldCIDR(cond, cidr, state: &state)
        case .compare(let op, let n):
            let lang = language
            guard let template = lang.compareOpExpression, let token = lang.compareOperators[op] else {
                throw ConversionError(.unsupported, "Comparison operations are not supported by the backend.")
            }
            return .text(Template.format(template, [
                "field": escapeField(cond.field), "operator": token, "value": NumberRendering.text(n),
            ]))
        case .fieldRef(let other, let startsWith, let endsWith):
            return try convertFieldRef(cond, other: other, startsWith: startsWith, endsWith: endsWith, state: &state)
        case .null:
            guard let template = language.fieldNullExpression else {
                throw ConversionError(.unsupported, "Field null expressions are not supported by the backend.")
            }
            return .text(Template.format(template, ["field": escapeField(cond.field)]))
        case .exists(let exists):
            let lang = language
            if lang.fieldNotExistsExpression != nil {
                let template = exists ? lang.fieldExistsExpression : lang.fieldNotExistsExpression
                guard let template else {
                    throw ConversionError(.unsupported, "Field exists expressions are not supported by the backend.")
                }
                return .text(Template.format(template, ["field": escapeField(cond.field)]))
            }
            if exists {
                guard let template = lang.fieldExistsExpression else {
                    throw ConversionError(.unsupported, "Field exists expressions are not supported by the backend.")
                }
                return .text(Template.format(template, ["field": escapeField(cond.field)]))
            }
            var positive = cond
            positive.value = .exists(true)
            return try convertNot(.field(positive), state: &state)
        case .expansion(let values):
            return try convertFieldExpansion(cond, values, state: &state)
        }
    }

    func convertFieldNumber(_ cond: FieldCondition, _ value: SigmaNumber, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        .text(escapeField(cond.field) + language.eqToken + NumberRendering.text(value))
    }

    func convertFieldString(_ cond: FieldCondition, _ value: SigmaString, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        try defaultConvertFieldString(cond, value, state: &state)
    }

    /// pySigma's `convert_condition_field_eq_val_str`: startswith/endswith/contains templates when the
    /// wildcards sit only at the ends, else the wildcard-match or the plain equality template.
    func defaultConvertFieldString(_ cond: FieldCondition, _ value: SigmaString, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let lang = language
        let (template, rest) = chooseStringTemplate(value, startswith: lang.startswithExpression,
                                                    endswith: lang.endswithExpression,
                                                    contains: lang.containsExpression,
                                                    wildcard: lang.wildcardMatchExpression)
        let eq = lang.eqExpression ?? "{field}" + lang.eqToken + "{value}"
        return .text(try fillStringTemplate(template ?? eq, field: escapeField(cond.field), value: rest))
    }

    func chooseStringTemplate(_ value: SigmaString, startswith: String?, endswith: String?, contains: String?,
                              wildcard: String?) -> (String?, SigmaString) {
        if let startswith, value.endsWithWildcard {
            let rest = value.dropping(front: 0, back: 1)
            if !rest.hasSpecial { return (startswith, rest) }
        }
        if let endswith, value.startsWithWildcard {
            let rest = value.dropping(front: 1, back: 0)
            if !rest.hasSpecial { return (endswith, rest) }
        }
        if let contains, value.startsWithWildcard, value.endsWithWildcard {
            let rest = value.dropping(front: 1, back: 1)
            if !rest.hasSpecial { return (contains, rest) }
        }
        if let wildcard, value.hasSpecial { return (wildcard, value) }
        return (nil, value)
    }

    func fillStringTemplate(_ template: String, field: String, value: SigmaString) throws(ConversionError) -> String {
        // Runs for every value of every rule: no dictionary of the three names, and the regex only when asked for.
        let rendered = try renderString(value)
        var regex: String?
        if Template.mentions(template, "{regex}") {
            let pattern = try value.regexPattern(customEscaped: language.addEscapedRe)
            regex = renderRegex(pattern, flags: [])
        }
        return Template.format(template) { name in
            name == "field" ? field : name == "value" ? rendered : name == "regex" ? regex : nil
        }
    }

    func convertFieldCasedString(_ cond: FieldCondition, _ value: SigmaString, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let lang = language
        let (template, rest) = chooseStringTemplate(value, startswith: lang.caseSensitiveStartswithExpression,
                                                    endswith: lang.caseSensitiveEndswithExpression,
                                                    contains: lang.caseSensitiveContainsExpression, wildcard: nil)
        guard let chosen = template ?? lang.caseSensitiveMatchExpression else {
            throw ConversionError(.unsupported, "Case-sensitive string matching is not supported by backend.")
        }
        return .text(try fillStringTemplate(chosen, field: escapeField(cond.field), value: template == nil ? value : rest))
    }

    func convertFieldRegex(_ cond: FieldCondition, pattern: String, flags: [RegexFlag], state: inout ConversionState) throws(ConversionError) -> QueryPart {
        .text(try defaultRegexExpression(cond, pattern: pattern, flags: flags))
    }

    func defaultRegexExpression(_ cond: FieldCondition, pattern: String, flags: [RegexFlag]) throws(ConversionError) -> String {
        guard let template = language.reExpression else {
            throw ConversionError(.unsupported, "Regular expression template is not supported by the backend.")
        }
        var values = try flagValues(flags)
        values["field"] = escapeField(cond.field)
        values["regex"] = renderRegex(pattern, flags: flags)
        return Template.format(template, values)
    }

    func flagValues(_ flags: [RegexFlag]) throws(ConversionError) -> [String: String] {
        var values: [String: String] = [:]
        for flag in RegexFlag.allCases {
            guard let token = language.reFlags[flag] else {
                if flags.contains(flag) {
                    throw ConversionError(.unsupported, "Regular expression flag \(flag.rawValue) not supported by the backend.")
                }
                continue
            }
            values["flag_\(flag.rawValue)"] = flags.contains(flag) ? token : ""
        }
        return values
    }

    func renderRegex(_ pattern: String, flags: [RegexFlag]) -> String {
        let lang = language
        return RegexRendering.escape(pattern, flags: flags, escaped: lang.reEscape, escapeChar: lang.reEscapeChar,
                                     escapeEscapeChar: lang.reEscapeEscapeChar, flagPrefix: lang.reFlagPrefix)
    }

    func convertFieldCIDR(_ cond: FieldCondition, _ cidr: String, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        .text(try defaultCIDRExpression(cond, cidr))
    }

    func defaultCIDRExpression(_ cond: FieldCondition, _ cidr: String) throws(ConversionError) -> String {
        guard let network = CIDRNetwork(cidr) else {
            throw ConversionError(.invalidRule, "Invalid CIDR expression: \(cidr)")
        }
        guard let template = language.cidrExpression else {
            throw ConversionError(.unsupported, "CIDR expressions are not supported by the backend.")
        }
        return Template.format(template, [
            "field": cond.field, "value": network.description, "network": network.networkAddressText,
            "prefixlen": String(network.prefixLength),
        ])
    }

    func convertFieldRef(_ cond: FieldCondition, other: String, startsWith: Bool, endsWith: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        .text(try defaultFieldRefExpression(cond, other: other, startsWith: startsWith, endsWith: endsWith))
    }

    func defaultFieldRefExpression(_ cond: FieldCondition, other: String, startsWith: Bool, endsWith: Bool) throws(ConversionError) -> String {
        let lang = language
        let template: String?
        let kind: String
        switch (startsWith, endsWith) {
        case (true, true): template = lang.fieldEqualsFieldContainsExpression; kind = " contains"
        case (true, false): template = lang.fieldEqualsFieldStartswithExpression; kind = " startswith"
        case (false, true): template = lang.fieldEqualsFieldEndswithExpression; kind = " endswith"
        case (false, false): template = lang.fieldEqualsFieldExpression; kind = ""
        }
        guard let template else {
            throw ConversionError(.unsupported, "Field reference\(kind) expression is not supported by backend.")
        }
        return Template.format(template, ["field1": escapeField(cond.field), "field2": escapeField(other)])
    }

    func convertFieldExpansion(_ cond: FieldCondition, _ values: [SigmaValue], state: inout ConversionState) throws(ConversionError) -> QueryPart {
        // The expanded alternatives are fresh nodes without parents in pySigma.
        let nodes = values.map { ConditionNode.field(FieldCondition(field: cond.field, value: $0, underOr: false)) }
        return try convertLinked(nodes, op: .or, state: &state)
    }

    // MARK: Keywords

    func convertKeyword(_ value: SigmaValue, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let lang = language
        switch value {
        case .string(let s, _):
            return try convertKeywordString(s, state: &state)
        case .number(let n):
            guard let template = lang.unboundValueNumExpression else {
                throw ConversionError(.unsupported, "Numeric value expressions are not supported by the backend.")
            }
            return .text(Template.format(template, ["value": NumberRendering.text(n)]))
        case .bool:
            throw ConversionError(.invalidRule, "Boolean values can't appear as standalone value without a field name.")
        case .regex(let pattern, let flags):
            guard let template = lang.unboundValueReExpression else {
                throw ConversionError(.unsupported, "Regular expression template is not supported by the backend.")
            }
            var values = try flagValues(flags)
            values["value"] = renderRegex(pattern, flags: flags)
            return .text(Template.format(template, values))
        case .cidr:
            throw ConversionError(.invalidRule, "CIDR values can't appear as standalone value without a field name.")
        case .null, .exists, .compare, .fieldRef, .expansion:
            throw ConversionError(.unsupported, "This value type can't appear as standalone value without a field name.")
        }
    }

    func convertKeywordString(_ value: SigmaString, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        guard let template = language.unboundValueStrExpression else {
            throw ConversionError(.unsupported, "String value expressions are not supported by the backend.")
        }
        return .text(try fillStringTemplate(template, field: "", value: value))
    }

    // MARK: Rendering

    func renderString(_ value: SigmaString) throws(ConversionError) -> String {
        try defaultRenderString(value)
    }

    func defaultRenderString(_ value: SigmaString) throws(ConversionError) -> String {
        let lang = language
        let converted = try value.render(escapeChar: lang.escapeChar, wildcardMulti: lang.wildcardMulti,
                                         wildcardSingle: lang.wildcardSingle,
                                         addEscaped: lang.strQuote + lang.addEscaped, filterChars: lang.filterChars)
        return shouldQuote(value) ? lang.strQuote + converted + lang.strQuote : converted
    }

    /// pySigma's `decide_string_quoting`.
    func shouldQuote(_ value: SigmaString) -> Bool {
        let lang = language
        if lang.strQuote.isEmpty { return false }
        guard let pattern = lang.strQuotePattern else { return true }
        let matched = pattern(value)
        return lang.strQuotePatternNegation ? !matched : matched
    }

    /// pySigma's `escape_and_quote_field`.
    func escapeField(_ field: String) -> String {
        let lang = language
        var name = field
        // An empty escape string joins the pieces back unchanged (kusto): nothing to do.
        if let escape = lang.fieldEscape, !escape.isEmpty, needsEscaping(field) {
            var marks = Set<Int>()
            let scalars = Array(field.unicodeScalars)
            if let pattern = lang.fieldEscapePattern {
                for (i, s) in scalars.enumerated() where pattern(s) { marks.insert(i) }
            }
            if lang.fieldEscapeQuote, let quote = lang.fieldQuote, !quote.isEmpty {
                let q = Array(quote.unicodeScalars)
                var i = 0
                while i + q.count <= scalars.count {
                    if Array(scalars[i..<(i + q.count)]) == q { marks.insert(i); i += q.count } else { i += 1 }
                }
            }
            var view = String.UnicodeScalarView()
            for (i, s) in scalars.enumerated() {
                if marks.contains(i) { view.append(contentsOf: escape.unicodeScalars) }
                view.append(s)
            }
            name = String(view)
        }
        if let quote = lang.fieldQuote {
            var doQuote = true
            if let pattern = lang.fieldQuotePattern {
                let matched = pattern(name)
                doQuote = lang.fieldQuotePatternNegation ? !matched : matched
            }
            if doQuote { return quote + name + quote }
        }
        return name
    }

    /// Cheap pre-check: does any character of the field name need the field escape?
    private func needsEscaping(_ field: String) -> Bool {
        let lang = language
        let quoteStart = lang.fieldEscapeQuote ? lang.fieldQuote?.unicodeScalars.first : nil
        for s in field.unicodeScalars {
            if let pattern = lang.fieldEscapePattern, pattern(s) { return true }
            if let quoteStart, s == quoteStart { return true }
        }
        return false
    }

    // MARK: Query assembly

    func finishQuery(_ query: QueryPart, rule: SigmaRule, state: inout ConversionState) throws(ConversionError) -> String {
        try defaultFinishQuery(query, rule: rule, state: &state)
    }

    func defaultFinishQuery(_ query: QueryPart, rule: SigmaRule, state: inout ConversionState) throws(ConversionError) -> String {
        let lang = language
        var main: String
        switch query {
        case .text(let t): main = t
        case .deferred, .none: main = lang.deferredOnlyQuery
        }
        let expression = main
        main = Template.format(lang.queryExpression) { $0 == "query" ? expression : nil }
        if !state.deferred.isEmpty {
            guard let start = lang.deferredStart, let separator = lang.deferredSeparator else {
                throw ConversionError(.unsupported, "Deferred query parts are not supported by the backend.")
            }
            main += start + state.deferred.map { $0.finalize() }.joined(separator: separator)
        }
        return main
    }

    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState) throws(ConversionError) -> String {
        query
    }

    // MARK: Rules

    /// Converts every condition of a rule; one query per condition that yields an expression. Rules that a
    /// correlation uses are not finalized (pySigma's `finalize_correlation_subqueries = False`).
    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState, format: String) throws(ConversionError) -> String {
        if format != QueryFormatDescription.defaultName {
            throw ConversionError(.unsupported, "query format '\(format)' is not supported by this backend")
        }
        return try finalizeQuery(query, rule: rule, state: state)
    }

    func finalizeOutput(_ queries: [String], format: String) -> String {
        queries.joined(separator: "\n")
    }

    func convertRule(_ rule: SigmaRule, pipelineState: PipelineState, finalize: Bool = true,
                     format: String = QueryFormatDescription.defaultName) throws(ConversionError) -> [String] {
        for text in rule.detection.conditionTexts where text.utf8.contains(UInt8(ascii: "|")) {
            throw ConversionError(.invalidRule, "The pipe syntax in Sigma conditions has been deprecated and replaced by Sigma correlations.")
        }
        let builder = ConditionTreeBuilder(detections: rule.detection)
        var queries: [String] = []
        for condition in rule.detection.conditions {
            guard let tree = try builder.build(condition) else { continue }
            var state = ConversionState(pipeline: pipelineState)
            let part = try convert(tree, state: &state)
            if case .none = part { continue }
            let finished = try finishQuery(part, rule: rule, state: &state)
            queries.append(finalize ? try finalizeQuery(finished, rule: rule, state: state, format: format) : finished)
        }
        return queries
    }
}
