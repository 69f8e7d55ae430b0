import Catalog
import Foundation
import Reports
import Testing

/// Hostile titles, names and texts must not escape the folder, break a fence or table, or inject markup.
@Suite struct GuideEscapingTests {
    @Test func inlineEscapesMarkupAndHTML() {
        #expect(Markdown.inline("a|b") == "a\\|b")
        #expect(Markdown.inline("<script>x</script>") == "\\<script\\>x\\</script\\>")
        #expect(Markdown.inline("`code`") == "\\`code\\`")
        #expect(Markdown.inline("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))")
        #expect(Markdown.inline("line1\nline2\r\n\tline3") == "line1 line2 line3")
        #expect(Markdown.inline("ATT&CK") == "ATT&CK")
        #expect(Markdown.inline("&lt;") == "\\&lt;")
        #expect(Markdown.inline("- item") == "\\- item")
        #expect(Markdown.inline("1. first") == "1\\. first")
        #expect(Markdown.inline("# h") == "\\# h")
        #expect(Markdown.inline("bell\u{07}") == "bell")
    }

    @Test func proseKeepsMatchedCodeSpansOnly() {
        #expect(Markdown.prose("run `crontab -l` now") == "run `crontab -l` now")
        #expect(Markdown.prose("`unclosed <b>") == "\\`unclosed \\<b\\>")
        #expect(Markdown.prose("``a`b`` and <i>") == "``a`b`` and \\<i\\>")
        #expect(Markdown.paragraphs("one\ntwo\n\n\nthree") == "one two\n\nthree")
    }

    @Test func fenceIsLongerThanAnyBacktickRun() {
        #expect(Markdown.fence("a ``` b\n````", info: "kql") == "`````kql\na ``` b\n````\n`````\n")
        #expect(Markdown.fence("plain\n\n", info: "ku`sto x\n") == "```kustox\nplain\n```\n")
        #expect(Markdown.fence("", info: "") == "```\n\n```\n")
    }

    @Test func linksOnlyForHTTP() {
        #expect(Markdown.link("x", url: "javascript:alert(1)") == "x")
        #expect(Markdown.autolink("https://e.com/a b)<x>") == "<https://e.com/a%20b%29%3Cx%3E>")
        #expect(Markdown.autolink("not a url") == "not a url")
        #expect(Markdown.safeURL("HTTPS://E.COM/") == "HTTPS://E.COM/")
        #expect(Markdown.safeURL("http://") == nil)
    }

    @Test func pageFileNamesComeFromIDsOnly() {
        #expect(GuideBook.fileName(forTechnique: "T1059.001") == "T1059.001.md")
        #expect(GuideBook.fileName(forTechnique: "../T1059") == "T1059.md")
        #expect(GuideBook.fileName(forTechnique: "/etc/passwd") == "ETCPASSWD.md")
        #expect(GuideBook.fileName(forTechnique: "..") == "technique.md")
    }

    @Test func hostilePagesStayWellFormed() throws {
        let pages = GuideBook.pages(corpus: GuideFixtures.hostileCorpus, options: GuideOptions(generatedAt: "<b>now</b>"))
        #expect(pages.map(\.file) == ["T1059.md", "T1059.001.md", "index.md"])
        for page in pages {
            #expect(!page.file.contains("/") && !page.file.contains(".."))
            let check = GuideMarkdownCheck(page.markdown)
            #expect(check.problems == [], "\(page.file): \(check.problems)")
            #expect(!page.markdown.contains(/[^\\]\]\(javascript:/))
        }
        let rulePage = try #require(pages.first { $0.file == "T1059.md" }).markdown
        let check = GuideMarkdownCheck(rulePage)
        // One yaml rule, one query, example filter and Sigma filter of the scenario: four fences, none broken.
        #expect(check.fences == 4)
        // The summary table of the page and the rule's metadata table.
        #expect(check.tables == 2)
    }

    @Test(.enabled(if: CmarkGFM.path != nil, "cmark-gfm is not installed (apt-get install cmark-gfm)"))
    func hostilePagesRenderSafelyWithCmarkGFM() throws {
        let docs = GuideBook.pages(corpus: GuideFixtures.hostileCorpus, options: GuideOptions()).map(\.markdown)
            + [GuideBook.ruleDocument(GuideFixtures.hostileCorpus.rules[0], options: GuideOptions())]
        for markdown in docs {
            let html = try #require(try CmarkGFM.html(markdown))
            let check = GuideMarkdownCheck(markdown)
            // The marker line and HuntKB's own `<a id>` anchors (an opening and a closing tag each) are the only raw HTML.
            let anchors = markdown.components(separatedBy: "<a id=\"").count - 1
            #expect(CmarkGFM.count("<!-- raw HTML omitted -->", in: html) == 1 + 2 * anchors, "only the marker line and anchors are raw HTML")
            #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<i>") && !html.contains("<b>"))
            #expect(!html.contains("href=\"javascript"))
            #expect(CmarkGFM.count("<table>", in: html) == check.tables)
            #expect(CmarkGFM.count("<pre><code", in: html) == check.fences)
            let headings = (1...6).map { CmarkGFM.count("<h\($0)>", in: html) }.reduce(0, +)
            #expect(headings == check.headings.count)
        }
    }
}
