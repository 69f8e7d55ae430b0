import Foundation
import Testing

/// `huntkb guide --all --output DIR` over the shared SigmaHQ corpus: one page per technique, every tagged rule
/// on its technique's page, and pages that a GFM parser renders with the headings, tables and fences intended.
@Suite struct GuideCorpusTests {
    @Test(.enabled(if: GuideCLI.sharedRoot != nil, "../shared/corpus/sigma not found beside the package"))
    func allGuidesOverTheSharedCorpus() throws {
        let shared = try #require(GuideCLI.sharedRoot)
        let dir = try GuideCLI.tempDir("corpus")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("corpus.sqlite")
        // One stored target per query language, so every language's hunt plan (stacking, pivots or the reason
        // why not) is checked on every page.
        let imported = try GuideCLI.run(["import", shared.appendingPathComponent("corpus/sigma").path,
                                         "--targets", "kusto/sentinel_asim,splunk/splunk_windows,lucene/ecs_windows,esql/ecs_windows,eql/ecs_windows"],
                                        db: db)
        #expect(imported.status == 0 || imported.status == 1, "\(imported.stderr.suffix(500))")

        let out = dir.appendingPathComponent("guides")
        let guide = try GuideCLI.run(["guide", "--all", "--output", out.path, "--no-timestamp"], db: db)
        #expect(guide.status == 0, "\(guide.stderr)")

        let search = try GuideCLI.run(["search", "--format", "json"], db: db)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])
            .filter { $0["kind"] as? String == "rule" }
            // Deprecated and unsupported rules are left out of guides by default.
            .filter { !["deprecated", "unsupported"].contains($0["status"] as? String ?? "") }
        #expect(rules.count > 2000)
        var expected = Set<String>()
        var untagged = 0
        var byTechnique: [String: [String]] = [:]
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            let techniques = (rule["techniques"] as? [String] ?? []).filter { $0.wholeMatch(of: /T[0-9]{4}(\.[0-9]{3})?/) != nil }
            if techniques.isEmpty { untagged += 1 }
            for technique in techniques {
                expected.insert(technique)
                if technique.count == 9 { expected.insert(String(technique.prefix(5))) }
                byTechnique[technique, default: []].append(id)
            }
        }
        var expectedFiles = Set(expected.map { "\($0).md" })
        expectedFiles.insert("index.md")
        expectedFiles.insert("coverage.svg")
        if untagged > 0 { expectedFiles.insert("no-technique.md") }
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(files == expectedFiles, "extra: \(files.subtracting(expectedFiles).sorted().prefix(5)), missing: \(expectedFiles.subtracting(files).sorted().prefix(5))")

        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        for technique in expected { #expect(index.contains("](\(technique).md)"), "index lacks \(technique)") }

        var checkedRules = 0
        var rendered = 0
        var languages = Set<String>()
        for file in files.sorted() where file.hasSuffix(".md") {
            let page = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            let technique = String(file.dropLast(3))
            for id in byTechnique[technique] ?? [] {
                #expect(page.contains("| ID | \(id) |"), "\(file) lacks rule \(id)")
                checkedRules += 1
            }
            if file != "index.md" { languages.formUnion(checkPageStructure(page, file: file)) }
            let shape = PageShape(page)
            #expect(shape.problems.isEmpty, "\(file): \(shape.problems.prefix(3))")
            if let html = try GuideCLIMarkdown.html(page) {
                rendered += 1
                // The marker comment plus HuntKB's own `<a id>` anchors (an opening and a closing tag each);
                // nothing from rule text.
                let anchors = page.components(separatedBy: "<a id=\"").count - 1
                #expect(GuideCLIMarkdown.count("<!-- raw HTML omitted -->", in: html) == 1 + 2 * anchors, "\(file): raw HTML")
                #expect(GuideCLIMarkdown.count("<pre><code", in: html) == shape.fences, "\(file): fences")
                #expect(GuideCLIMarkdown.count("<table>", in: html) == shape.tables, "\(file): tables")
                let headings = (1...6).map { GuideCLIMarkdown.count("<h\($0)>", in: html) }.reduce(0, +)
                #expect(headings == shape.headings, "\(file): headings")
            }
        }
        #expect(checkedRules >= rules.count - untagged)
        #expect(languages.count == 5, "hunt plans checked only for \(languages.sorted())")
        print("guide corpus: \(files.count) pages, \(checkedRules) rule placements checked, \(rendered) pages rendered with cmark-gfm")
    }
}

/// The structure every technique page promises: the summary table lists exactly the page's rule sections, in
/// order; no deprecated rule; data prerequisites for every rule; every query followed by what it reads, a
/// stacking query or a reason, and pivots or a reason.
@discardableResult
func checkPageStructure(_ page: String, file: String) -> Set<String> {
    let sections = page.matches(of: /\n<a id="rule-([0-9a-z-]+)"><\/a>\n/).map { String($0.1) }
    let summary = page.matches(of: /\n\| [0-9]+ \| [^\n]*\]\(#rule-([0-9a-z-]+)\) \|[^\n]*/).map { String($0.1) }
    // The page of rules without a technique has no hunt plan or summary table (it is not a technique page).
    if file != "no-technique.md" { #expect(summary == sections, "\(file): summary table and rule sections differ") }
    // A parent technique whose rules all carry a sub-technique tag has no rules of its own.
    if sections.isEmpty { #expect(page.contains("**Rules:** 0"), "\(file): no rules"); return [] }
    if file != "no-technique.md" {
        #expect(page.contains("**Contents:** [Hunt plan]"), "\(file): no contents line")
        #expect(page.contains("Hunt plan\n"), "\(file): no hunt plan")
    }
    #expect(!page.contains("| Status | deprecated |") && !page.contains("| Status | unsupported |"), "\(file): deprecated rule")
    #expect(page.components(separatedBy: "Data prerequisites\n").count - 1 == sections.count, "\(file): prerequisites per rule")
    // Each query fence is followed by its plan lines.
    let parts = page.components(separatedBy: "\n#### ").dropFirst() + page.components(separatedBy: "\n##### ").dropFirst()
    let languages = [" — KQL\n", " — SPL\n", " — Lucene\n", " — ES\\|QL\n", " — EQL\n"]
    var checked = Set<String>()
    for part in parts {
        guard let language = languages.first(where: { part.contains($0) }) else { continue }
        checked.insert(language)
        guard let fenceEnd = part.range(of: "\n```\n", range: (part.range(of: "```")?.upperBound ?? part.startIndex)..<part.endIndex) else { continue }
        let after = part[fenceEnd.upperBound...].drop { $0 == "\n" }.prefix(2000)
        #expect(after.hasPrefix("- Reads: "), "\(file): a query without what it reads")
        #expect(after.contains("Rarity stacking") || after.contains("- Stacking: "), "\(file): a query without stacking or a reason")
        #expect(after.contains("- Pivots: "), "\(file): a query without pivots or a reason")
    }
    return checked
}

/// Counts the blocks a page should render to, and flags unclosed fences and ragged tables.
struct PageShape {
    var fences = 0
    var tables = 0
    var headings = 0
    var problems: [String] = []

    init(_ markdown: String) {
        var open: (Character, Int)?
        var columns: Int?
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            if let first = line.first, first == "`" || first == "~" {
                let run = line.prefix { $0 == first }.count
                if run >= 3 {
                    if let (c, n) = open {
                        if c == first && run >= n && line.dropFirst(run).allSatisfy({ $0 == " " }) { open = nil }
                    } else {
                        open = (first, run)
                        fences += 1
                    }
                    continue
                }
            }
            if open != nil { continue }
            if line.hasPrefix("#") { headings += 1 }
            if line.hasPrefix("|") {
                let cells = Self.cells(line)
                if let columns {
                    if cells != columns { problems.append("line \(i + 1): \(cells) cells, expected \(columns)") }
                } else {
                    columns = cells
                    tables += 1
                }
            } else {
                columns = nil
            }
        }
        if open != nil { problems.append("unclosed fence") }
    }

    static func cells(_ line: Substring) -> Int {
        var pipes = 0
        var escaped = false
        for c in line {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true } else if c == "|" { pipes += 1 }
        }
        return pipes - 1
    }
}
