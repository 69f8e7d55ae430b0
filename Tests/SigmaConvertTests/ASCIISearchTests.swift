import Testing
@testable import SigmaConvert

/// The byte-level searches and name tests give what the `Character`- and scalar-level forms they replace give.
@Suite struct ASCIISearchTests {
    @Test func firstRangeAgreesWithTheCharacterSearch() {
        let texts = ["a\n| search b", "a\r\n| search b", "x\n| y\n| z", "none here", "", "é\n| search ü", "\n| ",
                     "a\r\n| b\n| c", "tail \\", "a\\*b\\*", "x\\*\u{301}y",
                     // Other text: matches inside a character (a prepended sign before, a combining mark after) do
                     // not count, and letters with another canonical form go to the character search.
                     "\u{0600}\\*b\\*", "é x\\*\u{301} y\\* ", "日本\r\n| 語\n| x", "ü\n| \u{301}\n| ok", "ü| \u{212A}x| K",
                     "a\u{301}\n| search b", "\u{1F469}\u{200D}\\*\\*"]
        for text in texts {
            for needle in ["\n| search ", "\n| ", "\\*", "| K"] {
                #expect(text.firstASCIIRange(of: needle) == text.firstRange(of: needle), "\(text.debugDescription) \(needle.debugDescription)")
                #expect(text.containsASCII(needle) == (text.firstRange(of: needle) != nil))
                let sub = text.dropFirst()
                #expect(sub.firstASCIIRange(of: needle) == sub.firstRange(of: needle))
            }
        }
    }

    @Test func pythonWordNamesAgreeWithTheScalarTest() {
        let names = ["", "Image", "process.command_line", "a-b", "a b", "a_1", "日本", "é.x", "a\u{301}", "a\n", "."]
        for name in names {
            #expect(isPythonWordName(name, dot: true)
                    == (!name.isEmpty && name.unicodeScalars.allSatisfy { isPythonWordScalar($0) || $0 == "." }), "\(name)")
            #expect(isPythonWordName(name, dot: false) == (!name.isEmpty && name.unicodeScalars.allSatisfy(isPythonWordScalar)), "\(name)")
        }
    }

    /// The pattern `^[\w.]+$` (a final LF is allowed by `$`); names it does not match are quoted.
    @Test func esqlFieldPatternMatchesAsBefore() throws {
        let matches = try #require(ESQLBackend().language.fieldQuotePattern)
        #expect(matches("Image"))
        #expect(matches("process.name\n"))
        #expect(!matches("process.name\r\n"))
        #expect(!matches("a b"))
        #expect(!matches("\n"))
        #expect(!matches(""))
    }
}
