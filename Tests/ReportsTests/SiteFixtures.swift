@testable import Catalog
import Foundation
import Reports

/// Inline site inputs: a small corpus with history, related rules and changes, and a hostile one.
enum SiteFixtures {
    static let cronID = "6b14bac8-3e3a-4324-8109-42f0546a347f"
    static let oldCronID = "11111111-0000-4000-8000-00000000000a"

    static let kql = "imProcessCreate\n| where TargetProcessName endswith \"crontab\" and TargetProcessCommandLine contains \"/tmp/\""

    static var cronRule: GuideRule {
        GuideRule(
            id: cronID, title: "Scheduled Cron Task/Job - Linux", status: "test", level: "medium",
            author: "Alejandro Ortuno, oscd.community", date: "2020-10-06", modified: "2022-11-27",
            logsource: [GuidePair(key: "product", value: "linux"), GuidePair(key: "category", value: "process_creation")],
            description: "Detects abuse of the cron utility to perform task scheduling.",
            note: "Adversaries may leverage scheduled cron tasks.\n\nLook for crontab files staged in /tmp.",
            tactics: [GuideAttackRef(id: "TA0003", name: "Persistence", url: "https://attack.mitre.org/tactics/TA0003/")],
            techniques: [GuideAttackRef(id: "T1053.003", name: "Cron", url: "https://attack.mitre.org/techniques/T1053/003/")],
            yaml: "title: Scheduled Cron Task/Job - Linux\nid: \(cronID)\nstatus: test\n",
            queries: [
                GuideQuery(target: "kusto/sentinel_asim", siem: "Microsoft Sentinel (ASIM)", language: "KQL", fence: "kusto", text: kql),
                GuideQuery(target: "splunk", siem: "Splunk", language: "SPL", fence: "spl", text: "Image=\"*crontab\" CommandLine=\"*/tmp/*\""),
            ],
            queryProblems: ["Elasticsearch (Lucene): not converted: example problem"],
            falsepositives: ["Legitimate administration activities"],
            scenarios: [GuideScenario(
                title: "Administrator updates the crontab via /tmp", description: "Admins stage a crontab in /tmp.",
                exclusion: "Exclude named admin accounts under sudo only.",
                exampleFilter: kql + "\n| where not(TargetUsername in~ (\"opsadmin\"))",
                filterYAML: "filter:\n    selection:\n        User: opsadmin\n    condition: selection\n",
                author: "HuntKB", created: "2026-11-29", updated: "2026-11-30",
                tunedQueries: [GuideQuery(target: "kusto/sentinel_asim", siem: "Microsoft Sentinel (ASIM)", language: "KQL",
                                          fence: "kusto", text: kql + " and not(TargetUsername =~ \"opsadmin\")")])],
            references: ["https://github.com/redcanaryco/atomic-red-team/blob/master/atomics/T1053.003/T1053.003.md"])
    }

    static var oldCronRule: GuideRule {
        GuideRule(id: oldCronID, title: "Old Cron Rule", status: "deprecated", level: "low",
                  techniques: [GuideAttackRef(id: "T1053.003", name: "Cron")], yaml: "title: Old Cron Rule\n")
    }

    static var untaggedRule: GuideRule {
        GuideRule(id: "cccccccc-0000-4000-8000-000000000003", title: "No Technique Rule", level: "high", yaml: "title: x\n")
    }

    static var corpus: GuideCorpus {
        GuideCorpus(
            rules: [cronRule, oldCronRule, untaggedRule],
            techniques: [
                "T1053": GuideTechniqueInfo(id: "T1053", name: "Scheduled Task/Job", url: "https://attack.mitre.org/techniques/T1053/",
                                            tactics: ["TA0003"]),
                "T1053.003": GuideTechniqueInfo(id: "T1053.003", name: "Cron", url: "https://attack.mitre.org/techniques/T1053/003/",
                                                tactics: ["TA0003"], note: "Hunt crontab edits by unusual users."),
            ],
            tactics: [GuideAttackRef(id: "TA0003", name: "Persistence", url: "https://attack.mitre.org/tactics/TA0003/")])
    }

    static var extras: SiteExtras {
        let added = RuleTimelineEntry(at: "2026-11-01T10:00:00Z", kind: "added", old: nil, new: "test", fields: [], detail: nil,
                                      note: nil, importRun: 1, source: "sigma", commit: "0123456789abcdef", commitDate: nil, tag: "r2026-11-01")
        let timeline = RuleTimeline(id: cronID, title: "Scheduled Cron Task/Job - Linux", status: "test", source: "sigma",
                                    path: "rules/linux/cron.yml", removed: false, localStatus: "deployed", localNote: "Sentinel rule 7",
                                    events: [added])
        let replaces = RelatedLink(id: oldCronID, type: "obsolete", direction: "outgoing", phrase: "replaces", title: "Old Cron Rule",
                                   status: "deprecated", removed: false)
        let replacedBy = RelatedLink(id: cronID, type: "obsolete", direction: "incoming", phrase: "replaced by",
                                     title: "Scheduled Cron Task/Job - Linux", status: "test", removed: false)
        return SiteExtras(tags: [cronID: ["attack.persistence", "attack.t1053.003"], oldCronID: ["attack.t1053.003"]],
                          histories: [cronID: timeline], related: [cronID: [replaces], oldCronID: [replacedBy]],
                          latestChanges: nil)
    }

    static var input: SiteInput {
        SiteInput(corpus: corpus, extras: extras)
    }

    static let hostile = "<script>alert(\"x\")</script> O'Brien & \"quotes\" \u{202E}gnp.exe"

    /// Every text field an attacker controls through a rule file, a scenario or a note.
    static var hostileInput: SiteInput {
        var rule = GuideRule(id: "dddddddd-0000-4000-8000-000000000004", title: hostile, status: "<b>test</b>", level: "high\"><x",
                             author: "<img src=x onerror=alert(1)>", logsource: [GuidePair(key: "product", value: "<svg onload=alert(1)>")],
                             description: "javascript:alert(1) <iframe src=\"javascript:alert(1)\"></iframe>",
                             note: "</p><script>alert(2)</script>",
                             tactics: [GuideAttackRef(id: "TA0003", name: "<script>tactic</script>", url: "javascript:alert(3)")],
                             techniques: [GuideAttackRef(id: "T1053.003", name: "<i>Cron</i>", url: "javascript:alert(4)")],
                             yaml: "title: </code></pre><script>alert(5)</script>\n",
                             queries: [GuideQuery(target: "kusto/\"><script>", siem: "<siem>", language: "K\"QL", fence: "\"><script>",
                                                  text: "T | where x == \"</pre><script>alert(6)</script>\"")],
                             queryProblems: ["<script>alert(7)</script>"], falsepositives: ["<script>alert(8)</script>"],
                             scenarios: [GuideScenario(title: hostile, description: "<script>alert(9)</script>",
                                                       exclusion: "\" onmouseover=\"alert(10)", exampleFilter: "<script>alert(11)</script>",
                                                       exampleLanguage: "\"><script>", author: "<script>alert(12)</script>")],
                             references: ["javascript:alert(13)", "JaVaScRiPt:alert(14)", " javascript:alert(15)",
                                          "data:text/html,<script>alert(16)</script>", "https://example.com/\"><script>alert(17)</script>"])
        rule.id = "dddddddd-0000-4000-8000-000000000004"
        let corpus = GuideCorpus(
            rules: [rule],
            techniques: ["T1053.003": GuideTechniqueInfo(id: "T1053.003", name: "<script>alert(18)</script>",
                                                         url: "javascript:alert(19)", tactics: ["TA0003"], note: hostile)],
            tactics: [GuideAttackRef(id: "TA0003", name: "<script>alert(20)</script>", url: "javascript:alert(21)")])
        let timeline = RuleTimeline(id: rule.id, title: hostile, status: "<script>", source: "<script>alert(22)</script>",
                                    path: "x", removed: false, localStatus: nil, localNote: nil,
                                    events: [RuleTimelineEntry(at: "2026-11-01", kind: "<script>", old: "<a>", new: "</td>", fields: [],
                                                               detail: nil, note: nil, importRun: 1, source: "<s>", commit: "<script>",
                                                               commitDate: nil, tag: "<script>")])
        let link = RelatedLink(id: "\"><script>alert(23)</script>", type: "similar", direction: "outgoing", phrase: "<script>",
                               title: hostile, status: "<script>", removed: false)
        let entry = ChangeEntry(id: rule.id, title: hostile, old: "<script>", new: "</table>", fields: ["<script>"], detail: nil, importRun: 1)
        let report = ChangeReport(source: nil, since: nil, fromImport: nil, toImport: nil, runs: [], total: 1,
                                  groups: [ChangeGroup(kind: "added", count: 1, transitions: [], rules: [entry])])
        return SiteInput(corpus: corpus,
                         extras: SiteExtras(tags: [rule.id: ["<script>alert(24)</script>", "attack.t1053.003"]],
                                            histories: [rule.id: timeline], related: [rule.id: [link]], latestChanges: report),
                         ruleSections: [rule.id: [SiteSection(anchor: "\"><x", title: hostile, paragraphs: ["<script>alert(25)</script>"],
                                                              items: ["<script>alert(26)</script>"],
                                                              codes: [SiteCode(label: "<b>", language: "\"><x", text: "</pre><script>")])]],
                         title: hostile)
    }
}
