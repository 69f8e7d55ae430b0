/// A linear lexical pre-check run before Yams, whose composer recurses once per nesting level
/// (libyaml itself stops at 1000 levels; this keeps well below that):
/// it rejects input nested deeper than a limit, collection keys and alias keys (which Yams hashes
/// recursively, so an aliased key could cost exponential time). It is deliberately conservative
/// and never rejects the plain, quoted and block scalars Sigma rules are made of.
enum NestingScanner {
    static func check(_ text: String, maxDepth: Int) -> YAMLLoader.Failure? {
        // The string's own bytes (a native string is contiguous): copying them into an array was a share of parsing.
        var text = text
        return text.withUTF8 { check(bytes: $0, maxDepth: maxDepth) }
    }

    static func check(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> YAMLLoader.Failure? {
        var flowDepth = 0
        var quote: UInt8? = nil
        var line = 1
        var blockScalarIndent: Int? = nil
        var lineStart = true
        var indent = 0
        var column = 0
        var chain = 0
        // Whether the previous significant byte allows a value (collection, quote, alias) to start here.
        var valueStart = true
        var previous: UInt8 = UInt8(ascii: "\n")
        var closedFlowAt: Int? = nil
        var i = 0
        func fail(_ message: String, _ code: String) -> YAMLLoader.Failure {
            YAMLLoader.Failure(message: message, position: SourcePosition(line: line, column: max(column, 1)), code: code)
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\n") {
                line += 1; lineStart = true; indent = 0; column = 0; chain = 0
                valueStart = true; previous = c; closedFlowAt = nil; i += 1
                continue
            }
            // Runs of bytes the rules below treat alike are passed in one step: most of a rule is plain text.
            if !lineStart {
                if let q = quote {
                    if c != q && c != UInt8(ascii: "\\") {
                        var j = i + 1
                        while j < bytes.count, bytes[j] != q, bytes[j] != UInt8(ascii: "\\"), bytes[j] != UInt8(ascii: "\n") { j += 1 }
                        column += j - i; previous = bytes[j - 1]; i = j
                        continue
                    }
                } else if isOrdinary(c) {
                    // Blanks after an ordinary byte change nothing but `previous` (a later `#` reads it).
                    var j = i + 1
                    while j < bytes.count, isOrdinary(bytes[j]) || bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
                    column += j - i; valueStart = false; previous = bytes[j - 1]; i = j
                    continue
                }
            }
            column += 1
            if lineStart {
                if c == UInt8(ascii: " ") { indent += 1; i += 1; continue }
                lineStart = false
                if let bi = blockScalarIndent {
                    if indent > bi || c == UInt8(ascii: "\r") {
                        // Inside a block scalar: skip the line.
                        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                        continue
                    }
                    blockScalarIndent = nil
                }
                if flowDepth == 0, quote == nil, indent > maxDepth * 8 {
                    return fail("YAML indentation deeper than \(maxDepth * 8) columns", "yaml-too-deep")
                }
            }
            if let q = quote {
                if q == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") { i += 2; column += 1; continue }
                if c == q {
                    if q == UInt8(ascii: "'"), i + 1 < bytes.count, bytes[i + 1] == q { i += 2; column += 1; continue }
                    quote = nil
                    valueStart = false
                }
                previous = c; i += 1
                continue
            }
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") || previous == UInt8(ascii: "\n"):
                // A comment runs to the end of the line.
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "'") where valueStart, UInt8(ascii: "\"") where valueStart:
                quote = c
            case UInt8(ascii: "[") where valueStart || flowDepth > 0, UInt8(ascii: "{") where valueStart || flowDepth > 0:
                flowDepth += 1
                if flowDepth + indent / 2 + chain > maxDepth {
                    return fail("YAML nesting deeper than \(maxDepth) levels", "yaml-too-deep")
                }
                valueStart = true
            case UInt8(ascii: "]") where flowDepth > 0, UInt8(ascii: "}") where flowDepth > 0:
                flowDepth -= 1
                valueStart = false
                if flowDepth == 0 { closedFlowAt = i }
            case UInt8(ascii: ","):
                valueStart = flowDepth > 0
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                let next = i + 1 < bytes.count ? bytes[i + 1] : UInt8(ascii: "\n")
                let separated = next == UInt8(ascii: " ") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")
                    || (flowDepth > 0 && (next == UInt8(ascii: ",") || next == UInt8(ascii: "]") || next == UInt8(ascii: "}")))
                if separated || (c == UInt8(ascii: ":") && flowDepth > 0) {
                    if c == UInt8(ascii: ":"), let closed = closedFlowAt, closed < i {
                        return fail("a list or map used as a map key is not supported", "yaml-complex-key")
                    }
                    if c != UInt8(ascii: ":") && valueStart {
                        chain += 1
                        if chain + indent / 2 + flowDepth > maxDepth {
                            return fail("YAML nesting deeper than \(maxDepth) levels", "yaml-too-deep")
                        }
                    }
                    valueStart = true
                } else {
                    valueStart = false
                }
            case UInt8(ascii: "|") where valueStart && flowDepth == 0, UInt8(ascii: ">") where valueStart && flowDepth == 0:
                // Block scalar header: the following more-indented lines are text.
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\n"), bytes[j] != UInt8(ascii: "#") { j += 1 }
                blockScalarIndent = indent
                if j < bytes.count, bytes[j] == UInt8(ascii: "#") {
                    while j < bytes.count, bytes[j] != UInt8(ascii: "\n") { j += 1 }
                }
                i = j
                continue
            case UInt8(ascii: "*") where valueStart:
                // An alias: reject it when it is used as a key.
                var j = i + 1
                while j < bytes.count, !isSeparator(bytes[j]) { j += 1 }
                var k = j
                while k < bytes.count, bytes[k] == UInt8(ascii: " ") { k += 1 }
                if k < bytes.count, bytes[k] == UInt8(ascii: ":"),
                   k + 1 >= bytes.count || isSeparator(bytes[k + 1]) {
                    return fail("an alias used as a map key is not supported", "yaml-complex-key")
                }
                column += j - i - 1
                i = j
                valueStart = false
                previous = UInt8(ascii: "a")
                continue
            default:
                valueStart = false
            }
            previous = c
            i += 1
        }
        return nil
    }

    /// A byte with no rule of its own outside quotes (the scanner's `default`): not a newline, blank, comment sign,
    /// quote, bracket, comma, indicator, block-scalar sign or alias.
    private static func isOrdinary(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "#"),
             UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: "}"),
             UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: ">"),
             UInt8(ascii: "*"):
            return false
        default:
            return true
        }
    }

    private static func isSeparator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\t")
            || c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
    }
}
