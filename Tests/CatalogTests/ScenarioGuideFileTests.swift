import Catalog
import Foundation
import Testing

/// The guide-file YAML format: parsing, positioned errors and exact round trips of any text.
@Suite struct ScenarioGuideFileTests {
    @Test func seedFileParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seed/guides/linux_scheduled_task_cron.yml")
        let file = try GuideFile.parse(text: try String(contentsOf: url, encoding: .utf8), path: "seed.yml")
        #expect(file.rules.count == 1)
        #expect(file.rules[0].scenarios.count == 4)
        #expect(file.rules[0].note?.hasPrefix("Adversaries may leverage scheduled cron tasks") == true)
        // Render, parse again: same content.
        #expect(try GuideFile.parse(text: file.render(), path: "again.yml").rules.map(\.scenarios.count) == [4])
    }

    @Test func errorsNameFileLineAndColumn() {
        let cases: [(String, String)] = [
            ("rules: 3", "g.yml:1:8: error: 'rules' must be a list"),
            ("other: []", "g.yml:1:8: error: unknown key 'other' (expected rules, techniques)"),
            ("rules:\n  - title: x", "g.yml:2:5: error: a rules entry needs 'rule: <rule id>'"),
            ("rules:\n  - rule: abc\n    scenarios:\n      - description: d", "g.yml:4:9: error: a scenario needs a non-empty 'title'"),
            ("rules:\n  - rule: abc\n    scenarios:\n      - title: t\n        created: 2026-13-01", "g.yml:5:18: error: 'created' must be a date YYYY-MM-DD, not '2026-13-01'"),
            ("rules:\n  - rule: abc\n    scenarios:\n      - title: t\n        colour: red", "g.yml:5:17: error: unknown key 'colour' in a scenario (expected title, description, exclusion, example_filter, example_language, filter, translation_note, completed_by_huntkb, author, created, updated)"),
            ("rules:\n  - rule: abc\n    scenarios:\n      - title: t\n      - title: t", "g.yml:5:9: error: rule abc has two scenarios titled 't'"),
            ("rules:\n  - rule: abc\n  - rule: ABC", "g.yml:3:5: error: rule abc appears twice; merge its entries"),
            ("techniques:\n  - technique: T99", "g.yml:2:5: error: a techniques entry needs 'technique: <ATT&CK id>' like T1053.003, not 'T99'"),
            ("rules:\n  - rule: abc\n    note: [a]", "g.yml:3:11: error: 'note' must be text, not a list or map"),
            ("rules:\n  - rule: abc\n    rule: def", "g.yml:2:5: error: duplicate key 'rule'"),
        ]
        for (text, message) in cases {
            do {
                _ = try GuideFile.parse(text: text, path: "g.yml")
                Issue.record("no error for: \(text)")
            } catch let error as GuideFileError {
                #expect(error.description == message)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(throws: GuideFileError.self) { try GuideFile.parse(text: "rules: [unclosed", path: "g.yml") }
    }

    @Test func pathologicalNestingIsRefusedNotCrashed() {
        let flow = "rules: " + String(repeating: "[", count: 100_000)
        #expect(throws: GuideFileError(path: "d.yml", line: 1, column: 1, message: "YAML nested too deeply (over 64 levels)")) {
            try GuideFile.parse(text: flow, path: "d.yml")
        }
        let block = (0..<400).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n")
        #expect(throws: GuideFileError.self) { try GuideFile.parse(text: block, path: "d.yml") }
        // Brackets in comments and quoted text do not count.
        let fine = "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nrules: []\n"
        #expect(throws: Never.self) { try GuideFile.parse(text: fine, path: "d.yml") }
    }

    @Test func emptyFilesAreEmpty() throws {
        #expect(try GuideFile.parse(text: "", path: "e.yml") == GuideFile())
        #expect(try GuideFile.parse(text: "# only a comment\n", path: "e.yml") == GuideFile())
        #expect(try GuideFile.parse(text: "rules:\ntechniques: ~\n", path: "e.yml") == GuideFile())
        #expect(GuideFile().render().hasSuffix("rules: []\n"))
    }

    @Test func filterErrorsPointIntoTheFile() {
        let text = """
            rules:
              - rule: abc
                scenarios:
                  - title: t
                    filter: |
                      title: f
                      logsource: {product: linux}
                      filter:
                          rules: [other]
                          selection: {User: x}
                          condition: selection
            """
        do {
            _ = try GuideFile.parse(text: text, path: "g.yml")
            Issue.record("expected an error")
        } catch let error as GuideFileError {
            #expect(error.description == "g.yml:5:1: error: invalid Sigma filter: its rules: list does not name rule abc")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Strings that stress every scalar style the writer picks.
    static let awkward: [String] = [
        "", " ", "plain", "yes", "No", "null", "~", "123", "1.5e3", "0x1F", ".inf", "-", "- item", "? q", ": c", "a: b", "a #b",
        "#hash", "trailing ", " leading", "tab\there", "quote\"s", "single's", "back\\slash", "@at", "`tick", "%p", "&a", "*b", "!t",
        "[x]", "{y}", "|", ">", "line\n", "line\n\n", "a\nb", "\nstarts with newline", "  indented\nsecond", "a\n  b\n\n\n",
        "ctrl\u{01}char", "cr\r\nlf", "emoji 🎯 ünïcode", "\u{2028}sep", String(repeating: "long words ", count: 30) + "end",
        String(repeating: "x", count: 150), "double  spaced " + String(repeating: "w ", count: 60), "2026-11-29", "true",
    ]

    @Test(arguments: awkward)
    func everyStringRoundTrips(_ text: String) throws {
        let file = GuideFile(rules: [GuideFileRule(rule: "abc", title: text, note: text.isEmpty ? nil : text,
                                                   scenarios: [ScenarioDraft(title: "t", description: text, exclusion: text,
                                                                             exampleFilter: text, exampleLanguage: "kql", author: text)])],
                             techniques: [GuideFileTechnique(technique: "T1053", note: text.isEmpty ? nil : text)])
        let parsed = try GuideFile.parse(text: file.render(), path: "r.yml")
        #expect(parsed.rules.first?.title == text || (text.isEmpty && parsed.rules.first?.title == ""))
        #expect(parsed.rules.first?.note == file.rules[0].note)
        let scenario = try #require(parsed.rules.first?.scenarios.first)
        #expect(scenario.description == text)
        #expect(scenario.exclusion == text)
        #expect(scenario.exampleFilter == text)
        #expect(scenario.author == text || (scenario.author == nil && ["", "~", "null"].contains(text)))
        #expect(parsed.techniques.first?.note == file.techniques[0].note)
    }
}
