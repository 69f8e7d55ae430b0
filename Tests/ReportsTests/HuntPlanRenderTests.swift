import Catalog
import Foundation
import Reports
import Testing

/// Technique pages: contents and summary in page order, hunt plan, banners, unknown techniques, bad input.
@Suite struct HuntPlanRenderTests {
    static func rule(_ id: Int, _ title: String, level: String?, status: String?, technique: String = "T1053.003",
                     path: String? = nil) -> GuideRule {
        var rule = GuideRule(id: String(format: "aaaaaaaa-0000-4000-8000-%012d", id), title: title, status: status, level: level,
                             techniques: [GuideAttackRef(id: technique, name: technique)], yaml: "title: x\n")
        rule.sourcePath = path
        rule.prerequisites = ["collect x"]
        return rule
    }

    static func page(_ rules: [GuideRule], technique: String = "T1053.003", known: Bool = true) throws -> String {
        var corpus = GuideCorpus(rules: rules)
        if known { corpus.techniques[technique] = GuideTechniqueInfo(id: technique, name: "Cron") }
        corpus.attackVersion = "18.1"
        let pages = GuideBook.pages(corpus: corpus, options: GuideOptions())
        return try #require(pages.first { $0.file == "\(technique).md" }).markdown
    }

    @Test func summaryAndSectionsAreInLevelThenStatusOrder() throws {
        let rules = [Self.rule(1, "B low", level: "low", status: "stable"), Self.rule(2, "A high test", level: "high", status: "test"),
                     Self.rule(3, "C high stable", level: "high", status: "stable"), Self.rule(4, "D critical", level: "critical", status: "experimental")]
        let text = try Self.page(rules)
        let summary = text.matches(of: /\n\| [0-9]+ \| [^\n]*\]\(#rule-([0-9a-z-]+)\)/).map { String($0.1) }
        let sections = text.matches(of: /\n<a id="rule-([0-9a-z-]+)"><\/a>\n/).map { String($0.1) }
        let expected = [4, 3, 2, 1].map { String(format: "aaaaaaaa-0000-4000-8000-%012d", $0) }
        #expect(summary == expected)
        #expect(sections == expected)
        #expect(text.contains("**Contents:** [Hunt plan](#hunt-plan-t1053-003)"))
        // The low-level rule is set apart from the hunting list.
        let setApart = try #require(text.range(of: "**Set apart**"))
        #expect(text[setApart.lowerBound...].prefix(300).contains("B low"))
        #expect(GuideMarkdownCheck(text).problems == [])
    }

    @Test func threatHuntingRulesComeFirstInThePlan() throws {
        let rules = [Self.rule(1, "Stable high", level: "high", status: "stable"),
                     Self.rule(2, "Hunting medium", level: "medium", status: "test", path: "rules-threat-hunting/windows/x.yml")]
        let text = try Self.page(rules)
        let start = try #require(text.range(of: "**Start with**"))
        let list = text[start.upperBound...].prefix(400)
        let hunting = try #require(list.range(of: "Hunting medium"))
        let stable = try #require(list.range(of: "Stable high"))
        #expect(hunting.lowerBound < stable.lowerBound)
    }

    @Test func deprecatedRuleGetsABannerWithReplacedByLinks() throws {
        var old = Self.rule(1, "Old rule", level: "medium", status: "deprecated")
        old.replacedBy = [GuideReplacement(id: "aaaaaaaa-0000-4000-8000-000000000002", title: "New rule")]
        let text = try Self.page([old, Self.rule(2, "New rule", level: "medium", status: "test")])
        #expect(text.contains("> **Deprecated rule** — not for new hunts. Replaced by [New rule](#rule-aaaaaaaa-0000-4000-8000-000000000002)."))
    }

    @Test func unknownTechniqueNeverRepeatsItsIDAsItsName() throws {
        let text = try Self.page([Self.rule(1, "New technique rule", level: "high", status: "test", technique: "T1686.003")],
                                 technique: "T1686.003", known: false)
        #expect(text.contains("# T1686.003 — unknown to the loaded ATT&CK release (18.1)\n"))
        #expect(!text.contains("T1686.003 — T1686"))
        #expect(text.contains("huntkb attack import"))
    }

    @Test func emptyScenarioFieldsAndADSMarkupRenderSafely() throws {
        var rule = Self.rule(1, "R", level: "high", status: "test")
        rule.scenarios = [GuideScenario(title: "Only a title")]
        rule.ads = GuideADS(goal: "<script>alert(1)</script> | `x", response: "")
        let text = try Self.page([rule])
        #expect(text.contains("**Description:** —\n"))
        #expect(text.contains("**Filter/Exclusion:** —\n"))
        #expect(!text.contains("<script>"))
        #expect(!text.contains("## Response"))
        #expect(GuideMarkdownCheck(text).problems == [])
    }
}
