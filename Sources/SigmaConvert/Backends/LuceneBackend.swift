import SigmaKit

/// Elasticsearch query strings as pySigma-backend-elasticsearch 2.1.1's `LuceneBackend` writes them.
struct LuceneBackend: TextQueryBackend {
    let language: QueryLanguage = {
        var l = QueryLanguage(orToken: "OR", andToken: "AND", notToken: "NOT", eqToken: ":")
        l.precedence = [.not, .or, .and]
        l.parenthesize = true
        l.fieldEscape = "\\"
        l.fieldEscapePattern = { $0.isUnicodeWhitespace || $0 == "*" }
        l.strQuote = "\""
        // `^$` on str(value): only the empty string is quoted.
        l.strQuotePattern = { $0.isEmpty }
        l.strQuotePatternNegation = false
        l.escapeChar = "\\"
        l.wildcardMulti = "*"
        l.wildcardSingle = "?"
        l.addEscaped = "+-=&|!(){}[]<>^\"~*?:\\/ "
        l.boolTrue = "true"
        l.boolFalse = "false"
        l.reExpression = "{field}:/{regex}/"
        l.reEscape = ["/"]
        l.reEscapeEscapeChar = false
        l.cidrExpression = "{field}:{network}\\/{prefixlen}"
        l.compareOpExpression = "{field}:{operator}{value}"
        l.compareOperators = [.lt: "<", .lte: "<=", .gt: ">", .gte: ">="]
        l.fieldNullExpression = "NOT _exists_:{field}"
        l.convertOrAsIn = true
        l.inExpressionsAllowWildcards = true
        l.fieldInListExpression = "{field}{op}({list})"
        l.orInOperator = ":"
        l.listSeparator = " OR "
        l.fieldExistsExpression = "_exists_:{field}"
        l.fieldNotExistsExpression = "NOT _exists_:{field}"
        l.unboundValueStrExpression = "*{value}*"
        l.unboundValueNumExpression = "{value}"
        return l
    }()

    private static func isNull(_ node: ConditionNode) -> Bool {
        if case .field(let f) = node, case .null = f.value { return true }
        return false
    }

    /// `not null` is `_exists_:field` rather than a double negation.
    func convertNot(_ arg: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        if case .field(let f) = arg, case .null = f.value { return .text("_exists_:" + f.field) }
        return try defaultConvertNot(arg, state: &state)
    }

    func comparePrecedence(outer: BooleanOperator, inner: ConditionNode) -> Bool {
        if case .not(let negated) = inner, Self.isNull(negated) { return true }
        if Self.isNull(inner) { return false }
        return defaultComparePrecedence(outer: outer, inner: inner)
    }

    func convertFieldRef(_ cond: FieldCondition, other: String, startsWith: Bool, endsWith: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        throw ConversionError(.unsupported, "ES Lucene backend can't handle field references.")
    }

    /// IPv6 colons are escaped, except the one separating field and value.
    func convertFieldCIDR(_ cond: FieldCondition, _ cidr: String, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let expr = try defaultCIDRExpression(cond, cidr)
        guard cidr.contains(":") else { return .text(expr) }
        var escaped = expr.replacing(":", with: "\\:")
        if let first = escaped.firstRange(of: "\\:") { escaped.replaceSubrange(first, with: ":") }
        return .text(escaped)
    }

    /// Expanded values (windash, base64offset) are always written as a value list.
    func convertFieldExpansion(_ cond: FieldCondition, _ values: [SigmaValue], state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let nodes = values.map { ConditionNode.field(FieldCondition(field: cond.field, value: $0, underOr: false)) }
        if let fields = inListArguments(nodes, isOr: true) {
            return try convertAsIn(fields, isOr: true, state: &state)
        }
        throw ConversionError(.unsupported, "'ConditionFieldEqualsValueExpression' object has no attribute 'args'")
    }

    /// The escaped characters of a phrase (spaces stay), made once.
    private static let phraseEscaped = LuceneBackend().language.addEscaped.replacing(" ", with: "")

    /// Plain values with spaces are phrase-quoted instead of escaping every space.
    func renderString(_ value: SigmaString) throws(ConversionError) -> String {
        if !value.hasSpecial && Self.containsSpace(value) {
            let lang = language
            let converted = try value.render(escapeChar: lang.escapeChar, wildcardMulti: lang.wildcardMulti,
                                             wildcardSingle: lang.wildcardSingle,
                                             addEscaped: lang.strQuote + Self.phraseEscaped,
                                             filterChars: lang.filterChars)
            return lang.strQuote + converted + lang.strQuote
        }
        return try defaultRenderString(value)
    }

    /// Whether pySigma's `str(value)` has a space: only text and placeholder names can hold one.
    private static func containsSpace(_ value: SigmaString) -> Bool {
        value.parts.contains { part in
            switch part {
            case .text(let t), .placeholder(let t): t.utf8.contains(0x20)
            case .wildcardMulti, .wildcardSingle: false
            }
        }
    }

    /// Keywords are wrapped in wildcards, so they are never phrase-quoted.
    func convertKeywordString(_ value: SigmaString, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        .text("*" + (try defaultRenderString(value)) + "*")
    }
}
