import SigmaKit

/// KQL as pySigma-backend-kusto 1.0.1 writes it: `=~` equality, `startswith`/`endswith`/`contains`,
/// `in~`/`has_all` lists, `not(...)`, every nested expression parenthesized.
struct KustoBackend: TextQueryBackend {
    let language: QueryLanguage = {
        var l = QueryLanguage(orToken: "or", andToken: "and", notToken: "not", eqToken: " =~ ")
        l.parenthesize = true
        l.precedence = [.not, .and, .or]
        l.fieldQuote = "'"
        l.fieldQuotePattern = { name in isPythonWordName(name, dot: false) }
        // The reference escapes with an empty string: a no-op kept for fidelity.
        l.fieldEscape = ""
        l.fieldEscapePattern = { $0.isUnicodeWhitespace }
        l.strQuote = "\""
        l.escapeChar = "\\"
        l.wildcardMulti = "*"
        l.wildcardSingle = "*"
        l.addEscaped = "\\"
        l.boolTrue = "true"
        l.boolFalse = "false"
        l.startswithExpression = "{field} startswith {value}"
        l.endswithExpression = "{field} endswith {value}"
        l.containsExpression = "{field} contains {value}"
        l.wildcardMatchExpression = "{field} matches regex \"{regex}\""
        l.reExpression = "{field} matches regex \"{regex}\""
        l.reEscape = ["\""]
        l.cidrExpression = "ipv4_is_in_range({field}, \"{value}\")"
        l.compareOpExpression = "{field} {operator} {value}"
        l.compareOperators = [.lt: "<", .lte: "<=", .gt: ">", .gte: ">="]
        l.fieldNullExpression = "isnull({field})"
        l.fieldExistsExpression = "isnotempty({field})"
        l.fieldNotExistsExpression = "isempty({field})"
        l.convertOrAsIn = true
        l.convertAndAsIn = true
        l.inExpressionsAllowWildcards = true
        l.fieldInListExpression = "{field} {op} ({list})"
        l.orInOperator = "in~"
        l.andInOperator = "has_all"
        l.listSeparator = ", "
        l.unboundValueStrExpression = "{value}"
        l.unboundValueNumExpression = "{value}"
        l.unboundValueReExpression = "_=~{value}"
        l.deferredStart = "\n| "
        l.deferredSeparator = "\n| "
        l.deferredOnlyQuery = "*"
        return l
    }()

    func convertFieldNumber(_ cond: FieldCondition, _ value: SigmaNumber, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        .text(escapeField(cond.field) + " == " + NumberRendering.text(value))
    }

    /// Plain values go into one `in~`/`has_all` list; wildcarded values become separate string matches
    /// (inner wildcards: one `contains` per literal piece), all linked with the list's operator.
    func convertAsIn(_ args: [FieldCondition], isOr: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let lang = language
        let field = escapeField(args[0].field)
        let listOp = isOr ? "in~" : "has_all"
        let linkOp = isOr ? lang.orToken : lang.andToken
        var plain: [String] = []
        var wildcarded: [SigmaString] = []
        for arg in args {
            switch arg.value {
            case .string(let s, _):
                if s.hasSpecial { wildcarded.append(s) } else { plain.append(try renderString(s)) }
            case .number(let n):
                plain.append(try renderString(SigmaString(plain: NumberRendering.text(n))))
            default: break
            }
        }
        var out = ""
        if !plain.isEmpty {
            let list = plain.joined(separator: ", ")
            out = Template.format(lang.fieldInListExpression ?? "") { name in
                name == "field" ? field : name == "op" ? listOp : name == "list" ? list : nil
            }
        }
        var wildcardExprs: [String] = []
        for value in wildcarded {
            let inner = value.dropping(front: 1, back: 1)
            if inner.hasSpecial {
                var pieces: [String] = []
                for part in value.parts {
                    guard case .text(let t) = part else { continue }
                    let piece = try renderString(SigmaString(sigma: t))
                    pieces.append(Template.format(lang.containsExpression ?? "") { name in
                        name == "field" ? field : name == "value" ? piece : nil
                    })
                }
                wildcardExprs.append("(" + pieces.joined(separator: " and ") + ")")
            } else {
                // The reference hands the already quoted field name back to the string conversion.
                let cond = FieldCondition(field: field, value: .string(value), underOr: false)
                if case .text(let t) = try defaultConvertFieldString(cond, value, state: &state) {
                    wildcardExprs.append(t)
                }
            }
        }
        let joinedWildcards = wildcardExprs.joined(separator: " \(linkOp) ")
        if !out.isEmpty && !joinedWildcards.isEmpty {
            return .text(out + " \(linkOp) " + joinedWildcards)
        }
        return .text(out + joinedWildcards)
    }

    /// KQL wants the negated expression inside `not(...)`.
    func convertNot(_ arg: ConditionNode, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        if arg.op != nil {
            let group = try convertGroup(arg, state: &state)
            return .text("not(" + (group.text ?? "None") + ")")
        }
        let expr = try convert(arg, state: &state)
        switch expr {
        case .deferred(let i):
            state.deferred[i].negated.toggle()
            return expr
        case .text(let t):
            return .text("not(" + t + ")")
        case .none:
            throw ConversionError(.unsupported, "Operator 'not' not supported by the backend")
        }
    }

    /// Escaped wildcards are turned back into plain `*` (the reference's fix for its issue #13).
    func renderString(_ value: SigmaString) throws(ConversionError) -> String {
        let converted = try defaultRenderString(value)
        guard converted.containsASCII("\\*") else { return converted }
        return converted.replacing("\\*", with: "*")
    }

    /// The pipeline's table becomes the query's source: `Table\n| where <expr>`.
    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState) throws(ConversionError) -> String {
        guard let table = state.pipeline.queryTable else { return query }
        return table + "\n| where " + query
    }
}
