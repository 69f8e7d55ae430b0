import Foundation
import Testing

/// `huntkb show` includes the rule's hunting note and false-positive scenarios.
@Suite struct ShowGuideDataTests {
    @Test func seedRuleShowsItsNoteAndScenarios() throws {
        let kb = try HuntKBRunner()
        let text = try kb.run(["show", "6b14bac8"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Hunting note: Adversaries may leverage scheduled cron tasks"))
        #expect(text.stdout.contains("False-positive scenarios:\n  - System Administrator Updates Crontab via /tmp for Legitimate Job Scheduling\n"))
        let json = try kb.run(["show", "6b14bac8", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["scenarios"] as? [String])?.count == 4)
        #expect((object["huntingNote"] as? String)?.hasPrefix("Adversaries may leverage") == true)
    }

    @Test func ruleWithoutGuideDataShowsNeither() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("r.yml", E2EFixtures.rule(id: E2EFixtures.id(7), title: "Plain rule"))
        #expect(try kb.run(["import", path]).status == 0)
        let text = try kb.run(["show", E2EFixtures.id(7)])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.contains("Hunting note"))
        #expect(!text.stdout.contains("False-positive scenarios"))
    }
}
