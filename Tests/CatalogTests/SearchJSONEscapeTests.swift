@testable import Catalog
import Foundation
import Testing

/// Every control character, and text around each escape, is written as `JSONEncoder` writes it.
@Suite struct SearchJSONEscapeTests {
    @Test func everyControlCharacterIsEscapedAsTheEncoderDoes() throws {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}"
        let titles = [controls, "\"\"", "\\", "end\\", "\"start", "a\u{0}b", "ünï\u{1F}cödé 💥", "", "/"]
        let results = titles.enumerated().map { n, title in
            RuleSummary(id: "id-\(n)", kind: "rule", title: title, status: nil, level: nil, date: nil, modified: nil,
                        author: title, techniques: [title], tactics: [], logsource: .init(product: title, category: nil, service: nil),
                        path: "p")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(RuleSummaryJSON.list(results) == String(decoding: try encoder.encode(results), as: UTF8.self))
    }
}
