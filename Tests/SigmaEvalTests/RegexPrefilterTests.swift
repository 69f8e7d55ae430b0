@testable import SigmaEval
import SigmaKit
import Testing

/// A regular expression is run only on values holding the literal texts every match contains; the
/// prefilter must never turn away a value the expression matches.
@Suite struct RegexPrefilterTests {
    @Test func runsOfAConcatenationInOrder() {
        #expect(RegexLiteral.prefilter("\\+.*\\+.*\\+", ignoreCase: false) == [[Array("+".utf8), Array("+".utf8), Array("+".utf8)]])
        #expect(RegexLiteral.prefilter("ab+c", ignoreCase: false) == [[Array("ab".utf8), Array("c".utf8)]])
        // Optional characters and groups are not required.
        #expect(RegexLiteral.prefilter("abc?d(ef)gh", ignoreCase: false) == [[Array("ab".utf8), Array("d".utf8), Array("gh".utf8)]])
        #expect(RegexLiteral.prefilter("Invoke-[A-Z]+", ignoreCase: false) == [[Array("Invoke-".utf8)]])
        #expect(RegexLiteral.prefilter("x|yz", ignoreCase: false) == [[Array("x".utf8)], [Array("yz".utf8)]])
    }

    @Test func outOfReachPatternsHaveNone() {
        // Case folding (flag or inline), non-ASCII text, an alternative with no text, only classes.
        #expect(RegexLiteral.prefilter("invoke", ignoreCase: true) == nil)
        #expect(RegexLiteral.prefilter("(?i)invoke", ignoreCase: false) == nil)
        #expect(RegexLiteral.prefilter("ärger", ignoreCase: false) == nil)
        #expect(RegexLiteral.prefilter("abc|[0-9]+", ignoreCase: false) == nil)
        #expect(RegexLiteral.prefilter("\\d+\\s\\w", ignoreCase: false) == nil)
        #expect(RegexLiteral.prefilter("(abc)", ignoreCase: false) == nil)
    }

    @Test func groupsThatOnlyGroupOrLookAround() {
        #expect(RegexLiteral.prefilter("cmd(?:/c|/r).+ps", ignoreCase: false) == [[Array("cmd".utf8), Array("ps".utf8)]])
        #expect(RegexLiteral.prefilter("a(?=b)c(?!d)e(?<=f)g(?<!h)i", ignoreCase: false)
            == [[Array("a".utf8), Array("c".utf8), Array("e".utf8), Array("g".utf8), Array("i".utf8)]])
        // Named groups, flags inside the pattern, verbose mode: out of reach.
        #expect(RegexLiteral.prefilter("(?P<x>a)bc", ignoreCase: false) == nil)
        #expect(RegexLiteral.prefilter("ab(?i)c", ignoreCase: false) == nil)
        #expect(RegexLiteral.prefilter("(?x)a b", ignoreCase: false) == nil)
        #expect(RegexLiteral.prefilter("(?s)ab.c", ignoreCase: false) == [[Array("ab".utf8), Array("c".utf8)]])
    }

    @Test func characterCodesAreNotText() {
        #expect(RegexLiteral.prefilter("ab\\x41cd", ignoreCase: false) == [[Array("ab".utf8), Array("cd".utf8)]])
        #expect(RegexLiteral.prefilter("ab\\u0041cd", ignoreCase: false) == [[Array("ab".utf8), Array("cd".utf8)]])
        #expect(RegexLiteral.prefilter("(a)b\\1cd\\012ef", ignoreCase: false) == [[Array("b".utf8), Array("cd".utf8), Array("ef".utf8)]])
    }

    @Test func foldedRunsForCaseInsensitivePatterns() {
        #expect(RegexLiteral.foldedPrefilter("(?i)Echo.*CLIP", ignoreCase: false) == [[Array("echo".utf8), Array("clip".utf8)]])
        #expect(RegexLiteral.foldedPrefilter("Invoke|IEX", ignoreCase: true) == [[Array("invoke".utf8)], [Array("iex".utf8)]])
        #expect(RegexLiteral.foldedPrefilter("invoke", ignoreCase: false) == nil)
        #expect(RegexLiteral.foldedPrefilter("(?i)abc|[0-9]", ignoreCase: false) == nil)
        // Never for the index: a non-ASCII value may match without the lower-case text.
        #expect(RegexLiteral.required("(?i)kerberos", ignoreCase: false) == nil)
    }

    @Test func indexLiteralsUnchanged() {
        #expect(RegexLiteral.required("Invoke-[A-Z]+", ignoreCase: false) == [Array("invoke-".utf8)])
        #expect(RegexLiteral.required("ab.cdef.gh", ignoreCase: false) == [Array("cdef".utf8)])
        #expect(RegexLiteral.required("abc|de", ignoreCase: false) == nil)
        #expect(RegexLiteral.required("\\+.*\\+", ignoreCase: false) == nil)
    }

    @Test func holdsSomeNeedsEveryTextInOrderAndApart() {
        func holds(_ a: [[String]], _ v: String) -> Bool {
            Array(v.utf8).withUnsafeBufferPointer { ValueTest.holdsSome(a.map { $0.map { Array($0.utf8) } }, $0) }
        }
        #expect(holds([["ab", "c"]], "xxabyyc"))
        #expect(!holds([["ab", "c"]], "cxxab"))
        #expect(!holds([["+", "+"]], "a+b"))
        #expect(holds([["+", "+"]], "a+b+"))
        #expect(!holds([["aa", "aa"]], "aaa"))
        #expect(holds([["x"], ["yz"]], "ayz"))
        #expect(!holds([["x"], ["yz"]], "ay z"))
    }

    @Test func matchesStayThoseOfTheExpression() throws {
        let plus = selection("CommandLine|re: '\\+.*\\+.*\\+'")
        #expect(try matches(plus, ["CommandLine": "a+b+c+"]))
        #expect(try !matches(plus, ["CommandLine": "a+b+c"]))
        let sensitive = selection("CommandLine|re: 'Invoke-[A-Z]+'")
        #expect(try matches(sensitive, ["CommandLine": "x Invoke-MIMI"]))
        // The text is looked for as written: a lower-case value neither passes the filter nor matches.
        #expect(try !matches(sensitive, ["CommandLine": "x invoke-mimi"]))
        let alternation = selection("CommandLine|re: 'cmd\\.exe /c|powershell -e'")
        #expect(try matches(alternation, ["CommandLine": "C:\\powershell -enc x"]))
        #expect(try matches(alternation, ["CommandLine": "cmd.exe /c whoami"]))
        #expect(try !matches(alternation, ["CommandLine": "cmd.exe /k whoami"]))
    }

    @Test func unfilteredFallbacksStillMatch() throws {
        // Case-insensitive by flag and inline: Unicode folding (KELVIN SIGN matches k), no prefilter.
        #expect(try matches(selection("CommandLine|re|i: 'kerberos'"), ["CommandLine": "\u{212A}ERBEROS"]))
        #expect(try matches(selection("CommandLine|re: '(?i)kerberos'"), ["CommandLine": "KERBEROS"]))
        #expect(try matches(selection("CommandLine|re: '(?i)kerberos'"), ["CommandLine": "x \u{212A}ERBEROS"]))
        #expect(try matches(selection("CommandLine|re: '(?i)kerberos'"), ["CommandLine": "x KeRbErOs y"]))
        #expect(try !matches(selection("CommandLine|re: '(?i)kerberos'"), ["CommandLine": "x kerbero"]))
        #expect(try matches(selection("CommandLine|re: 'cmd(?:/c|/r) x'"), ["CommandLine": "cmd/r x"]))
        #expect(try matches(selection("CommandLine|re: 'ab\\x41cd'"), ["CommandLine": "abAcd"]))
        #expect(try !matches(selection("CommandLine|re: 'cmd(?:/c|/r) x'"), ["CommandLine": "cmd/k x"]))
        // Non-ASCII pattern and value.
        #expect(try matches(selection("User|re: 'ärger$'"), ["User": "der ärger"]))
        #expect(try !matches(selection("User|re: 'ärger$'"), ["User": "der ÄRGER"]))
        // A filtered pattern on a non-ASCII value.
        #expect(try matches(selection("CommandLine|re: 'é.*\\+'"), ["CommandLine": "é+"]) )
        #expect(try matches(selection("CommandLine|re: 'abc\\+'"), ["CommandLine": "ÄÖü abc+ ß"]))
    }
}
