import Testing
@testable import SigmaKit

@Suite("Conditions")
struct ConditionTests {
    let names = ["sel_a", "sel_b", "_hidden", "filter", "keywords"]

    func parse(_ text: String) throws -> ConditionExpression {
        try ConditionParser(detectionNames: names).parse(text)
    }

    func failure(_ text: String) -> ConditionParser.Failure? {
        do {
            _ = try ConditionParser(detectionNames: names).parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func identifiersAndOperators() throws {
        #expect(try parse("sel_a") == .identifier("sel_a"))
        #expect(try parse("sel_a and sel_b") == .and([.identifier("sel_a"), .identifier("sel_b")]))
        #expect(try parse("sel_a or sel_b") == .or([.identifier("sel_a"), .identifier("sel_b")]))
        #expect(try parse("not sel_a") == .not(.identifier("sel_a")))
        #expect(try parse("not not sel_a") == .not(.not(.identifier("sel_a"))))
    }

    @Test func precedenceNotAndOr() throws {
        #expect(try parse("sel_a or sel_b and filter") ==
                .or([.identifier("sel_a"), .and([.identifier("sel_b"), .identifier("filter")])]))
        #expect(try parse("not sel_a and sel_b") == .and([.not(.identifier("sel_a")), .identifier("sel_b")]))
        #expect(try parse("sel_a and sel_b or filter and keywords") ==
                .or([.and([.identifier("sel_a"), .identifier("sel_b")]), .and([.identifier("filter"), .identifier("keywords")])]))
    }

    @Test func runsAreFlattenedButParenthesesAreNot() throws {
        #expect(try parse("sel_a and sel_b and filter") ==
                .and([.identifier("sel_a"), .identifier("sel_b"), .identifier("filter")]))
        #expect(try parse("(sel_a and sel_b) and filter") ==
                .and([.and([.identifier("sel_a"), .identifier("sel_b")]), .identifier("filter")]))
        #expect(try parse("sel_a or (sel_b or filter)") ==
                .or([.identifier("sel_a"), .or([.identifier("sel_b"), .identifier("filter")])]))
        #expect(try parse("((sel_a))") == .identifier("sel_a"))
        #expect(try parse("sel_a or sel_b and filter or keywords") ==
                .or([.identifier("sel_a"), .and([.identifier("sel_b"), .identifier("filter")]), .identifier("keywords")]))
    }

    @Test func selectors() throws {
        #expect(try parse("1 of sel_*") == .selector(.any, pattern: "sel_*", matched: ["sel_a", "sel_b"]))
        #expect(try parse("any of sel*") == .selector(.any, pattern: "sel*", matched: ["sel_a", "sel_b"]))
        #expect(try parse("all of them") == .selector(.all, pattern: nil, matched: ["sel_a", "sel_b", "filter", "keywords"]))
        #expect(try parse("1 of them") == .selector(.any, pattern: nil, matched: ["sel_a", "sel_b", "filter", "keywords"]))
        // Underscore names only match an underscore pattern.
        #expect(try parse("all of _h*") == .selector(.all, pattern: "_h*", matched: ["_hidden"]))
        #expect(try parse("1 of *a") == .selector(.any, pattern: "*a", matched: ["sel_a"]))
        #expect(try parse("1 of sel_* and not 1 of filter*") ==
                .and([.selector(.any, pattern: "sel_*", matched: ["sel_a", "sel_b"]),
                      .not(.selector(.any, pattern: "filter*", matched: ["filter"]))]))
    }

    @Test func wholeWordKeywords() throws {
        let p = ConditionParser(detectionNames: ["notable", "order", "android"])
        #expect(try p.parse("notable and order or android") ==
                .or([.and([.identifier("notable"), .identifier("order")]), .identifier("android")]))
    }

    @Test func errorsWithOffsets() {
        let cases: [(String, String, String, Int)] = [
            ("nope", "undefined-detection", "detection 'nope' is not defined in detection", 0),
            ("sel_a and nope", "undefined-detection", "detection 'nope' is not defined in detection", 10),
            ("1 of x*", "selector-matches-nothing", "'x*' matches no detection name", 5),
            ("sel_a AND sel_b", "condition-syntax", "expected 'and' or 'or', found 'AND'", 6),
            ("sel_a and", "condition-syntax", "condition ends where a detection name is expected", 9),
            ("(sel_a", "condition-syntax", "'(' is never closed", 0),
            ("sel_a)", "condition-syntax", "')' without matching '('", 5),
            ("sel*", "condition-syntax", "wildcard 'sel*' is only allowed after '1 of', 'any of' or 'all of'", 0),
            ("sel_a | count() > 5", "legacy-aggregation",
             "the pipe '|' aggregation syntax (e.g. '| count() by x > 5') was removed from Sigma; express the aggregation as a correlation rule", 6),
            ("sel_a = 5", "condition-syntax", "unexpected character '=' in condition", 6),
            ("count(sel_a) by x > 5", "legacy-aggregation",
             "aggregation functions such as count() were removed from Sigma conditions; express the aggregation as a correlation rule", 0),
            ("nope > 5", "undefined-detection", "detection 'nope' is not defined in detection", 0),
            ("", "condition-syntax", "condition is empty", 0),
            ("1 of", "condition-syntax", "'1 of' needs a detection name pattern or 'them'", 2),
            ("() or sel_a", "condition-syntax", "expected a detection name before ')'", 1),
        ]
        for (text, code, message, offset) in cases {
            let f = failure(text)
            #expect(f?.code == code, "\(text)")
            #expect(f?.message == message, "\(text)")
            #expect(f?.offset == offset, "\(text)")
        }
    }

    @Test func deepNestingNeverOverflows() throws {
        let parens = String(repeating: "(", count: 20_000) + "sel_a" + String(repeating: ")", count: 20_000)
        #expect(try parse(parens) == .identifier("sel_a"))
        let nots = String(repeating: "not ", count: 20_000) + "sel_a"
        #expect(failure(nots)?.code == "condition-too-deep")
        var nested = "sel_a"
        for _ in 0..<20_000 { nested = "(" + nested + " and sel_b)" }
        #expect(failure(nested)?.code == "condition-too-deep")
        let unbalanced = String(repeating: "(", count: 20_000) + "sel_a"
        #expect(failure(unbalanced)?.code == "condition-syntax")
    }

    @Test func conditionErrorPositionInFile() throws {
        let e = try singleError(ruleYAML("sel: a", condition: "sel and nope"))
        #expect(e.code == "undefined-detection")
        #expect(e.position == SourcePosition(line: 14, column: 24))
        let quoted = try singleError(ruleYAML("sel: a", condition: "'sel and nope'"))
        #expect(quoted.position == SourcePosition(line: 14, column: 25))
    }

    @Test func wrongConditionTypes() throws {
        #expect(try singleError(ruleYAML("sel: a", condition: "5")).message == "condition must be a string, not a number")
        #expect(try singleError(ruleYAML("sel: a", condition: "{a: b}")).message == "condition must be a string, not a map")
        #expect(try singleError(ruleYAML("sel: a", condition: "[sel, [x]]")).message == "each condition must be a string, not a list")
    }
}
