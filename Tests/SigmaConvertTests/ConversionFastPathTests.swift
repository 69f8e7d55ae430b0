import Testing
@testable import SigmaConvert

/// The byte-level fast paths of conversion: template placeholders and EQL's field quoting for ASCII names.
@Suite struct ConversionFastPathTests {
    @Test func templatesAreFilledByName() {
        #expect(Template.format("{field}:{value}", ["field": "f", "value": "v"]) == "f:v")
        #expect(Template.format("{{field}} {unknown} }} {field}", ["field": "f"]) == "{field} {unknown} } f")
        #expect(Template.format("{field} regex~ \"{regex}\"") { $0 == "regex" ? "a.*" : $0 == "field" ? "x" : nil } == "x regex~ \"a.*\"")
        #expect(Template.mentions("{field} regex~ \"{regex}\"", "{regex}"))
        #expect(!Template.mentions("{field}:{value} {rege} regex}", "{regex}"))
        #expect(!Template.mentions("", "{regex}"))
    }

    @Test func eqlQuotesFieldNamesAsItsPatternDoes() throws {
        let quote = try #require(EQLBackend().language.fieldQuotePattern)
        for name in ["1field", "-field", "a b", "a\tb", "a\u{1C}b", "a\u{1F}b", "a\u{0B}b"] { #expect(quote(name), "\(name)") }
        for name in ["", "field", "Image", "process.command_line", "a-b", "a_1", "a\u{1B}b"] { #expect(!quote(name), "\(name)") }
        // Outside ASCII: Unicode digits and spaces.
        #expect(quote("٣field"))
        #expect(quote("a\u{2003}b"))
        #expect(!quote("éfield"))
    }
}
