import Foundation
import Testing

/// `huntkb events import` and `huntkb test` on the built binary: the seed rule's samples, regression folders,
/// failing checks and exit codes.
@Suite struct RuleTestCommandTests {
    @Test func seedRulePassesOnAFreshCatalog() throws {
        let kb = try HuntKBRunner()
        let r = try kb.run(["test"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("PASS \(E2EFixtures.cronID) Scheduled Cron Task/Job - Linux (5 events)"))
        #expect(r.stdout.contains("ok   attack \"Web shell installs a crontab from /tmp\": 1 of 1 events match (expected 1)"))
        #expect(r.stdout.contains("ok   tuned \"Web shell installs a crontab from /tmp\""))
        #expect(r.stdout.contains("ok   benign \"Backup cron job using /tmp as staging\": 1 of 1 benign events match the rule, 0 left after the filter"))
        #expect(r.stdout.hasSuffix("1 passed, 0 failed, 0 without sample events\n"))
        let json = try kb.run(["test", "--format", "json"])
        let reports = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(reports?.first?["passed"] as? Bool == true)
        #expect((reports?.first?["checks"] as? [Any])?.count == 6)
    }

    @Test func guideShowsTheValidationLineAfterATest() throws {
        let kb = try HuntKBRunner()
        // Before any test run: no validation line, and the completeness line says so.
        let before = try kb.run(["guide", "--technique", "T1053.003", "--no-timestamp"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(!before.stdout.contains("by `huntkb test`"))
        #expect(before.stdout.contains("✗ validated on events"))
        #expect(try kb.run(["test"]).status == 0)
        let after = try kb.run(["guide", "--technique", "T1053.003", "--no-timestamp"])
        #expect(after.status == 0, "\(after.stderr)")
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(after.stdout.contains("- Validated on 5 events (1 attack, 4 benign) by `huntkb test` on \(today): pass\n"),
                "\(after.stdout)")
        #expect(after.stdout.contains("✓ validated on events"))
        #expect(!after.stdout.contains("✗ validated on events"))
    }

    @Test func guideShowsAFailedValidation() throws {
        let kb = try HuntKBRunner()
        let rule = try kb.write("rules/net.yml", Self.netRule.replacingOccurrences(of: "level: low", with: "tags:\n    - attack.t1087.001\nlevel: low"))
        #expect(try kb.run(["import", rule]).status == 0)
        try kb.write("reg/net/info.yml", Self.info(2))
        try kb.write("reg/net/33333333-0000-4000-8000-000000000001.json", Self.evtx)
        #expect(try kb.run(["events", "import", kb.dir.appendingPathComponent("reg").path]).status == 0)
        #expect(try kb.run(["test", "--level", "low"]).status == 1)
        let guide = try kb.run(["guide", "--technique", "T1087.001", "--no-timestamp"])
        #expect(guide.status == 0, "\(guide.stderr)")
        #expect(guide.stdout.contains("events (2 attack, 0 benign) by `huntkb test` on "))
        #expect(guide.stdout.contains(": fail (attack \"Positive Detection Test\": 1 of 2 events match (expected 2))\n"), "\(guide.stdout)")
    }

    static let netRule = """
        title: Net User Recon
        id: 33333333-0000-4000-8000-000000000001
        status: test
        description: End-to-end fixture.
        author: Tester
        date: 2024-01-01
        logsource:
            product: windows
            category: process_creation
        detection:
            selection:
                Image|endswith: '\\\\net.exe'
                CommandLine|contains: 'user'
            condition: selection
        level: low
        """

    static func info(_ matchCount: Int) -> String {
        """
        id: 44444444-0000-4000-8000-000000000001
        rule_metadata:
            - id: 33333333-0000-4000-8000-000000000001
              title: Net User Recon
        regression_tests_info:
            - name: Positive Detection Test
              type: evtx
              provider: Microsoft-Windows-Sysmon
              match_count: \(matchCount)
              path: regression_data/rules/windows/net/33333333-0000-4000-8000-000000000001.evtx
        """
    }

    static let evtx = """
        {"Event": {"System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational"},
                   "EventData": {"Image": "C:\\\\Windows\\\\System32\\\\net.exe", "CommandLine": "net user /domain"}}}
        {"Event": {"System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational"},
                   "EventData": {"Image": "C:\\\\Windows\\\\System32\\\\net.exe", "CommandLine": "net view"}}}
        """

    @Test func regressionFolderIsAttachedAndChecked() throws {
        let kb = try HuntKBRunner()
        let rule = try kb.write("rules/net.yml", Self.netRule)
        #expect(try kb.run(["import", rule]).status == 0)
        try kb.write("reg/net/info.yml", Self.info(1))
        try kb.write("reg/net/33333333-0000-4000-8000-000000000001.json", Self.evtx)
        let imported = try kb.run(["events", "import", kb.dir.appendingPathComponent("reg").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "attached 1 sample to 1 rule\n")
        let pass = try kb.run(["test", "--level", "low"])
        #expect(pass.status == 0, "\(pass.stdout)")
        #expect(pass.stdout.contains("PASS 33333333-0000-4000-8000-000000000001 Net User Recon (2 events)"))

        // A wrong match_count fails the rule, and importing the folder again replaces the sample.
        try kb.write("reg/net/info.yml", Self.info(2))
        #expect(try kb.run(["events", "import", kb.dir.appendingPathComponent("reg").path]).stdout == "attached 1 sample to 1 rule\n")
        let fail = try kb.run(["test", "--level", "low"])
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("FAIL attack \"Positive Detection Test\": 1 of 2 events match (expected 2)"))
    }

    @Test func foldersForUnknownRulesAreReported() throws {
        let kb = try HuntKBRunner()
        try kb.write("reg/net/info.yml", Self.info(1))
        try kb.write("reg/net/x.json", Self.evtx)
        let r = try kb.run(["events", "import", kb.dir.appendingPathComponent("reg").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("rule 33333333-0000-4000-8000-000000000001 is not in the catalog"))
        #expect(r.stdout == "attached 0 samples to 0 rules\n")
        #expect(try kb.run(["events", "import", kb.dir.appendingPathComponent("missing").path]).status == 2)
    }
}
