/// The quantifier of `1 of`, `any of` and `all of`.
public enum Quantifier: String, Sendable, Hashable, Codable {
    case any
    case all
}

/// A parsed `condition:`; `and`/`or` are n-ary (flattened runs of the same operator, as pySigma's parser).
public indirect enum ConditionExpression: Sendable, Hashable, Codable {
    case identifier(String)
    case and([ConditionExpression])
    case or([ConditionExpression])
    case not(ConditionExpression)
    /// `1 of selection*`, `all of them` (`pattern` nil means `them`). `matched` lists the identifiers
    /// the pattern selects, in detection order, resolved at parse time.
    case selector(Quantifier, pattern: String?, matched: [String])
}
