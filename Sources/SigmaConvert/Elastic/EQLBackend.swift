import SigmaKit

/// Elasticsearch EQL as pySigma-backend-elasticsearch 2.1.1's `EqlBackend` writes it: `any where ...` with
/// quoted `field:"value"` (wildcards allowed), `like~` lists, `regex~`, `cidrMatch`, `?field == null`.
///
/// It refuses what the reference refuses: field references, `exists: false`, regular-expression keywords.
struct EQLBackend: TextQueryBackend {
    let language: QueryLanguage = {
        var l = QueryLanguage(orToken: "or", andToken: "and", notToken: "not", eqToken: ":")
        l.precedence = [.not, .or, .and]
        l.parenthesize = true
        l.fieldQuote = "`"
        // `^\d.*|.*\s.*|-`, not negated: names starting with a digit or a dash, or holding whitespace.
        l.fieldQuotePattern = { name in
            // ASCII names (nearly all) on bytes: Unicode property lookups were a share of converting every rule.
            // There `\d` is 0-9 and `\s` is 9-13, 28-31 (Python's) and the space.
            if name.utf8.allSatisfy({ $0 < 0x80 }) {
                guard let first = name.utf8.first else { return false }
                if first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) { return true }
                return name.utf8.contains { (9...13).contains($0) || (0x1C...0x20).contains($0) }
            }
            guard let first = name.unicodeScalars.first else { return false }
            if first == "-" || first.properties.numericType == .decimal { return true }
            return name.unicodeScalars.contains { $0.isUnicodeWhitespace || EQLBackend.isPythonSpace($0) }
        }
        l.fieldQuotePatternNegation = false
        l.strQuote = "\""
        // `^$|.*` matches every value: all are quoted.
        l.escapeChar = "\\"
        l.wildcardMulti = "*"
        l.wildcardSingle = "?"
        l.addEscaped = "\n\r\t\\\""
        l.boolTrue = "true"
        l.boolFalse = "false"
        l.reExpression = "{field} regex~ \"{regex}\""
        l.reEscape = ["/"]
        l.caseSensitiveMatchExpression = "{field} == {value}"
        l.cidrExpression = "cidrMatch({field}, \"{network}/{prefixlen}\")"
        l.compareOpExpression = "{field} {operator} {value}"
        l.compareOperators = [.lt: "<", .lte: "<=", .gt: ">", .gte: ">="]
        l.fieldNullExpression = "?{field} == null"
        l.convertOrAsIn = true
        l.inExpressionsAllowWildcards = true
        l.fieldInListExpression = "{field}{op}({list})"
        l.orInOperator = " like~ "
        l.listSeparator = ", "
        l.unboundValueStrExpression = "{value}"
        l.unboundValueNumExpression = "{value}"
        return l
    }()

    /// Python's `\s` beyond what Unicode calls whitespace (the ASCII separators 0x1C-0x1F).
    static func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
        (0x1C...0x1F).contains(s.value)
    }

    private static func isNull(_ node: ConditionNode) -> Bool {
        if case .field(let f) = node, case .null = f.value { return true }
        return false
    }

    /// `not null` is `?field != null` rather than a negated null test.
    func convertNot(_ arg: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        if case .field(let f) = arg, case .null = f.value { return .text("?" + f.field + " != null") }
        return try defaultConvertNot(arg, state: &state)
    }

    func comparePrecedence(outer: BooleanOperator, inner: ConditionNode) -> Bool {
        if case .not(let negated) = inner, Self.isNull(negated) { return true }
        if Self.isNull(inner) { return false }
        return defaultComparePrecedence(outer: outer, inner: inner)
    }

    /// The reference's message names the Lucene backend: its EQL backend was derived from it.
    func convertFieldRef(_ cond: FieldCondition, other: String, startsWith: Bool, endsWith: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        throw ConversionError(.unsupported, "ES Lucene backend can't handle field references.")
    }

    /// Empty strings and IP addresses are compared with `==` (exact) rather than `:`.
    func convertFieldString(_ cond: FieldCondition, _ value: SigmaString, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        if value.isEmpty || Self.isIPAddress(value) {
            return .text(escapeField(cond.field) + "==" + (try renderString(value)))
        }
        return try defaultConvertFieldString(cond, value, state: &state)
    }

    /// Expanded values (windash, base64offset) are always written as a value list.
    func convertFieldExpansion(_ cond: FieldCondition, _ values: [SigmaValue], state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let nodes = values.map { ConditionNode.field(FieldCondition(field: cond.field, value: $0, underOr: false)) }
        if let fields = inListArguments(nodes, isOr: true) {
            return try convertAsIn(fields, isOr: true, state: &state)
        }
        throw ConversionError(.unsupported, "'ConditionFieldEqualsValueExpression' object has no attribute 'args'")
    }

    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState) throws(ConversionError) -> String {
        "any where " + query
    }

    /// Python's `ipaddress.ip_address(str(value))` succeeds.
    static func isIPAddress(_ value: SigmaString) -> Bool {
        guard let text = value.plainText, !text.isEmpty else { return false }
        if text.utf8.contains(UInt8(ascii: ":")) {
            var address = Substring(text)
            if let percent = address.firstIndex(of: "%") {
                let scope = address[address.index(after: percent)...]
                if scope.isEmpty { return false }
                address = address[..<percent]
            }
            guard address.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isASCIIHexDigit || $0 == ":" || $0 == ".") }),
                  !address.utf8.contains(UInt8(ascii: "/")) else { return false }
            return CIDRNetwork(String(address)) != nil
        }
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.unicodeScalars.allSatisfy({ $0.value >= 48 && $0.value <= 57 }),
                  let v = Int(octet), v <= 255, octet.count == 1 || octet.first != "0" else { return false }
        }
        return true
    }
}
