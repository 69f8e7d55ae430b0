import Testing
@testable import SigmaKit

/// Each modifier and combination; expected values are pySigma 1.5.1's for the same input.
@Suite("Modifiers")
struct ModifierTests {
    @Test func containsStartswithEndswith() throws {
        #expect(try item("x|contains: abc").values == [str(star, text("abc"), star)])
        #expect(try item("x|startswith: abc").values == [str(text("abc"), star)])
        #expect(try item("x|endswith: abc").values == [str(star, text("abc"))])
        // Existing wildcards at the ends are not doubled.
        #expect(try item("x|contains: '*abc*'").values == [str(star, text("abc"), star)])
        #expect(try item("x|endswith: '*abc'").values == [str(star, text("abc"))])
    }

    @Test func allLinksValuesWithAnd() throws {
        let i = try item("x|contains|all: [a, b]")
        #expect(i.valueLinking == .and)
        #expect(i.values == [str(star, text("a"), star), str(star, text("b"), star)])
        #expect(try item("x|contains: [a, b]").valueLinking == .or)
    }

    @Test func allOnASingleValueIsAnError() throws {
        let e = try singleError(ruleYAML("sel:\n    x|contains|all: a"))
        #expect(e.code == "all-single-value")
        #expect(e.position == SourcePosition(line: 14, column: 9))
    }

    @Test func base64() throws {
        #expect(try item("x|base64: 'a\\*b'").values == [str(text("YVwqYg=="))])
        #expect(try item("x|base64: cmd").values == [str(text("Y21k"))])
        let e = try singleError(ruleYAML("sel:\n    x|base64: 'a*'"))
        #expect(e.code == "modifier-wildcard")
        #expect(e.message == "base64 encoding of a value with wildcards is not allowed ('a*')")
    }

    @Test func base64offsetCountsCodePoints() throws {
        let i = try item("x|base64offset: 'héllo wörld'")
        #expect(i.values == [.expansion([str(text("aMOpbGxvIHfDtnJsZA")), str(text("jDqWxsbyB3w7ZybGQ=")), str(text("ow6lsbG8gd8O2c"))])])
    }

    @Test func wideBase64offsetContains() throws {
        let i = try item("x|wide|base64offset|contains: ping")
        #expect(i.values == [.expansion([str(star, text("cABpAG4AZw"), star), str(star, text("AAaQBuAGcA"), star),
                                         str(star, text("wAGkAbgBnA"), star)])])
        // utf16le is the spec's name of wide.
        #expect(try item("x|utf16le|base64offset|contains: ping").values == i.values)
    }

    @Test func utf16beAndBOM() throws {
        #expect(try item("x|utf16be|base64offset|contains: 'cmd /c'").values ==
                [.expansion([str(star, text("AGMAbQBkACAALwBj"), star), str(star, text("BjAG0AZAAgAC8AY"), star),
                             str(star, text("AYwBtAGQAIAAvAG"), star)])])
        #expect(try item("x|utf16|base64offset|contains: cmd").values ==
                [.expansion([str(star, text("77u/YwBtA"), star), str(star, text("+7v2MAbQBkAA"), star),
                             str(star, text("vu79jAG0AZAA="), star)])])
    }

    @Test func wideRejectsNonASCII() throws {
        let e = try singleError(ruleYAML("sel:\n    x|wide: 'é'"))
        #expect(e.message == "modifier 'wide' only works on ASCII text, 'é' is not")
    }

    @Test func windashPermutationsInPySigmaOrder() throws {
        let dashes = ["-", "/", "\u{2013}", "\u{2014}", "\u{2015}"]
        #expect(try item("x|windash|contains: ' -exec '").values ==
                [.expansion(dashes.map { str(star, text(" \($0)exec "), star) })])
        let two = try item("x|windash: '/x -y'").values
        #expect(two == [.expansion(dashes.flatMap { a in dashes.map { b in str(text("\(a)x \(b)y")) } })])
        // Only a dash that starts a word: a-b is untouched but still an expansion.
        #expect(try item("x|windash: a-b").values == [.expansion([str(text("a-b"))])])
        #expect(try item("x|windash: '--verbose'").values == [.expansion(dashes.map { str(text("-\($0)verbose")) })])
    }

    @Test func windashWithAllKeepsExpansionsGrouped() throws {
        let i = try item("x|windash|contains|all: [' -a', ' -b']")
        #expect(i.valueLinking == .and)
        #expect(i.values.count == 2)
        guard case .expansion(let first) = i.values[0] else { Issue.record("not an expansion"); return }
        #expect(first.count == 5)
    }

    @Test func windashExplosionIsBounded() throws {
        let value = Array(repeating: "-a", count: 12).joined(separator: " ")
        let e = try singleError(ruleYAML("sel:\n    x|windash: '\(value)'"))
        #expect(e.code == "modifier-value")
    }

    @Test func regexAndFlags() throws {
        #expect(try item("x|re: '^a.*b$'").values == [.regex("^a.*b$", flags: [])])
        #expect(try item("x|re|i|m|s: abc").values == [.regex("abc", flags: [.ignoreCase, .multiline, .dotAll])])
        #expect(try item("x|re|s|i: abc").values == [.regex("abc", flags: [.ignoreCase, .dotAll])])
        #expect(try item("x|re|ignorecase: a").values == [.regex("a", flags: [.ignoreCase])])
        #expect(try item("x|re|contains: abc").values == [.regex(".*abc.*", flags: [])])
        #expect(try item("x|re|startswith: '^abc'").values == [.regex("^abc.*", flags: [])])
        // Escapes are not Sigma escapes inside a regular expression.
        #expect(try item("x|re: 'a\\*b'").values == [.regex("a\\*b", flags: [])])
        #expect(try item("x|re: 123").values == [.regex("123", flags: [])])
    }

    @Test func regexErrors() throws {
        let invalid = try singleError(ruleYAML("sel:\n    x|re: 'a('"))
        #expect(invalid.code == "invalid-regex")
        #expect(invalid.message == "invalid regular expression 'a('")
        #expect(try singleError(ruleYAML("sel:\n    x|contains|re: a")).code == "modifier-order")
        #expect(try singleError(ruleYAML("sel:\n    x|i: a")).message == "modifier 'i' cannot be applied to the string 'a'")
        // Python accepts these spellings; they must not be reported.
        for ok in ["a{,2}", "\\\\p{L}", "(?P<n>a)(?P=n)", "[]a]", "\\0", "a{", "x}"] {
            #expect(parse(ruleYAML("sel:\n    x|re: '\(ok)'")).errors.isEmpty, "\(ok)")
        }
        // Python rejects an unknown escape.
        #expect(try singleError(ruleYAML("sel:\n    x|re: '\\e'")).code == "invalid-regex")
    }

    @Test func cidr() throws {
        let i = try item("x|cidr: ['10.0.0.0/8', '192.168.1.1', '::1/128', 'fe80::/10', '::ffff:10.0.0.0/104']")
        #expect(i.values == [.cidr("10.0.0.0/8"), .cidr("192.168.1.1"), .cidr("::1/128"), .cidr("fe80::/10"),
                             .cidr("::ffff:10.0.0.0/104")])
        let cases: [(String, String)] = [
            ("10.0.0.1/8", "invalid CIDR network: '10.0.0.1/8' has host bits set"),
            ("10.0.0/8", "invalid CIDR network: '10.0.0' is not an IPv4 address"),
            ("300.0.0.0/8", "invalid CIDR network: '300.0.0.0' is not an IPv4 address"),
            ("10.0.0.0/33", "invalid CIDR network: '33' is not a valid prefix length (0-32)"),
            ("fe80::1/10", "invalid CIDR network: 'fe80::1/10' has host bits set"),
            ("1::2::3/64", "invalid CIDR network: '1::2::3' is not an IPv6 address"),
            ("010.0.0.0/8", "invalid CIDR network: '010.0.0.0' is not an IPv4 address"),
        ]
        for (value, message) in cases {
            let e = try singleError(ruleYAML("sel:\n    x|cidr: '\(value)'"))
            #expect(e.code == "invalid-cidr")
            #expect(e.message == message)
        }
        #expect(try singleError(ruleYAML("sel:\n    x|contains|cidr: '10.0.0.0/8'")).code == "modifier-order")
    }

    @Test func exists() throws {
        #expect(try item("x|exists: true").values == [.exists(true)])
        #expect(try item("x|exists: no").values == [.exists(false)])
        #expect(try singleError(ruleYAML("sel:\n    x|exists: 'yes'")).message ==
                "modifier 'exists' cannot be applied to the string 'yes'")
        #expect(try singleError(ruleYAML("sel:\n    '|exists': true")).message == "modifier 'exists' needs a field name")
    }

    @Test func fieldref() throws {
        #expect(try item("x|fieldref: ParentImage").values == [.fieldRef("ParentImage")])
        #expect(try item("x|fieldref|contains: P").values == [.fieldRef("P", startsWith: true, endsWith: true)])
        #expect(try item("x|fieldref|endswith: P").values == [.fieldRef("P", startsWith: false, endsWith: true)])
        #expect(try item("x|fieldref|startswith: P").values == [.fieldRef("P", startsWith: true, endsWith: false)])
        #expect(try singleError(ruleYAML("sel:\n    x|fieldref: 'a*'")).code == "modifier-wildcard")
    }

    @Test func comparisons() throws {
        #expect(try item("x|gt: 5").values == [.compare(.gt, .int(5))])
        #expect(try item("x|gte: 5.5").values == [.compare(.gte, .double(5.5))])
        #expect(try item("x|lt: 1").values == [.compare(.lt, .int(1))])
        #expect(try item("x|lte: 1.0").values == [.compare(.lte, .int(1))])
        #expect(try singleError(ruleYAML("sel:\n    x|gt: a")).message == "modifier 'gt' cannot be applied to the string 'a'")
    }

    @Test func neqNegatesTheItem() throws {
        let i = try item("x|neq: [a, b]")
        #expect(i.negated)
        #expect(i.values == [str(text("a")), str(text("b"))])
        #expect(try item("x|neq: 5").values == [.number(.int(5))])
        #expect(try item("x: 5").negated == false)
    }

    @Test func expandPlaceholders() throws {
        #expect(try item("x|expand: ['%admins%', 'x%y%z', 'a\\%b%', '%%']").values ==
                [str(.placeholder("admins")), str(text("x"), .placeholder("y"), text("z")), str(text("a%b%")), str(text("%%"))])
        #expect(try item("x|expand|contains: '%admins%'").values == [str(star, .placeholder("admins"), star)])
        // Without expand, % is plain text.
        #expect(try item("x: '%admins%'").values == [str(text("%admins%"))])
    }

    @Test func cased() throws {
        #expect(try item("x|cased|contains: Foo").values == [str(star, text("Foo"), star, cased: true)])
        // pySigma drops `cased` when windash rewrites the value, keeps it when windash leaves it.
        guard case .expansion(let v)? = try item("x|cased|windash: '-a'").values.first else { Issue.record(); return }
        #expect(v.first == str(text("-a")))
        #expect(try item("x|cased|windash: a").values == [.expansion([str(text("a"), cased: true)])])
    }

    @Test func timeModifiersTakeNumbers() throws {
        let i = try item("x|hour: 5")
        #expect(i.modifiers == [.hour])
        #expect(i.values == [.number(.int(5))])
        #expect(try singleError(ruleYAML("sel:\n    x|minute: a")).code == "modifier-type")
    }

    @Test func stringModifiersRejectOtherTypes() throws {
        #expect(try singleError(ruleYAML("sel:\n    x|contains: 5")).message == "modifier 'contains' cannot be applied to the number 5")
        #expect(try singleError(ruleYAML("sel:\n    x|contains: null")).message == "modifier 'contains' cannot be applied to null")
        #expect(try singleError(ruleYAML("sel:\n    x|windash: true")).message == "modifier 'windash' cannot be applied to the boolean true")
    }

    @Test func unknownAndEmptyModifiers() throws {
        let e = try singleError(ruleYAML("sel:\n    x|foo: a"))
        #expect(e.code == "unknown-modifier")
        #expect(e.message == "unknown modifier 'foo' in 'x|foo'")
        #expect(e.position == SourcePosition(line: 14, column: 9))
        #expect(try singleError(ruleYAML("sel:\n    x||contains: a")).message == "empty modifier name (double '|') in 'x||contains'")
    }

    @Test func keywordWithModifiers() throws {
        let i = try item("'|contains': [a, b]")
        #expect(i.field == nil)
        #expect(i.values == [str(star, text("a"), star), str(star, text("b"), star)])
    }
}

/// Modifier chains the reference accepts or rejects (verdicts checked against pySigma 1.5.1).
@Suite("Modifier combinations")
struct ModifierCombinationTests {
    static let allowed: [(String, String)] = [
        ("contains|all", "[a, b]"), ("startswith|cased", "a"), ("cased|endswith", "a"), ("windash|contains", "' -a'"),
        ("base64offset|contains", "abc"), ("base64|contains", "abc"), ("wide|base64", "abc"), ("base64|wide", "abc"),
        ("re|i", "a"), ("re|contains", "a"), ("fieldref|contains", "F"), ("expand|contains", "'%x%'"),
        ("contains|expand", "'%x%'"), ("expand|windash", "'-%x%'"), ("neq|contains", "[a, b]"), ("contains|neq", "a"),
        ("gt|neq", "5"), ("exists|neq", "true"), ("windash|base64offset", "'-a'"), ("base64offset|windash", "'-a'"),
        ("all|windash|contains", "['-a', '-b']"), ("cidr|all", "['10.0.0.0/8', '11.0.0.0/8']"), ("exists|all", "[true, false]"),
        ("utf16be|cased", "a"), ("cased|wide", "a"), ("cased|fieldref", "F"), ("re|expand", "'%x%'"), ("minute|gt", "5"),
        ("startswith|endswith", "a"), ("contains|contains", "a"), ("windash|windash", "'-a'"),
    ]

    static let rejected: [(String, String, String)] = [
        ("contains|base64", "abc", "modifier-wildcard"), ("contains|re", "a", "modifier-order"), ("re|base64", "a", "modifier-type"),
        ("cidr|contains", "'10.0.0.0/8'", "modifier-type"), ("contains|cidr", "'10.0.0.0/8'", "modifier-order"),
        ("fieldref|base64", "F", "modifier-type"), ("neq|exists", "true", "modifier-order"), ("cased|re", "a", "modifier-order"),
        ("re|cased", "a", "modifier-type"), ("gt|contains", "5", "modifier-type"), ("contains|gt", "5", "modifier-type"),
        ("fieldref|cased", "F", "modifier-type"), ("expand|re", "'%x%'", "modifier-order"), ("lt|gte", "5", "modifier-type"),
        ("i", "a", "modifier-type"), ("gt|minute", "5", "modifier-type"),
    ]

    @Test(arguments: allowed.map { "\($0.0)=\($0.1)" })
    func allowedChain(_ spec: String) {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        let file = parse(ruleYAML("sel:\n    x|\(parts[0]): \(parts[1])"))
        #expect(file.errors.isEmpty, "\(parts[0]): \(file.errors)")
    }

    @Test(arguments: rejected.map { "\($0.0)=\($0.1)=\($0.2)" })
    func rejectedChain(_ spec: String) throws {
        let parts = spec.split(separator: "=", maxSplits: 2).map(String.init)
        let e = try singleError(ruleYAML("sel:\n    x|\(parts[0]): \(parts[1])"))
        #expect(e.code == parts[2], "\(parts[0])")
        #expect(e.position == SourcePosition(line: 14, column: 9))
    }
}
