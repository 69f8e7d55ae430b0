import SigmaKit

/// A declarative description of a text query language, after pySigma's `TextQueryBackend` class variables:
/// tokens, quoting and escaping rules, and templates with `{field}`, `{value}`, `{regex}`... placeholders.
public struct QueryLanguage: Sendable {
    // Boolean structure
    /// Operators from the tightest to the loosest binding.
    public var precedence: [BooleanOperator] = [.not, .and, .or]
    public var groupExpression: String = "({expr})"
    /// Parenthesize every nested boolean expression (targets without trustworthy precedence).
    public var parenthesize = false
    public var tokenSeparator = " "
    public var orToken: String
    public var andToken: String
    public var notToken: String
    public var eqToken: String
    /// Expression for `field = value`; defaults to `{field}<eqToken>{value}`.
    public var eqExpression: String?

    // Field names
    public var fieldQuote: String?
    /// Whether the (escaped) field name matches the quoting pattern; nil quotes every field.
    public var fieldQuotePattern: (@Sendable (String) -> Bool)?
    public var fieldQuotePatternNegation = true
    public var fieldEscape: String?
    public var fieldEscapeQuote = true
    /// Characters of a field name that get `fieldEscape` in front of them.
    public var fieldEscapePattern: (@Sendable (Unicode.Scalar) -> Bool)?

    // String values
    public var strQuote = ""
    /// Whether a value matches the quoting pattern (pySigma matches `str(value)`, see `SigmaString.pyPlain`);
    /// nil quotes every value.
    public var strQuotePattern: (@Sendable (SigmaString) -> Bool)?
    public var strQuotePatternNegation = true
    public var escapeChar: String?
    public var wildcardMulti: String?
    public var wildcardSingle: String?
    public var addEscaped = ""
    public var filterChars = ""
    public var boolTrue: String?
    public var boolFalse: String?
    /// Characters escaped in addition in the `{regex}` form of plain strings.
    public var addEscapedRe = ""

    // String matching templates
    public var startswithExpression: String?
    public var endswithExpression: String?
    public var containsExpression: String?
    public var wildcardMatchExpression: String?
    public var caseSensitiveMatchExpression: String?
    public var caseSensitiveStartswithExpression: String?
    public var caseSensitiveEndswithExpression: String?
    public var caseSensitiveContainsExpression: String?

    // Regular expressions
    public var reExpression: String?
    public var reEscapeChar = "\\"
    public var reEscape: [String] = []
    public var reEscapeEscapeChar = true
    public var reFlagPrefix = true
    public var reFlags: [RegexFlag: String] = [.ignoreCase: "i", .multiline: "m", .dotAll: "s"]

    // Other value types
    /// Placeholders `{field}` (unescaped), `{value}`, `{network}`, `{prefixlen}`.
    public var cidrExpression: String?
    public var compareOpExpression: String?
    public var compareOperators: [CompareOperator: String] = [:]
    public var fieldEqualsFieldExpression: String?
    public var fieldEqualsFieldStartswithExpression: String?
    public var fieldEqualsFieldEndswithExpression: String?
    public var fieldEqualsFieldContainsExpression: String?
    public var fieldNullExpression: String?
    public var fieldExistsExpression: String?
    public var fieldNotExistsExpression: String?

    // In-lists
    public var convertOrAsIn = false
    public var convertAndAsIn = false
    public var inExpressionsAllowWildcards = false
    public var fieldInListExpression: String?
    public var orInOperator: String?
    public var andInOperator: String?
    public var listSeparator: String?

    // Values without field (keywords)
    public var unboundValueStrExpression: String?
    public var unboundValueNumExpression: String?
    public var unboundValueReExpression: String?

    // Query assembly
    public var queryExpression = "{query}"
    public var deferredStart: String?
    public var deferredSeparator: String?
    public var deferredOnlyQuery = ""
    public var emptyOrExpression: String?
    public var emptyAndExpression: String?

    public init(orToken: String, andToken: String, notToken: String, eqToken: String) {
        self.orToken = orToken
        self.andToken = andToken
        self.notToken = notToken
        self.eqToken = eqToken
    }

    func precedenceIndex(_ op: BooleanOperator?) -> Int {
        guard let op, let i = precedence.firstIndex(of: op) else { return -1 }
        return i
    }
}

/// Python's `\w` for one character: letters, digits (any script) and underscore.
@inline(__always)
func isPythonWordScalar(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII {
        let v = s.value
        return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
    }
    return s.properties.isAlphabetic || s.properties.numericType != nil
}

/// Whether `name` is non-empty and every character is `\w` (or `.` when `dot` is set): Python's `^[\w.]+$`-style
/// field name tests. ASCII names, nearly all of them, are checked on bytes; others scalar by scalar.
func isPythonWordName<S: StringProtocol>(_ name: S, dot: Bool) -> Bool {
    var ascii = true
    var empty = true
    for b in name.utf8 {
        empty = false
        if b >= 0x80 { ascii = false; break }
        let word = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
        if !word && !(dot && b == UInt8(ascii: ".")) { return false }
    }
    if empty { return false }
    if ascii { return true }
    return name.unicodeScalars.allSatisfy { isPythonWordScalar($0) || (dot && $0 == ".") }
}
