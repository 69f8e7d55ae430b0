import Catalog
import Reports
import Testing

/// The validation line of a rule section: events by kind, date and outcome, and the completeness line.
@Suite struct GuideValidationRenderTests {
    func page(_ validation: GuideValidation?) -> String {
        var rule = GuideFixtures.cronRule
        rule.validation = validation
        rule.validatedEvents = validation?.events
        return GuideBook.ruleDocument(rule, options: GuideOptions())
    }

    @Test func passedTestShowsEventsByKind() {
        let text = page(GuideValidation(passed: true, events: 5, attackEvents: 1, benignEvents: 4, testedOn: "2026-12-01"))
        #expect(text.contains("- Validated on 5 events (1 attack, 4 benign) by `huntkb test` on 2026-12-01: pass\n"))
        #expect(text.contains("✓ validated on events"))
    }

    @Test func failedTestNamesTheFirstFailingCheck() {
        let text = page(GuideValidation(passed: false, events: 1, testedOn: "2026-12-01",
                                        failure: "attack \"x\": 0 of 1 events match (expected 1)"))
        #expect(text.contains("- Validated on 1 event by `huntkb test` on 2026-12-01: fail ("))
        #expect(text.contains("0 of 1 events match"))
        #expect(text.contains("✗ validated on events"))
    }

    @Test func untestedRuleHasNoValidationLine() {
        let text = page(nil)
        #expect(!text.contains("by `huntkb test`"))
        #expect(text.contains("✗ validated on events"))
    }
}
