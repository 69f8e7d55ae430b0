import CatalogModel
import Foundation
import Reports
import Testing

/// The change, history and rule-detail renderers share one escaping: hostile titles stay text in markdown.
@Suite struct ReportRendererEscapingTests {
    static let hostile = "<script>alert(1)</script> | `x` **b** [l](javascript:alert(2)) \u{202E}gnp.exe\nnext"

    static var report: ChangeReport {
        let run = ImportRunSummary(id: 3, source: "sig|ma <b>", paths: [], scope: "full", tag: "<i>v1</i>", startedAt: "2026-11-01T00:00:00Z",
                                   files: 0, added: 0, updated: 0, unchanged: 0, removed: 0, restored: 0, rejected: 0, events: 0)
        let entry = ChangeEntry(id: "a`b|c", title: hostile, old: nil, new: "<b>test</b>", fields: ["a|b"], detail: "x|y", importRun: 3)
        return ChangeReport(source: nil, since: nil, fromImport: nil, toImport: nil, runs: [run], total: 2,
                            groups: [ChangeGroup(kind: "added", count: 1, transitions: [], rules: [entry]),
                                     ChangeGroup(kind: "removed", count: 1, transitions: [], rules: [entry])])
    }

    @Test func changeReportMarkdownEscapesTitles() {
        let text = ChangeReportMarkdown.render(Self.report)
        #expect(text.hasPrefix("# Detection rule changes: sig\\|ma \\<b\\> \\<i\\>v1\\</i\\>\n"), "\(text)")
        #expect(!text.contains("<script>") && !text.contains("[l](javascript:") && !text.contains("\u{202E}"))
        #expect(text.contains(#"\<script\>alert(1)\</script\> \| \`x\` \*\*b\*\* \[l\](javascript:alert(2)) \[U+202E\]gnp.exe next"#))
        #expect(text.contains("| ``a`b\\|c`` |"), "\(text)")
        // Every table row still has exactly its columns: no pipe from a title splits a cell.
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false).count - 2
            #expect(cells == 3 || cells == 4, "\(line)")
        }
    }

    @Test func historyMarkdownEscapesTitles() {
        let timeline = RuleTimeline(id: "r1", title: Self.hostile, status: "test", source: "s", path: "p", removed: false,
                                    localStatus: nil, localNote: nil,
                                    events: [RuleTimelineEntry(at: "2026-11-01", kind: "added", old: nil, new: "<b>x</b>|y", fields: [],
                                                               detail: nil, note: nil, importRun: 1, source: "s", commit: nil,
                                                               commitDate: nil, tag: nil)])
        let text = HistoryText.render(timeline, markdown: true)
        #expect(text.hasPrefix("# History of \\<script\\>alert(1)\\</script\\> \\| "), "\(text)")
        #expect(text.contains("| status \\<b\\>x\\</b\\>\\|y, from s |"), "\(text)")
        #expect(!text.contains("<script>"))
        // The terminal form is plain text, unescaped.
        #expect(HistoryText.render(timeline, markdown: false).hasPrefix(Self.hostile + "\n"))
    }

    @Test func codeSpansOutlastBackticks() {
        #expect(MarkdownText.code("plain") == "`plain`")
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("`edge`") == "`` `edge` ``")
        #expect(MarkdownText.code("a|b") == "`a\\|b`")
        #expect(MarkdownText.code("") == "—")
        #expect(MarkdownText.cell("") == "—")
    }
}
