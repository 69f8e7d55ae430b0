import SigmaKit
import Testing
@testable import SigmaConvert

@Suite("Engine building blocks")
struct EngineUnitTests {
    @Test(arguments: [
        ("10.0.0.0/8", "10.0.0.0/8", "10.0.0.0", 8),
        ("10.1.2.3/8", "10.0.0.0/8", "10.0.0.0", 8),
        ("::1/128", "::1/128", "::1", 128),
        ("fe80::/10", "fe80::/10", "fe80::", 10),
        ("FC00:0:0:0:0:0:0:0/7", "fc00::/7", "fc00::", 7),
        ("2001:db8:0:0:1:0:0:1/128", "2001:db8::1:0:0:1/128", "2001:db8::1:0:0:1", 128),
        ("::ffff:1.2.3.4/128", "::ffff:102:304/128", "::ffff:102:304", 128),
        ("192.168.1.7", "192.168.1.7/32", "192.168.1.7", 32),
    ])
    func cidrPrintsLikePython(_ input: String, _ text: String, _ network: String, _ prefix: Int) throws {
        let n = try #require(CIDRNetwork(input))
        #expect(n.description == text)
        #expect(n.networkAddressText == network)
        #expect(n.prefixLength == prefix)
    }

    @Test(arguments: ["10.0.0/8", "300.0.0.0/8", "10.0.0.0/33", "1::2::3/64", "::/129", "abc", "1.2.3.4/x", ""])
    func invalidCIDRIsRejected(_ input: String) {
        #expect(CIDRNetwork(input) == nil)
    }

    @Test func blake2sMatchesTheReferenceVectors() {
        #expect(BLAKE2s.hexDigest(Array("abc".utf8)) == "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982")
        #expect(BLAKE2s.hexDigest([]) == "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9")
        // Exactly one block, one byte more, and several blocks (digests from Python's hashlib.blake2s).
        #expect(BLAKE2s.hexDigest(Array(String(repeating: "a", count: 64).utf8)) == "651d2f5f20952eacaea2fba2f2af2bcd633e511ea2d2e4c9ae2ac0d9ffb7b252")
        #expect(BLAKE2s.hexDigest(Array(String(repeating: "a", count: 65).utf8)) == "045f8ae18932119bd051ac7ba5c73db59892055fad5c32f82d79a6543d92a497")
        #expect(BLAKE2s.hexDigest(Array(String(repeating: "a", count: 200).utf8)) == "2b033f9f5ba9cf20671da79e492f41545e673b562603945ffed09662fd92321a")
    }

    @Test func templatesSubstituteOncePerPlaceholder() {
        #expect(Template.format("{field} {op} {value}", ["field": "{value}", "op": "=", "value": "x"]) == "{value} = x")
        #expect(Template.format("{{literal}} {missing}", [:]) == "{literal} {missing}")
        #expect(Template.format("é{v}}ü{", ["v": "😀"]) == "é😀}ü{")
        #expect(Template.format("{v}}}{{", ["v": ""]) == "}{")
    }

    @Test func regexEscapingAndFlags() {
        #expect(RegexRendering.escape(#"a"b\c"#, flags: [.multiline, .ignoreCase], escaped: ["\""], escapeChar: "\\",
                                      escapeEscapeChar: true, flagPrefix: true) == #"(?im)a\"b\\c"#)
        #expect(RegexRendering.escape("a/b\\d", flags: [], escaped: ["/"], escapeChar: "\\",
                                      escapeEscapeChar: false, flagPrefix: true) == "a\\/b\\d")
    }

    @Test func slicingCountsCodePointsAndWildcards() {
        let s = SigmaString(sigma: "*ab?c*")
        #expect(s.dropping(front: 1, back: 1) == SigmaString(sigma: "ab?c"))
        #expect(s.dropping(front: 0, back: 1).endsWithWildcard == false)
        #expect(SigmaString(sigma: "*").dropping(front: 1, back: 1).isEmpty)
        #expect(SigmaString(sigma: "é*").dropping(front: 1, back: 0) == SigmaString(sigma: "*"))
    }

    @Test func plainFormIsPythonsStr() {
        #expect(SigmaString(sigma: #"a\*b*?%p%"#).pyPlain == #"a\*b*?%p%"#)
        #expect(SigmaString(parts: [.text("x"), .placeholder("name")]).pyPlain == "x%name%")
        #expect(SigmaString(plain: "").pyPlain.isEmpty)
    }

    @Test func renderingEscapesAndRejectsPlaceholders() throws {
        let s = SigmaString(parts: [.text("a\"b"), .wildcardMulti, .text("c")])
        #expect(try s.render(escapeChar: "\\", wildcardMulti: "*", wildcardSingle: "?", addEscaped: "\"") == #"a\"b*c"#)
        // Non-ASCII text beside escaped and dropped characters; a non-ASCII escape set takes the scalar path.
        let mixed = SigmaString(parts: [.text("é\"ü'😀"), .wildcardSingle])
        #expect(try mixed.render(escapeChar: "\\", wildcardMulti: "*", wildcardSingle: "?", addEscaped: "\"", filterChars: "'")
                == "é\\\"ü😀?")
        #expect(try mixed.render(escapeChar: "^", wildcardMulti: "*", wildcardSingle: "?", addEscaped: "ü") == "é\"^ü'😀?")
        #expect(try SigmaString(plain: "no escapes").render(escapeChar: nil, wildcardMulti: "*", wildcardSingle: "?",
                                                            addEscaped: "\"") == "no escapes")
        let p = SigmaString(parts: [.placeholder("x")])
        #expect(throws: ConversionError.self) { try p.render(escapeChar: "\\", wildcardMulti: "*", wildcardSingle: "?", addEscaped: "") }
    }

    @Test func numbersPrintLikePython() {
        #expect(NumberRendering.text(.int(4624)) == "4624")
        #expect(NumberRendering.text(.double(2.0)) == "2")
        #expect(NumberRendering.text(.double(2.5)) == "2.5")
    }

    @Test func splunkLeadingTermsStopAtTheFirstNonTerm() throws {
        let (name, matched, rest) = try #require(SplunkBackend.leadingFieldTerm(#"index="win" a1Condition="true""#[...]))
        #expect(name == "index")
        #expect(matched == #"index="win" "#)
        #expect(rest == #"a1Condition="true""#)
        #expect(SplunkBackend.leadingFieldTerm("(A=1 OR B=2)"[...]) == nil)
        #expect(SplunkBackend.leadingFieldTerm(#"A="unterminated"#[...]) == nil)
    }

    @Test func splunkCaptureNamesStayWithin32Characters() {
        #expect(SplunkBackend.matchGroupName(cleaned: "Short", suffix: "") == "ShortMatch")
        let long = SplunkBackend.matchGroupName(cleaned: "AVeryLongFieldNameThatKeepsGoingOnAndOn", suffix: "2")
        #expect(long.count == 32)
        #expect(long.hasSuffix("Match2"))
        #expect(SplunkBackend.cleanField("a.b.c") == "c")
    }
}
