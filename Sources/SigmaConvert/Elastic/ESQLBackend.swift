import SigmaKit

/// ES|QL as pySigma-backend-elasticsearch 2.1.1's `ESQLBackend` writes it:
/// `from * metadata _id, _index, _version | where ...` with `==`, `like`, `rlike`, `starts_with`, `in (...)`.
///
/// It refuses what the reference refuses: keyword (value-only) searches, case-sensitive matching.
struct ESQLBackend: TextQueryBackend {
    /// The index the reference reads when no pipeline names one (its `state_defaults`).
    static let defaultIndex = "*"
    static let metadata = "_id, _index, _version"

    let language: QueryLanguage = {
        var l = QueryLanguage(orToken: "or", andToken: "and", notToken: "not", eqToken: "==")
        l.precedence = [.not, .and, .or]
        l.fieldQuote = "`"
        // `^[\w.]+$` (negated: fields with other characters are quoted); `$` also matches before a final newline.
        l.fieldQuotePattern = { name in
            // Without a final LF scalar (not a final Character: a CR before it stays).
            guard name.utf8.last == UInt8(ascii: "\n") else { return isPythonWordName(name, dot: true) }
            return isPythonWordName(name[..<name.utf8.index(before: name.utf8.endIndex)], dot: true)
        }
        l.strQuote = "\""
        l.escapeChar = "\\"
        l.wildcardMulti = "*"
        l.wildcardSingle = "?"
        l.addEscaped = "\\"
        l.boolTrue = "true"
        l.boolFalse = "false"
        l.startswithExpression = "starts_with({field}, {value})"
        l.endswithExpression = "ends_with({field}, {value})"
        l.wildcardMatchExpression = "{field} like {value}"
        l.reExpression = "{field} rlike \"{regex}\""
        l.reEscape = ["\""]
        l.cidrExpression = "cidr_match({field}, \"{value}\")"
        l.compareOpExpression = "{field}{operator}{value}"
        l.compareOperators = [.lt: "<", .lte: "<=", .gt: ">", .gte: ">="]
        l.fieldEqualsFieldExpression = "{field1}=={field2}"
        l.fieldNullExpression = "{field} is null"
        l.fieldExistsExpression = "{field} is not null"
        l.fieldNotExistsExpression = "{field} is null"
        l.convertOrAsIn = true
        l.fieldInListExpression = "{field} {op} ({list})"
        l.orInOperator = "in"
        l.listSeparator = ", "
        return l
    }()

    /// The `from` clause: the index a pipeline chose (none of the Elastic pipelines does) or every index.
    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState) throws(ConversionError) -> String {
        Self.fromClause(index: state.pipeline.queryTable) + query
    }

    static func fromClause(index: String?) -> String {
        "from \(index ?? defaultIndex) metadata \(metadata) | where "
    }
}
