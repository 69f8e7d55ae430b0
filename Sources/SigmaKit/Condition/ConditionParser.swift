/// Parses a Sigma `condition:` into a `ConditionExpression` without recursion.
///
/// Precedence is `not` > `and` > `or`; runs of the same binary operator at one level become one n-ary node
/// (`a and b and c`), while a parenthesised group stays a child of its own (`(a and b) and c`), which is the
/// shape pySigma's infix parser produces and the query backends' parentheses follow.
public struct ConditionParser: Sendable {
    /// A problem in a condition; `offset` counts characters from the start of the condition text.
    public struct Failure: Error, Sendable, Hashable {
        public var message: String
        public var offset: Int
        public var code: String
    }

    /// Deepest expression tree accepted; deeper input is an error rather than a risk to the stack.
    public var maxDepth: Int
    /// Detection names in file order, for `1 of x*` and identifier checks.
    public var detectionNames: [String]

    public init(detectionNames: [String], maxDepth: Int = 128) {
        self.detectionNames = detectionNames
        self.maxDepth = maxDepth
    }

    enum Token: Equatable {
        case word(String)
        case open
        case close
        /// A character outside the condition grammar, reported when the parser reaches it.
        case invalid(Character)
    }

    static let aggregationFunctions: Set<String> = ["count", "min", "max", "sum", "avg"]
    static let legacyMessage = "the pipe '|' aggregation syntax (e.g. '| count() by x > 5') was removed from Sigma; "
        + "express the aggregation as a correlation rule"

    struct Lexeme {
        var token: Token
        var offset: Int
    }

    static func tokenize(_ text: String) throws(Failure) -> [Lexeme] {
        if let lexemes = tokenizeASCII(text) { return lexemes }
        var out: [Lexeme] = []
        var offset = 0
        var word = ""
        var wordStart = 0
        func flush() {
            if !word.isEmpty { out.append(Lexeme(token: .word(word), offset: wordStart)); word = "" }
        }
        for c in text {
            defer { offset += 1 }
            if c == "(" { flush(); out.append(Lexeme(token: .open, offset: offset)); continue }
            if c == ")" { flush(); out.append(Lexeme(token: .close, offset: offset)); continue }
            if c.isWhitespace { flush(); continue }
            if c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == "*") {
                if word.isEmpty { wordStart = offset }
                word.append(c)
                continue
            }
            flush()
            out.append(Lexeme(token: .invalid(c), offset: offset))
        }
        flush()
        return out
    }

    /// `tokenize` on bytes for ASCII text without a carriage return (every condition of the corpus), where a byte is
    /// a Character; nil otherwise. Iterating Characters costs grapheme breaking on every rule's condition.
    static func tokenizeASCII(_ text: String) -> [Lexeme]? {
        var out: [Lexeme] = []
        var word: [UInt8] = []
        var wordStart = 0
        var offset = 0
        func flush() {
            if !word.isEmpty {
                out.append(Lexeme(token: .word(String(decoding: word, as: UTF8.self)), offset: wordStart))
                word.removeAll(keepingCapacity: true)
            }
        }
        for b in text.utf8 {
            defer { offset += 1 }
            if b >= 0x80 || b == UInt8(ascii: "\r") { return nil }
            switch b {
            case UInt8(ascii: "("): flush(); out.append(Lexeme(token: .open, offset: offset))
            case UInt8(ascii: ")"): flush(); out.append(Lexeme(token: .close, offset: offset))
            case 9...13, UInt8(ascii: " "): flush()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "*"):
                if word.isEmpty { wordStart = offset }
                word.append(b)
            default:
                flush()
                out.append(Lexeme(token: .invalid(Character(Unicode.Scalar(b))), offset: offset))
            }
        }
        flush()
        return out
    }

    private enum Op: Equatable {
        case and, or, not, open
        var precedence: Int {
            switch self {
            case .not: 3
            case .and: 2
            case .or: 1
            case .open: 0
            }
        }
    }

    /// An operand on the output stack; `bare` marks an and/or built at the current level (mergeable).
    private struct Operand {
        var expr: ConditionExpression
        var depth: Int
        var bare: Op?
    }

    public func parse(_ text: String) throws(Failure) -> ConditionExpression {
        if text.utf8.contains(UInt8(ascii: "|")), let pipe = text.firstIndex(of: "|") {
            throw Failure(message: Self.legacyMessage, offset: text.distance(from: text.startIndex, to: pipe), code: "legacy-aggregation")
        }
        let tokens = try Self.tokenize(text)
        for (k, lex) in tokens.enumerated() where k + 1 < tokens.count {
            if case .word(let w) = lex.token, Self.aggregationFunctions.contains(w), tokens[k + 1].token == .open,
               tokens[k + 1].offset == lex.offset + w.count {
                throw Failure(message: "aggregation functions such as \(w)() were removed from Sigma conditions; "
                              + "express the aggregation as a correlation rule", offset: lex.offset, code: "legacy-aggregation")
            }
        }
        if tokens.isEmpty { throw Failure(message: "condition is empty", offset: 0, code: "condition-syntax") }
        var operands: [Operand] = []
        var ops: [(op: Op, offset: Int)] = []
        // true when the next token must start an operand.
        var expectOperand = true
        var i = 0

        func reduce(_ op: Op, at offset: Int) throws(Failure) {
            switch op {
            case .not:
                guard let a = operands.popLast() else {
                    throw Failure(message: "'not' needs an operand", offset: offset, code: "condition-syntax")
                }
                let depth = a.depth + 1
                if depth > maxDepth { throw tooDeep(offset) }
                operands.append(Operand(expr: .not(a.expr), depth: depth, bare: nil))
            case .and, .or:
                guard let b = operands.popLast(), let a = operands.popLast() else {
                    throw Failure(message: "'\(op == .and ? "and" : "or")' needs two operands", offset: offset, code: "condition-syntax")
                }
                var children: [ConditionExpression]
                var depth: Int
                if a.bare == op {
                    switch a.expr {
                    case .and(let c), .or(let c): children = c
                    default: children = [a.expr]
                    }
                    depth = max(a.depth, b.depth + 1)
                } else {
                    children = [a.expr]
                    depth = max(a.depth, b.depth) + 1
                }
                children.append(b.expr)
                if depth > maxDepth { throw tooDeep(offset) }
                operands.append(Operand(expr: op == .and ? .and(children) : .or(children), depth: depth, bare: op))
            case .open:
                break
            }
        }

        while i < tokens.count {
            let lex = tokens[i]
            switch lex.token {
            case .invalid(let c):
                throw Failure(message: "unexpected character '\(c)' in condition", offset: lex.offset, code: "condition-syntax")
            case .open:
                guard expectOperand else {
                    throw Failure(message: "expected 'and', 'or' or ')' before '('", offset: lex.offset, code: "condition-syntax")
                }
                ops.append((.open, lex.offset))
                i += 1
            case .close:
                guard !expectOperand else {
                    throw Failure(message: "expected a detection name before ')'", offset: lex.offset, code: "condition-syntax")
                }
                while let top = ops.last, top.op != .open {
                    ops.removeLast()
                    try reduce(top.op, at: top.offset)
                }
                guard ops.popLast() != nil else {
                    throw Failure(message: "')' without matching '('", offset: lex.offset, code: "condition-syntax")
                }
                // A parenthesised group is an operand of its own: never merged into the enclosing run.
                if var last = operands.popLast() { last.bare = nil; operands.append(last) }
                i += 1
            case .word(let w):
                if expectOperand {
                    if w == "not" {
                        ops.append((.not, lex.offset))
                        i += 1
                        continue
                    }
                    if (w == "1" || w == "any" || w == "all"), i + 1 < tokens.count, tokens[i + 1].token == .word("of") {
                        guard i + 2 < tokens.count, case .word(let pattern) = tokens[i + 2].token else {
                            throw Failure(message: "'\(w) of' needs a detection name pattern or 'them'",
                                          offset: tokens[i + 1].offset, code: "condition-syntax")
                        }
                        let expr = try selector(w == "all" ? .all : .any, pattern: pattern, offset: tokens[i + 2].offset)
                        operands.append(Operand(expr: expr, depth: 1, bare: nil))
                        expectOperand = false
                        i += 3
                        continue
                    }
                    if ["and", "or", "of", "them"].contains(w) {
                        throw Failure(message: "expected a detection name, found '\(w)'", offset: lex.offset, code: "condition-syntax")
                    }
                    if w.utf8.contains(UInt8(ascii: "*")) {
                        throw Failure(message: "wildcard '\(w)' is only allowed after '1 of', 'any of' or 'all of'",
                                      offset: lex.offset, code: "condition-syntax")
                    }
                    guard detectionNames.contains(w) else {
                        throw Failure(message: "detection '\(w)' is not defined in detection", offset: lex.offset,
                                      code: "undefined-detection")
                    }
                    operands.append(Operand(expr: .identifier(w), depth: 1, bare: nil))
                    expectOperand = false
                    i += 1
                } else {
                    let op: Op
                    switch w {
                    case "and": op = .and
                    case "or": op = .or
                    default:
                        throw Failure(message: "expected 'and' or 'or', found '\(w)'", offset: lex.offset, code: "condition-syntax")
                    }
                    while let top = ops.last, top.op != .open, top.op.precedence >= op.precedence {
                        ops.removeLast()
                        try reduce(top.op, at: top.offset)
                    }
                    ops.append((op, lex.offset))
                    expectOperand = true
                    i += 1
                }
            }
        }
        if expectOperand {
            throw Failure(message: "condition ends where a detection name is expected", offset: text.count, code: "condition-syntax")
        }
        while let top = ops.popLast() {
            if top.op == .open {
                throw Failure(message: "'(' is never closed", offset: top.offset, code: "condition-syntax")
            }
            try reduce(top.op, at: top.offset)
        }
        guard operands.count == 1, let result = operands.first else {
            throw Failure(message: "condition is not a single expression", offset: 0, code: "condition-syntax")
        }
        return result.expr
    }

    private func tooDeep(_ offset: Int) -> Failure {
        Failure(message: "condition is nested deeper than \(maxDepth) levels", offset: offset, code: "condition-too-deep")
    }

    /// Resolves `1 of x*` / `all of them` to the detections it selects, in detection order.
    func selector(_ quantifier: Quantifier, pattern: String, offset: Int) throws(Failure) -> ConditionExpression {
        if pattern.utf8.contains(UInt8(ascii: "-")) {
            throw Failure(message: "'-' is not allowed in a selector pattern ('\(pattern)')", offset: offset, code: "condition-syntax")
        }
        let matched: [String]
        if pattern == "them" {
            matched = detectionNames.filter { !$0.hasPrefix("_") }
        } else {
            let allowUnderscore = pattern.hasPrefix("_")
            matched = detectionNames.filter {
                (allowUnderscore || !$0.hasPrefix("_")) && Self.wildcardMatch($0, pattern: pattern)
            }
        }
        if matched.isEmpty {
            throw Failure(message: pattern == "them" ? "'of them' selects no detection"
                          : "'\(pattern)' matches no detection name", offset: offset, code: "selector-matches-nothing")
        }
        return .selector(quantifier, pattern: pattern == "them" ? nil : pattern, matched: matched)
    }

    /// Whole-string match of `*` wildcards (iterative, linear in practice).
    static func wildcardMatch(_ name: String, pattern: String) -> Bool {
        let s = Array(name.unicodeScalars)
        let p = Array(pattern.unicodeScalars)
        var si = 0, pi = 0
        var star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] != "*", p[pi] == s[si] {
                si += 1; pi += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = si; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
