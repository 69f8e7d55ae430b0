import Catalog
import Foundation
import SigmaKit
import Testing

/// The exclusion check: one case per code, a clean filter, and the golden lines of every code.
@Suite struct ExclusionLintTests {
    static let ruleID = "6b14bac8-3e3a-4324-8109-42f0546a347f"
    static let cronRule = """
        title: Scheduled Cron Task/Job - Linux
        id: 6b14bac8-3e3a-4324-8109-42f0546a347f
        logsource:
            category: process_creation
            product: linux
        detection:
            selection:
                Image|endswith: 'crontab'
                CommandLine|contains: '/tmp/'
            condition: selection
        level: medium
        """

    static func rule() throws -> SigmaRule {
        try #require(SigmaParser.parse(text: cronRule, path: "rule.yml").rules.first)
    }

    static func filter(_ selection: String) throws -> SigmaFilter {
        let yaml = """
            title: f
            logsource:
                category: process_creation
                product: linux
            filter:
                rules:
                    - \(ruleID)
                selection:
            \(selection.split(separator: "\n").map { "            " + $0 }.joined(separator: "\n"))
                condition: selection
            """
        return try GuideFile.checkFilter(yaml, rule: ruleID, path: "f.yml", line: 0)
    }

    func codes(_ selection: String?, example: String = "") throws -> [String] {
        let f = try selection.map(Self.filter)
        return ExclusionLint.check(filter: f, exampleFilter: example, rule: try Self.rule()).map(\.code)
    }

    @Test func seedScenarioOneExampleIsFlagged() throws {
        #expect(try codes(nil, example: "user_id = root OR user_id = admin AND job_name NOT LIKE '%malicious%'") == ["fp-privileged-account"])
    }

    @Test func privilegedAccountInASigmaFilter() throws {
        #expect(try codes("User: root") == ["fp-privileged-account"])
        #expect(try codes("User:\n    - opsadmin\n    - SYSTEM\nParentImage|endswith: '/sudo'") == ["fp-privileged-account"])
        #expect(try codes(nil, example: "| where not(TargetUsername in~ (\"opsadmin\", \"root\"))") == ["fp-privileged-account"])
    }

    @Test func parentAlone() throws {
        #expect(try codes("ParentImage|endswith: '/logrotate'") == ["fp-parent-only"])
        #expect(try codes("ParentImage|endswith: '/logrotate'\nCommandLine|contains: '/tmp/logrotate.'").isEmpty)
    }

    @Test func bareContainsOnTheCommandLine() throws {
        #expect(try codes("CommandLine|contains: 'backup'") == ["fp-bare-contains"])
        #expect(try codes("User: backup\nCommandLine|contains: '/tmp/backup-staging/'").isEmpty)
    }

    @Test func wildcardOnly() throws {
        #expect(try codes("User: '*'") == ["fp-wildcard-only"])
        #expect(try codes(nil, example: "job_name LIKE '%'") == ["fp-wildcard-only"])
    }

    @Test func filterThatRemovesEverything() throws {
        #expect(try codes("Image|endswith: 'crontab'\nCommandLine|contains: '/tmp/'") == ["fp-excludes-everything"])
        #expect(try codes("Image|endswith: 'crontab'\nUser: opsadmin").isEmpty)
    }

    @Test func cleanInputHasNoFindings() throws {
        #expect(try codes("User: opsadmin\nParentImage|endswith: '/sudo'", example: "").isEmpty)
        #expect(try codes(nil, example: "").isEmpty)
    }

    /// Golden: the line each code prints, with its reason and safer pattern.
    @Test func goldenLines() throws {
        let cases: [(String?, String)] = [("User: root", ""), ("ParentImage|endswith: '/x'", ""), ("CommandLine|contains: 'x'", ""),
                                          ("User: '*'", ""), ("Image|endswith: 'crontab'\nCommandLine|contains: '/tmp/'", "")]
        var lines: [String] = []
        for (selection, example) in cases {
            let f = try selection.map(Self.filter)
            lines += ExclusionLint.check(filter: f, exampleFilter: example, rule: try Self.rule()).map(\.line)
        }
        let text = lines.joined(separator: "\n") + "\n"
        let url = GuideRenderTests.goldenDir.appendingPathComponent("lint_codes.txt")
        if ProcessInfo.processInfo.environment["HUNTKB_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "lint_codes.txt differs (HUNTKB_UPDATE_GOLDEN=1 to accept)")
        #expect(Set(ExclusionLint.codes.map(\.code)).allSatisfy { text.contains("[\($0)]") })
    }
}
