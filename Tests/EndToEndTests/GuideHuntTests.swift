import Foundation
import Testing

/// Hunt-guide behaviour from the binary: fp lint, unknown ATT&CK v19 tactics, one technique's pages only,
/// deprecated rules hidden by default and shown with a banner on request.
@Suite struct GuideHuntTests {
    static func rule(_ n: Int, _ title: String, status: String = "test", tags: [String], extra: String = "") -> String {
        """
        title: \(title)
        id: \(E2EFixtures.id(n))
        status: \(status)
        description: Hunt fixture.
        author: Tester
        date: 2024-01-01
        tags:
        \(tags.map { "    - \($0)" }.joined(separator: "\n"))
        logsource:
            product: windows
            category: process_creation
        detection:
            selection:
                Image|endswith: '\\x\(n).exe'
            condition: selection
        \(extra)level: high
        """
    }

    @Test func fpLintFlagsTheSeedsFirstScenario() throws {
        let kb = try HuntKBRunner()
        let text = try kb.run(["fp", "lint", "6b14bac8"])
        #expect(text.status == 1, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("6b14bac8-3e3a-4324-8109-42f0546a347f#1 'System Administrator Updates Crontab via /tmp for Legitimate Job Scheduling': warning: example filter: excludes a whole privileged account") == true)
        #expect(lines.first?.contains("[fp-privileged-account]; safer: ") == true)
        #expect(!text.stdout.contains("#2 ") && !text.stdout.contains("#4 "))
        #expect(text.stderr.contains("4 scenarios checked, 1 flagged"))
        let json = try kb.run(["fp", "lint", "--format", "json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 4)
        let codes = (items[0]["findings"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["fp-privileged-account"])
        #expect(try kb.run(["fp", "lint", "nosuchrule"]).status == 2)
    }

    @Test func v19TacticsAndTechniquesWork() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("stealth.yml", Self.rule(1, "Stealthy thing", tags: ["attack.stealth", "attack.t1686.003"]))
        #expect(try kb.run(["import", path]).status == 0)
        let guide = try kb.run(["guide", "--tactic", "stealth", "--no-timestamp"])
        #expect(guide.status == 0, "\(guide.stderr)")
        #expect(guide.stdout.contains("# Hunt guide: Stealth (unknown to the loaded ATT&CK release)"))
        #expect(guide.stdout.contains("T1686.003 — unknown to the loaded ATT&CK release (18.1)"))
        #expect(!guide.stdout.contains("T1686.003 — T1686"))
        #expect(guide.stdout.contains("### Stealthy thing") || guide.stdout.contains("#### Stealthy thing"))
    }

    @Test func techniqueOutputWritesOnlyThatTechniquesPages() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("multi.yml", Self.rule(2, "Two techniques", tags: ["attack.t1053.005", "attack.t1059.001"]))
        #expect(try kb.run(["import", path]).status == 0)
        let out = kb.dir.appendingPathComponent("pages")
        let result = try kb.run(["guide", "--technique", "T1053", "--output", out.path, "--no-timestamp"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(files == ["T1053.md", "T1053.003.md", "T1053.005.md", "index.md"])
    }

    @Test func deprecatedRulesAreHiddenUnlessAskedFor() throws {
        let kb = try HuntKBRunner()
        let old = try kb.write("old.yml", Self.rule(3, "Old detection", status: "deprecated", tags: ["attack.t1053.005"]))
        let new = try kb.write("new.yml", Self.rule(4, "New detection", tags: ["attack.t1053.005"],
                                                   extra: "related:\n    - id: \(E2EFixtures.id(3))\n      type: obsolete\n"))
        #expect(try kb.run(["import", old, new]).status == 0)
        let plain = try kb.run(["guide", "--technique", "T1053.005", "--no-timestamp"])
        #expect(plain.stdout.contains("New detection") && !plain.stdout.contains("Old detection"))
        let all = try kb.run(["guide", "--technique", "T1053.005", "--include-deprecated", "--no-timestamp"])
        #expect(all.stdout.contains("> **Deprecated rule** — not for new hunts. Replaced by [New detection](#rule-\(E2EFixtures.id(4)))."))
    }
}
