import SigmaKit

/// Splunk SPL as pysigma-backend-splunk 2.1.0 writes plain searches: implicit AND, `IN` lists, regular
/// expressions and field references deferred to `| regex`, `| rex`/`| eval` and `| where` commands.
struct SplunkBackend: TextQueryBackend {
    static let regexKind = "regex"
    static let orRegexKind = "or-regex"
    static let fieldRefKind = "fieldref"
    static let orConditionFieldsNote = "deferred_or_condition_fields"

    let language: QueryLanguage = {
        var l = QueryLanguage(orToken: "OR", andToken: " ", notToken: "NOT", eqToken: "=")
        l.precedence = [.not, .or, .and]
        l.boolTrue = "true"
        l.boolFalse = "false"
        l.fieldQuote = "\""
        l.fieldQuotePattern = { name in isPythonWordName(name, dot: true) }
        l.strQuote = "\""
        l.escapeChar = "\\"
        l.wildcardMulti = "*"
        l.wildcardSingle = "*"
        l.addEscaped = "\\"
        l.reExpression = "{regex}"
        l.reEscape = ["\""]
        l.cidrExpression = "{field}=\"{value}\""
        l.compareOpExpression = "{field}{operator}{value}"
        l.compareOperators = [.lt: "<", .lte: "<=", .gt: ">", .gte: ">="]
        l.fieldEqualsFieldExpression = "{field2}"
        l.fieldNullExpression = "NOT {field}=*"
        l.convertOrAsIn = true
        l.inExpressionsAllowWildcards = true
        l.fieldInListExpression = "{field} {op} ({list})"
        l.orInOperator = "IN"
        l.listSeparator = ", "
        l.fieldExistsExpression = "{field}=*"
        l.fieldNotExistsExpression = "NOT {field}=*"
        l.unboundValueStrExpression = "{value}"
        l.unboundValueNumExpression = "{value}"
        l.unboundValueReExpression = "{value}"
        l.deferredStart = "\n| "
        l.deferredSeparator = "\n| "
        l.deferredOnlyQuery = "*"
        return l
    }()

    /// Regular expressions filter after the search: `| regex field="..."`; under an OR they become a
    /// `rex` capture plus an `eval`-ed flag field the search can test.
    func convertFieldRegex(_ cond: FieldCondition, pattern: String, flags: [RegexFlag], state: inout ConversionState) throws(ConversionError) -> QueryPart {
        let regex = try defaultRegexExpression(cond, pattern: pattern, flags: flags)
        if cond.underOr {
            let count = (state.fieldCounts[cond.field] ?? 0) + 1
            state.fieldCounts[cond.field] = count
            let suffix = count == 1 ? "" : String(count)
            let cleaned = Self.cleanField(cond.field)
            let match = Self.matchGroupName(cleaned: cleaned, suffix: suffix)
            let flag = cleaned + "Condition" + suffix
            state.deferred.append(DeferredExpression(
                kind: Self.orRegexKind,
                template: "rex field={field} \"(?<\(match)>{value})\"\n| eval \(flag)=if(isnotnull(\(match)), \"true\", \"false\")",
                field: cond.field, value: regex, operatorNormal: "=", operatorNegated: "!="))
            let flagCond = FieldCondition(field: flag, value: .string(SigmaString(plain: "true")), underOr: true)
            return try defaultConvertFieldString(flagCond, SigmaString(plain: "true"), state: &state)
        }
        state.deferred.append(DeferredExpression(
            kind: Self.regexKind, template: "regex {field}{op}\"{value}\"", field: cond.field, value: regex,
            operatorNormal: "=", operatorNegated: "!="))
        return .deferred(state.deferred.count - 1)
    }

    /// Field references become `| where 'a'='b'`, which cannot be OR-ed with the search.
    func convertFieldRef(_ cond: FieldCondition, other: String, startsWith: Bool, endsWith: Bool, state: inout ConversionState) throws(ConversionError) -> QueryPart {
        if cond.underOr {
            throw ConversionError(.unsupported, "ORing FieldRef matching is not yet supported by Splunk backend")
        }
        let value = try defaultFieldRefExpression(cond, other: other, startsWith: startsWith, endsWith: endsWith)
        state.deferred.append(DeferredExpression(
            kind: Self.fieldRefKind, template: "where {op}'{field}'='{value}'", field: cond.field, value: value,
            operatorNormal: "", operatorNegated: "NOT "))
        return .deferred(state.deferred.count - 1)
    }

    func finishQuery(_ query: QueryPart, rule: SigmaRule, state: inout ConversionState) throws(ConversionError) -> String {
        var main: QueryPart = query
        if case .deferred = query { main = .text(language.deferredOnlyQuery) }
        let orRegexes = state.deferred.filter { $0.kind == Self.orRegexKind }
        if !orRegexes.isEmpty {
            var flags: [String] = []
            for (field, count) in state.fieldCounts {
                let cleaned = Self.cleanField(field)
                for i in 1...max(count, 1) { flags.append(cleaned + "Condition" + (i == 1 ? "" : String(i))) }
            }
            state.notes[Self.orConditionFieldsNote] = flags
            state.fieldCounts = [:]
            state.deferred.removeAll { $0.kind == Self.orRegexKind }
            main = .text("\n| " + orRegexes.map { $0.finalize() }.joined(separator: "\n| ") + "\n| search " + (main.text ?? ""))
        }
        return try defaultFinishQuery(main, rule: rule, state: &state)
    }

    /// With OR-ed regexes, leading `field=value` terms that do not test a regex flag move in front of the
    /// `rex` commands; rule `fields` become `| table`.
    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState) throws(ConversionError) -> String {
        var query = query
        let marker = "\n| search "
        if let flags = state.notes[Self.orConditionFieldsNote], !flags.isEmpty, let range = query.firstASCIIRange(of: marker) {
            let deferredPart = query[..<range.lowerBound]
            let search = Substring(query[range.upperBound...])
            let flagSet = Set(flags)
            var prefix: [String] = []
            var rest = search
            while let (name, matched, after) = Self.leadingFieldTerm(rest), !flagSet.contains(name) {
                prefix.append(matched.trimmingPythonWhitespace())
                rest = after
            }
            if !prefix.isEmpty {
                query = prefix.joined(separator: " ") + deferredPart + marker + rest
            }
        }
        if !rule.fields.isEmpty {
            query += " | table " + rule.fields.joined(separator: ",")
        }
        return query
    }

    /// Matches `([\w.]+)(?:="[^"]*"|=[^\s")]+)\s*` at the start of `text`.
    static func leadingFieldTerm(_ text: Substring) -> (String, Substring, Substring)? {
        var i = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while i < scalars.endIndex, isPythonWordScalar(scalars[i]) || scalars[i] == "." { i = scalars.index(after: i) }
        guard i > scalars.startIndex, i < scalars.endIndex, scalars[i] == "=" else { return nil }
        let name = String(scalars[scalars.startIndex..<i])
        i = scalars.index(after: i)
        if i < scalars.endIndex, scalars[i] == "\"" {
            var j = scalars.index(after: i)
            while j < scalars.endIndex, scalars[j] != "\"" { j = scalars.index(after: j) }
            guard j < scalars.endIndex else { return nil }
            i = scalars.index(after: j)
        } else {
            let start = i
            while i < scalars.endIndex, !scalars[i].isUnicodeWhitespace, scalars[i] != "\"", scalars[i] != ")" {
                i = scalars.index(after: i)
            }
            guard i > start else { return nil }
        }
        while i < scalars.endIndex, scalars[i].isUnicodeWhitespace { i = scalars.index(after: i) }
        let end = String.Index(i, within: text) ?? text.endIndex
        return (name, text[text.startIndex..<end], text[end...])
    }

    /// Splunk forbids dots in capture group names: keep what follows the last dot.
    static func cleanField(_ field: String) -> String {
        guard let dot = field.lastIndex(of: ".") else { return field }
        return String(field[field.index(after: dot)...])
    }

    /// Capture group names are limited to 32 characters; longer ones are shortened with a BLAKE2s digest.
    static func matchGroupName(cleaned: String, suffix: String) -> String {
        let full = cleaned + "Match" + suffix
        if full.unicodeScalars.count <= 32 { return full }
        let digest = BLAKE2s.hexDigest(Array(cleaned.utf8)).prefix(8)
        let keep = max(32 - ("Match" + suffix).unicodeScalars.count - digest.count, 0)
        let prefix = String(String.UnicodeScalarView(cleaned.unicodeScalars.prefix(keep)))
        return prefix + digest + "Match" + suffix
    }
}

extension Substring {
    func trimmingPythonWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isUnicodeWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isUnicodeWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
