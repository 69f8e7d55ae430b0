@testable import SigmaKit
import Testing

/// Rule dates as pySigma reads them: `YYYY-MM-DD` and `YYYY/M/D`, real calendar days only.
@Suite struct MetadataDateTests {
    @Test(arguments: [
        ("2024-01-31", "2024-01-31"), ("2024-02-29", "2024-02-29"), ("2000-02-29", "2000-02-29"),
        ("2024/1/5", "2024-01-05"), ("2024/12/31", "2024-12-31"),
    ])
    func acceptsRealDays(text: String, expected: String) {
        #expect(MetadataReader.parseDate(text) == expected)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-04-31",
                      "0999-01-01", "4000-01-01", "2024-2-01x", "2024-0a-01", "２０２４-01-01", "2024-01-1", "2024/13/1", ""])
    func refusesTheRest(text: String) {
        #expect(MetadataReader.parseDate(text) == nil)
    }
}
