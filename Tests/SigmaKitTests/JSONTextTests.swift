import Foundation
import SigmaKit
import Testing

/// `JSONText.quote`: the escaping every jsonl line and stored JSON string goes through.
@Suite struct JSONTextTests {
    @Test(arguments: [
        ("", "\"\""),
        ("plain text", "\"plain text\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("C:\\Windows\\*", "\"C:\\\\Windows\\\\*\""),
        ("a\nb\rc\td", "\"a\\nb\\rc\\td\""),
        ("\u{01}\u{1F}", "\"\\u0001\\u001f\""),
        ("é 😀 \u{7F}", "\"é 😀 \u{7F}\""),
        ("\"", "\"\\\"\""),
    ])
    func quotesLikeAJSONEncoder(input: String, expected: String) throws {
        #expect(JSONText.quote(input) == expected)
        let decoded = try JSONSerialization.jsonObject(with: Data(expected.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == input)
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let input = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))) + "x\u{0}y"
        let quoted = JSONText.quote(input)
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 })
        let decoded = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == input)
    }
}
