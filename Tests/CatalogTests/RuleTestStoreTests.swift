import Catalog
import Foundation
import Testing

/// Rule test samples and results through the catalog's intent methods.
@Suite struct RuleTestStoreTests {
    static let cronID = "6b14bac8-3e3a-4324-8109-42f0546a347f"

    @Test func seedRuleHasItsSamplesAndScenarios() throws {
        let db = try AppDatabase.inMemory()
        var query = RuleQuery(text: nil)
        query.techniques = ["T1053.003"]
        let inputs = try db.ruleTestInputs(matching: query)
        let cron = try #require(inputs.first { $0.rule.id == Self.cronID })
        #expect(cron.attacks.map(\.matchCount) == [1])
        #expect(cron.attacks.first?.eventsText.contains("/tmp/.x/cron.txt") == true)
        #expect(cron.scenarios.count == 4)
        #expect(cron.scenarios.allSatisfy { $0.filterYAML != nil && $0.benign.count == 1 })
    }

    @Test func validationSummaryFollowsTheStoredResult() throws {
        let db = try AppDatabase.inMemory()
        #expect(try db.ruleValidationSummary(ruleID: Self.cronID).line == "not validated")
        try db.saveRuleTestResults([RuleTestResultRecord(ruleID: Self.cronID.uppercased(), passed: true, eventCount: 5, checksJSON: "[]")],
                                   engineVersion: "9.9")
        let summary = try db.ruleValidationSummary(ruleID: Self.cronID)
        #expect(summary.state == .validated)
        #expect(summary.engineVersion == "9.9")
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(summary.line == "validated on 5 events (\(today))")
        try db.saveRuleTestResults([RuleTestResultRecord(ruleID: Self.cronID, passed: false, eventCount: 5, checksJSON: "[]")],
                                   engineVersion: "9.9")
        #expect(try db.ruleValidationSummary(ruleID: Self.cronID).line == "validation failed on \(today) (5 events)")
    }
}
