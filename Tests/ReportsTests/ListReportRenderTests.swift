import CatalogModel
import Foundation
import Reports
import Testing

/// The layouts of `stale`, `status list`, `changes --list-imports`, `coverage` tables and `attack show`, from plain values.
@Suite struct ListReportRenderTests {
    static let hostile = "<script>alert(1)</script> | *x* \u{202E}evil\nnext"

    /// Every `<` of the markdown is backslash-escaped, so no raw HTML tag reaches a renderer.
    static func noRawTag(_ md: String) -> Bool {
        let chars = Array(md)
        return chars.indices.allSatisfy { chars[$0] != "<" || ($0 > 0 && chars[$0 - 1] == "\\") }
    }

    static func stale(_ rules: [StaleRule]) -> StaleReport {
        StaleReport(today: "2026-11-01", cutoff: "2026-01-05", statuses: ["experimental", "test"], rules: rules)
    }

    static let staleRule = StaleRule(id: "11111111-2222-3333-4444-555555555555", title: "Cron job", status: "test",
                                     date: "2025-01-01", lastChange: "2025-01-01", ageDays: 669, localStatus: "tuning", path: "rules/a.yml")

    @Test func staleTableHasHeadlineAndOneRowPerRule() {
        let text = StaleReportText.render(Self.stale([Self.staleRule]))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "1 rule (experimental/test) unchanged since before 2026-01-05 (today 2026-11-01)")
        #expect(lines[1].hasPrefix("ID") && lines[1].contains("LAST CHANGE") && lines[1].hasSuffix("TITLE"))
        #expect(lines.count == 4)
        #expect(lines[3].contains("2025-01-01 (date)") && lines[3].contains("669d") && lines[3].contains("tuning"))
    }

    @Test func staleWithoutRulesSaysSo() {
        #expect(StaleReportText.render(Self.stale([])) == "0 rules (experimental/test) unchanged since before 2026-01-05 (today 2026-11-01)\nno stale rules\n")
        #expect(StaleReportText.markdown(Self.stale([])) == "# Stale rules\n\n0 rules (experimental/test) unchanged since before 2026-01-05 (today 2026-11-01).\n")
    }

    @Test func staleMarkdownEscapesTitles() throws {
        var rule = Self.staleRule
        rule.title = Self.hostile
        let md = StaleReportText.markdown(Self.stale([rule]))
        let row = try #require(md.split(separator: "\n").last.map(String.init))
        #expect(md.hasPrefix("# Stale rules\n\n1 rule"))
        #expect(Self.noRawTag(md) && !md.contains("\u{202E}"))
        // Six cells: the title's pipe and newline did not split the row.
        #expect(row.hasPrefix("| `11111111-2222-3333-4444-555555555555` | test |"))
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
    }

    static let local = LocalStatus(ruleId: "abc", title: "Title", sourceStatus: "test", localStatus: "deployed",
                                   note: "ok", setAt: "2026-10-31T10:00:00Z", source: "sigma", removed: true)

    @Test func localStatusTable() {
        #expect(LocalStatusText.render([]) == "no rule has a local status\n")
        let lines = LocalStatusText.render([Self.local]).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID") && lines[0].contains("SOURCE STATUS"))
        #expect(lines[2].contains("deployed (removed)") && lines[2].contains("2026-10-31") && !lines[2].contains("10:00"))
    }

    @Test func localStatusMarkdownEscapesNotesAndTitles() {
        var row = Self.local
        row.title = Self.hostile
        row.note = "a | b <img src=x onerror=alert(1)>"
        let md = LocalStatusText.markdown([row])
        let lines = md.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "| Rule | Local status | Source status | Set | Title | Note |")
        #expect(Self.noRawTag(md) && md.contains("\\<img"))
        #expect(lines[2].replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
    }

    static func run(id: Int64, source: String) -> ImportRunSummary {
        ImportRunSummary(id: id, source: source, paths: ["/x"], scope: "full", commit: "0123456789abcdef0123", commitDate: nil,
                         tag: "r2026-07-01", startedAt: "2026-11-01T00:00:00Z", finishedAt: "2026-11-01T00:00:01Z",
                         files: 3, added: 2, updated: 1, unchanged: 0, removed: 0, restored: 0, rejected: 0, events: 4)
    }

    @Test func importRunsTableAndMarkdown() {
        #expect(ImportRunsText.render([]) == "no import run\n")
        let text = ImportRunsText.render([Self.run(id: 7, source: "sigma")])
        #expect(text.contains("#7") && text.contains("0123456789ab") && !text.contains("0123456789abc") && text.contains("2026-11-01"))
        let md = ImportRunsText.markdown([Self.run(id: 7, source: "sig|ma <b>")])
        #expect(md.hasPrefix("| Import | Source | Scope | Commit | Tag | Imported | Added | Updated | Removed | Events |\n"))
        #expect(Self.noRawTag(md) && md.contains("sig\\|ma"))
    }

    static func technique(_ id: String, score: Int, name: String?) -> TechniqueCoverage {
        TechniqueCoverage(id: id, name: name, tactics: ["persistence", "execution"], platforms: ["Linux", "macOS"], score: score,
                          total: score, known: name != nil, rules: [])
    }

    static func coverage(gaps: [TechniqueCoverage]? = nil) -> CoverageReport {
        CoverageReport(attackVersion: "18.1", rules: 1, platforms: [],
                       techniques: [technique("T1053.003", score: 1, name: "Scheduled Task/Job: Cron"), technique("T9999", score: 2, name: nil)],
                       tactics: [TacticCoverage(id: "TA0003", shortName: "persistence", name: "Persistence", known: true, techniques: 5, covered: 1, rules: 1)],
                       gaps: gaps, matrix: AttackMatrix(version: "18.1", columns: []))
    }

    @Test func coverageTableAndCSV() {
        let table = CoverageText.table(Self.coverage())
        #expect(table.contains("T9999") && table.contains("(not in the loaded ATT&CK)") && table.contains("persistence,execution"))
        #expect(table.hasSuffix("1 rule counted\n"))
        #expect(CoverageText.csv(Self.coverage()) == """
            technique,name,tactics,rules,total,known\r
            T1053.003,Scheduled Task/Job: Cron,persistence;execution,1,1,true\r
            T9999,,persistence;execution,2,2,false\r

            """)
    }

    @Test func coverageGaps() {
        #expect(CoverageText.table(Self.coverage(gaps: [])) == "no gaps: every technique of the matrix has a rule\n")
        let gaps = [Self.technique("T1001", score: 0, name: "Data Obfuscation")]
        #expect(CoverageText.table(Self.coverage(gaps: gaps)).hasSuffix("1 technique without a rule\n"))
        #expect(CoverageText.csv(Self.coverage(gaps: gaps)) == "technique,name,tactics,platforms\r\nT1001,Data Obfuscation,persistence;execution,Linux;macOS\r\n")
    }

    static func delta(runs: [ImportRunSummary], source: String? = nil) -> CoverageDelta {
        let rule = CoveredRule(id: "r1", title: "R", level: "high")
        return CoverageDelta(attackVersion: "18.1", source: source, since: "2026-10-01", runs: runs,
                             techniques: [TechniqueDelta(id: "T1059", name: "Command and Scripting Interpreter", tactics: ["execution"],
                                                         change: 1, gained: [rule], lost: [], known: true)])
    }

    @Test func coverageDeltaWindowAndTable() {
        #expect(CoverageText.window(Self.delta(runs: [])) == "No import run since 2026-10-01")
        let two = Self.delta(runs: [Self.run(id: 3, source: "sigma"), Self.run(id: 5, source: "sigma")], source: "sigma")
        #expect(CoverageText.window(two) == "Imports #3 to #5 (2 runs) of source 'sigma' since 2026-10-01")
        let table = CoverageText.table(two)
        #expect(table.hasPrefix("Imports #3 to #5 (2 runs) of source 'sigma' since 2026-10-01\n"))
        #expect(table.contains("+1"))
        #expect(CoverageText.csv(two) == "technique,name,change,gained,lost\r\nT1059,Command and Scripting Interpreter,1,r1,\r\n")
    }

    @Test func coverageDeltaMarkdownEscapesTheSourceName() {
        let md = CoverageText.markdown(Self.delta(runs: [Self.run(id: 3, source: "x")], source: "<script>x</script>"))
        #expect(md.hasPrefix("# ATT&CK coverage changes\n\nImport \\#3 of source '\\<script\\>x\\</script\\>' since 2026-10-01.\n"))
        #expect(Self.noRawTag(md))
    }

    @Test func attackTechniqueText() {
        let info = AttackTechniqueInfo(id: "T1053.003", name: "Cron", parent: AttackRef(id: "T1053", name: "Scheduled Task/Job"),
                                       tactics: [AttackRef(id: "TA0003", name: "Persistence")], platforms: ["Linux", "macOS"],
                                       url: "https://attack.mitre.org/techniques/T1053/003", deprecated: false, revoked: true,
                                       revokedBy: AttackRef(id: "T1053.005", name: nil), subtechniques: [], attackVersion: "18.1")
        #expect(AttackText.render(info) == """
            T1053.003 Scheduled Task/Job: Cron
            Name:         Cron
            Parent:       T1053 Scheduled Task/Job
            Tactics:      Persistence (TA0003)
            Platforms:    Linux, macOS
            URL:          https://attack.mitre.org/techniques/T1053/003
            Revoked:      yes, replaced by T1053.005
            ATT&CK:       18.1

            """)
        #expect(AttackText.tactic(id: "TA0003", name: "Persistence", shortName: "persistence", url: nil)
                == "TA0003 Persistence\nShort name:   persistence\nURL:          \n")
    }

    @Test func huntTableOrdersByLevelThenTitleAndClipsValues() {
        let long = String(repeating: "a", count: 70)
        let groups = [
            HuntMatchGroup(rule: "low-1", title: "B low", level: "low", levelRank: 1, count: 1, firstEvent: "e.jsonl", firstRecord: 2,
                           values: [(field: "Image", value: "x.exe")]),
            HuntMatchGroup(rule: nil, title: "A high", level: "high", levelRank: 3, count: 4, firstEvent: "e.jsonl", firstRecord: 7,
                           values: [(field: "CommandLine", value: "one\ntwo " + long)]),
        ]
        let text = HuntMatchText.render(groups, matches: 5, events: 10, rules: 3)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("RULE") && lines[0].hasSuffix("VALUES"))
        #expect(lines[2].hasPrefix("-") && lines[2].contains("A high") && lines[2].contains("e.jsonl:7"))
        #expect(lines[2].contains("CommandLine=one\\ntwo aaa") && lines[2].hasSuffix("..."))
        #expect(lines[3].hasPrefix("low-1") && lines[3].hasSuffix("Image=x.exe"))
        #expect(lines[4] == "5 matches of 2 rules in 10 events")
        #expect(HuntMatchText.render([], matches: 0, events: 10, rules: 3) == "no matches in 10 events (3 rules)\n")
    }
}
