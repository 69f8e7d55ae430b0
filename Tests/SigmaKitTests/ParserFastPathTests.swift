import Testing
@testable import SigmaKit

/// The byte-level fast paths of the front end give what the general paths gave: condition tokens and their
/// offsets, duplicate keys in large maps, Sigma string parts, wildcard wrapping and the nesting pre-check.
@Suite struct ParserFastPathTests {
    private func lexemes(_ tokens: [ConditionParser.Lexeme]?) -> [String]? {
        tokens?.map { "\($0.token)@\($0.offset)" }
    }

    @Test func asciiConditionsAreTokenizedOnBytes() throws {
        let text = "1 of selection_* and not (filter-a or\tfilter_b)"
        let fast = lexemes(ConditionParser.tokenizeASCII(text))
        #expect(fast == ["word(\"1\")@0", "word(\"of\")@2", "word(\"selection_*\")@5", "word(\"and\")@17", "word(\"not\")@21",
                         "open@25", "word(\"filter-a\")@26", "word(\"or\")@35", "word(\"filter_b\")@38", "close@46"])
        #expect(lexemes(ConditionParser.tokenizeASCII("sel and !x")) == ["word(\"sel\")@0", "word(\"and\")@4", "invalid(\"!\")@8",
                                                                         "word(\"x\")@9"])
        #expect(try lexemes(ConditionParser.tokenize(text)) == fast)
    }

    @Test func otherConditionsKeepTheCharacterPath() throws {
        // "\r\n" is one Character, and a non-ASCII letter is one Character of several bytes: offsets count Characters.
        #expect(ConditionParser.tokenizeASCII("a\r\nand b") == nil)
        #expect(ConditionParser.tokenizeASCII("é and b") == nil)
        #expect(try lexemes(ConditionParser.tokenize("a\r\nand b")) == ["word(\"a\")@0", "word(\"and\")@2", "word(\"b\")@6"])
        #expect(try lexemes(ConditionParser.tokenize("é and b")) == ["invalid(\"é\")@0", "word(\"and\")@2", "word(\"b\")@6"])
    }

    @Test func conditionErrorsKeepTheirColumns() {
        let file = SigmaParser.parse(text: """
            title: t
            logsource: {product: windows}
            detection:
              sel: {a: 1}
              condition: sel and !x
            """, path: "r.yml")
        let error = file.diagnostics.first { $0.severity == .error }
        #expect(error?.position == SourcePosition(line: 5, column: 22))
    }

    @Test func duplicateKeysAreFoundInLargeMaps() {
        let keys = (1...20).map { "k\($0): \($0)" }
        #expect(YAMLLoader().load(keys.joined(separator: "\n")).failure == nil)
        for duplicateOf in [1, 16, 17, 20] {
            let text = (keys + ["k\(duplicateOf): again"]).joined(separator: "\n")
            let failure = YAMLLoader().load(text).failure
            #expect(failure?.code == "duplicate-key")
            #expect(failure?.message == "duplicate key 'k\(duplicateOf)' in a map (first at line \(duplicateOf))")
            #expect(failure?.position?.line == 21)
        }
        // The same text under another tag is another key, before and after the switch to hashing.
        for count in [3, 18] {
            let text = (Array(keys.prefix(count)) + ["!!int 1: x", "\"1\": y"]).joined(separator: "\n")
            #expect(YAMLLoader().load(text).failure == nil)
        }
    }

    @Test func sigmaStringsAreCutAtTheirSigns() {
        #expect(SigmaString(sigma: "a\\*b*c?d\\\\e\\x").parts == [.text("a*b"), .wildcardMulti, .text("c"), .wildcardSingle,
                                                                .text("d\\e\\x")])
        // A wildcard followed by a combining mark (the keycap emoji) is still a wildcard, as in pySigma.
        #expect(SigmaString(sigma: "*\u{FE0F}\u{20E3}é*").parts == [.wildcardMulti, .text("\u{FE0F}\u{20E3}é"), .wildcardMulti])
        #expect(SigmaString(sigma: "x%user%y%%z%", placeholders: true).parts == [.text("x"), .placeholder("user"),
                                                                                .text("y%"), .placeholder("z")])
        #expect(SigmaString(sigma: "x%user%", placeholders: false).parts == [.text("x%user%")])
        #expect(SigmaString(sigma: "trailing\\").parts == [.text("trailing\\")])
    }

    @Test func wrappingInWildcardsIsPrependingThenAppending() {
        func prependedThenAppended(_ s: SigmaString, leading: Bool, trailing: Bool) -> SigmaString {
            var s = s
            if leading, !s.startsWithWildcard { s.prepend(.wildcardMulti) }
            if trailing, !s.endsWithWildcard { s.append(.wildcardMulti) }
            return s
        }
        for text in ["", "*", "a", "*a", "a*", "*a*", "a?b", "?"] {
            for (leading, trailing) in [(true, true), (true, false), (false, true)] {
                let s = SigmaString(sigma: text)
                #expect(s.wrappedInWildcards(leading: leading, trailing: trailing) == prependedThenAppended(s, leading: leading, trailing: trailing),
                        "\(text) \(leading) \(trailing)")
            }
        }
    }

    @Test func nestingPreCheckReadsPlainRunsAsBefore() {
        // Brackets inside plain text and comments are no nesting; a comment needs a blank before '#'.
        #expect(NestingScanner.check("a: b c [[[[[[ {{{{\nd: e # [[[[[[\n", maxDepth: 3) == nil)
        #expect(NestingScanner.check("a: b#[[[[[[\n", maxDepth: 3) == nil)
        #expect(NestingScanner.check("a: 'x # [[[[[[' \nb: \"y \\\" [[[[[[\"\n", maxDepth: 3) == nil)
        #expect(NestingScanner.check("a: b\nc: [[[[[[1]]]]]]\n", maxDepth: 3)?.code == "yaml-too-deep")
        #expect(NestingScanner.check("a: b\nc: [[[[[[1]]]]]]\n", maxDepth: 3)?.position?.line == 2)
        #expect(NestingScanner.check("key: *alias : x\n", maxDepth: 3)?.code == "yaml-complex-key")
        #expect(NestingScanner.check("plain words *anchor: x\n", maxDepth: 3) == nil)
    }
}

/// Detection keys are cut at `|` on bytes when ASCII, as the `Character` split cuts them.
@Suite struct ModifierComponentTests {
    @Test func keysSplitAsTheCharacterSplit() {
        for key in ["Image|endswith", "a||b", "|x|", "CommandLine|contains|all", "é|base64", "a|\u{301}b", "plain"] {
            #expect(DetectionBuilder.modifierComponents(key) == key.split(separator: "|", omittingEmptySubsequences: false).map(String.init), "\(key)")
        }
    }
}
