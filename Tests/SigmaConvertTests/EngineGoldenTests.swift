import SigmaKit
import Testing
@testable import SigmaConvert

/// What the reference produced for a construct in one language.
enum GoldenExpectation: Sendable, CustomStringConvertible {
    case query(String)
    /// The reference refused; the payload is its exception type, for the reader.
    case refused(String)

    var description: String {
        switch self {
        case .query(let q): "query \(q)"
        case .refused(let e): "refused (\(e))"
        }
    }
}

/// One inline rule with the reference's conversion per language.
struct GoldenCase: Sendable, CustomStringConvertible {
    let name: String
    let yaml: String
    let kusto: GoldenExpectation
    let splunk: GoldenExpectation
    let lucene: GoldenExpectation

    var description: String { name }
}

/// Converts inline YAML with a target (no pipeline).
func convertYAML(_ yaml: String, target: String, pipeline: String? = nil) throws -> Result<String, ConversionError> {
    let converter = try Converter(target: target, pipeline: pipeline)
    let file = SigmaParser.parseWithoutWarnings(text: yaml, path: "inline.yml")
    return converter.convert(file: file)
}

private func check(_ c: GoldenCase, _ target: String, _ expected: GoldenExpectation) throws {
    let result = try convertYAML(c.yaml, target: target)
    switch (expected, result) {
    case (.query(let want), .success(let got)):
        #expect(got == want, "\(c.name) [\(target)]")
    case (.refused, .failure):
        break
    case (.query(let want), .failure(let error)):
        Issue.record("\(c.name) [\(target)]: refused (\(error.message)), reference: \(want)")
    case (.refused(let kind), .success(let got)):
        Issue.record("\(c.name) [\(target)]: converted to \(got), reference refused (\(kind))")
    }
}

@Suite("Engine golden queries per construct")
struct EngineGoldenTests {
    @Test("KQL (kusto backend, no pipeline)", arguments: EngineGolden.cases)
    func kusto(_ c: GoldenCase) throws { try check(c, "kusto", c.kusto) }

    @Test("SPL (splunk backend)", arguments: EngineGolden.cases)
    func splunk(_ c: GoldenCase) throws { try check(c, "splunk", c.splunk) }

    @Test("Lucene (elasticsearch backend)", arguments: EngineGolden.cases)
    func lucene(_ c: GoldenCase) throws { try check(c, "lucene", c.lucene) }

    @Test func goldenSetCoversRefusalsAndQueries() {
        // The table must exercise both outcomes for every language, or the tests above prove little.
        for path in [\GoldenCase.kusto, \GoldenCase.splunk, \GoldenCase.lucene] {
            let outcomes = EngineGolden.cases.map { c -> Bool in
                if case .query = c[keyPath: path] { return true } else { return false }
            }
            #expect(outcomes.contains(true) && outcomes.contains(false))
        }
    }
}
