import Catalog
import Foundation
import Reports

/// Inline guide inputs shared by the Reports tests.
enum GuideFixtures {
    static let asimKQL = """
        imProcessCreate
        | where TargetProcessName endswith "crontab" and TargetProcessCommandLine contains "/tmp/"
        """

    static let ruleYAML = """
        title: Scheduled Cron Task/Job - Linux
        id: 6b14bac8-3e3a-4324-8109-42f0546a347f
        status: test
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

    static let execution = GuideAttackRef(id: "TA0002", name: "Execution", url: "https://attack.mitre.org/tactics/TA0002/")
    static let persistence = GuideAttackRef(id: "TA0003", name: "Persistence", url: "https://attack.mitre.org/tactics/TA0003/")

    static var cronRule: GuideRule {
        var rule = GuideRule(
            id: "6b14bac8-3e3a-4324-8109-42f0546a347f", title: "Scheduled Cron Task/Job - Linux", status: "test",
            level: "medium", author: "Alejandro Ortuno, oscd.community", date: "2020-10-06", modified: "2022-11-27",
            logsource: [GuidePair(key: "product", value: "linux"), GuidePair(key: "category", value: "process_creation")],
            description: "Detects abuse of the cron utility to perform task scheduling.",
            note: "Adversaries may leverage scheduled cron tasks to execute malicious payloads.",
            tactics: [execution, persistence],
            techniques: [GuideAttackRef(id: "T1053.003", name: "Cron", url: "https://attack.mitre.org/techniques/T1053/003/")],
            yaml: ruleYAML,
            queries: [
                GuideQuery(target: "kusto/sentinel_asim", siem: "Microsoft Sentinel (ASIM)", language: "KQL", fence: "kusto", text: asimKQL),
                GuideQuery(target: "splunk", siem: "Splunk", language: "SPL", fence: "spl", text: "Image=\"*crontab\" CommandLine=\"*/tmp/*\""),
            ],
            queryProblems: ["Elasticsearch (Lucene): not converted: example problem"],
            falsepositives: ["Legitimate administration activities"],
            scenarios: [
                GuideScenario(
                    title: "Administrator updates the crontab via /tmp",
                    description: "Admins stage a crontab with `crontab /tmp/cron.new` during change windows.",
                    exclusion: "Exclude named admin accounts under sudo only.",
                    exampleFilter: asimKQL + "\n| where not(TargetUsername in~ (\"opsadmin\"))",
                    filterYAML: "title: Admins\nlogsource:\n    product: linux\nfilter:\n    rules: [6b14bac8-3e3a-4324-8109-42f0546a347f]\n    selection:\n        User: opsadmin\n    condition: selection\n",
                    author: "HuntKB", created: "2026-11-29", updated: "2026-11-30",
                    tunedQueries: [GuideQuery(target: "kusto/sentinel_asim", siem: "Microsoft Sentinel (ASIM)", language: "KQL",
                                              fence: "kusto", text: asimKQL + " and not(TargetUsername =~ \"opsadmin\")")]),
                GuideScenario(title: "Backup cron job using /tmp as staging", description: "Backups.", exclusion: "Exclude the backup account."),
            ],
            references: ["https://github.com/redcanaryco/atomic-red-team/blob/master/atomics/T1053.003/T1053.003.md"])
        rule.prerequisites = ["Sysmon for Linux event 1, or auditd execve rules", "Sigma taxonomy for linux / process_creation: EventID: 1; service: sysmon"]
        rule.atomicTests = ["T1053.003"]
        rule.sourcePath = "rules/linux/process_creation/proc_creation_lnx_schedule_task_job_cron.yml"
        rule.ads = GuideADS(goal: "Find crontabs <loaded> from /tmp.", blindSpots: "Crontabs written directly to /var/spool/cron.")
        rule.scenarios[0].completedFields = ["example_filter"]
        rule.scenarios[0].translationNote = "Named admins under sudo only."
        rule.scenarios[0].findings = [ExclusionFinding(code: "fp-privileged-account", subject: "example filter",
                                                       reason: "excludes root", safer: "name the accounts")]
        rule.plans = [
            GuideTargetPlan(target: "kusto/sentinel_asim", siem: "Microsoft Sentinel (ASIM)", fence: "kusto", reads: "table imProcessCreate",
                            stacking: asimKQL + "\n| summarize Count = count(), Hosts = dcount(DvcHostname) by TargetProcessName\n| order by Count asc",
                            keyFields: ["TargetProcessName"], leftOut: ["ParentImage: the target has no mapping for it on this log source"],
                            pivots: [GuidePivot(title: "Same host within ±1 h", query: "imProcessCreate\n| where DvcHostname =~ \"HOST\"")],
                            pivotGroup: "linux/process_creation"),
            GuideTargetPlan(target: "splunk", siem: "Splunk", fence: "spl", reads: "no index is set", stackingReason: "no key field is mapped",
                            pivotReason: "Splunk pivots are not generated", pivotGroup: "linux/process_creation"),
        ]
        return rule
    }

    static var atRule: GuideRule {
        GuideRule(id: "aaaaaaaa-0000-4000-8000-000000000001", title: "At Job Created", status: "stable", level: "low",
                  logsource: [GuidePair(key: "product", value: "linux")], description: "Detects at jobs.",
                  tactics: [execution], techniques: [GuideAttackRef(id: "T1053.002", name: "At")], yaml: "title: At Job Created\n")
    }

    static var parentRule: GuideRule {
        GuideRule(id: "bbbbbbbb-0000-4000-8000-000000000002", title: "Generic Scheduled Task", level: "high",
                  tactics: [execution], techniques: [GuideAttackRef(id: "T1053", name: "Scheduled Task/Job")],
                  yaml: "title: Generic Scheduled Task\n")
    }

    static var untaggedRule: GuideRule {
        GuideRule(id: "cccccccc-0000-4000-8000-000000000003", title: "No Technique Rule", yaml: "title: No Technique Rule\n")
    }

    static var corpus: GuideCorpus {
        GuideCorpus(
            rules: [cronRule, atRule, parentRule, untaggedRule],
            techniques: [
                "T1053": GuideTechniqueInfo(id: "T1053", name: "Scheduled Task/Job", url: "https://attack.mitre.org/techniques/T1053/",
                                            tactics: ["TA0002", "TA0003"], note: "Scheduled tasks are a classic persistence path."),
                "T1053.002": GuideTechniqueInfo(id: "T1053.002", name: "At", tactics: ["TA0002"]),
                "T1053.003": GuideTechniqueInfo(id: "T1053.003", name: "Cron", url: "https://attack.mitre.org/techniques/T1053/003/",
                                                tactics: ["TA0002", "TA0003"]),
            ],
            tactics: [execution, persistence])
    }

    /// Rules whose every text field tries to escape the page, the folder, a fence, a table or the HTML sanitizer.
    static var hostileCorpus: GuideCorpus {
        let nasty = "../../etc/passwd | <script>alert(1)</script> ``` ~~~ # [x](javascript:alert(1)) &lt; *a* _b_ \\|"
        var rule = GuideRule(
            id: "dddddddd-0000-4000-8000-00000000000|", title: nasty, status: "test|x", level: "high", author: "<img src=x onerror=alert(1)>",
            logsource: [GuidePair(key: "product", value: "a|b")], description: "1. not a list\n- not an item\n```\n<b>bold</b>",
            note: "# not a heading\n\n> not a quote", tactics: [GuideAttackRef(id: "TA0002", name: "Exec|ution <i>", url: "javascript:alert(1)")],
            techniques: [GuideAttackRef(id: "T1059", name: "Command | Scripting </td>"),
                         GuideAttackRef(id: "../T1059", name: "path escape")],
            yaml: "title: x\n```\n````\nstill code\n", queries: [GuideQuery(target: "t", siem: "SIEM | <b>", language: "K`QL", fence: "ku`sto\nx", text: "q ``` | x\n````")],
            falsepositives: ["| pipe", "<b>html</b>"],
            scenarios: [GuideScenario(title: "--- | `x", description: "`unclosed code", exclusion: "ok", exampleFilter: "```\nx",
                                      exampleLanguage: "k q l", filterYAML: "````")],
            references: ["javascript:alert(1)", "https://example.com/a b)<script>", "not a url"])
        rule.techniques.append(GuideAttackRef(id: "T1059.001", name: "PowerShell"))
        return GuideCorpus(
            rules: [rule],
            techniques: ["T1059": GuideTechniqueInfo(id: "T1059", name: "Command | and <b>Scripting</b> ``` Interpreter", tactics: ["TA0002"]),
                         "T1059.001": GuideTechniqueInfo(id: "T1059.001", name: "Power/../Shell\n# heading", tactics: ["TA0002"])],
            tactics: [GuideAttackRef(id: "TA0002", name: "Execution | <b>", url: "https://attack.mitre.org/tactics/TA0002/")])
    }
}
