import Foundation
import Testing

/// `huntkb fp` from the built binary: every subcommand, failures, and the import/export round trip.
@Suite struct FPCommandTests {
    static let cron = "6b14bac8-3e3a-4324-8109-42f0546a347f"

    static func filter(user: String, rule: String = cron) -> String {
        """
        title: Deploy account
        logsource:
            category: process_creation
            product: linux
        filter:
            rules:
                - \(rule)
            selection:
                User: \(user)
            condition: selection
        """
    }

    @Test func addListEditRemove() throws {
        let dir = try GuideCLI.tempDir("fp")
        let db = dir.appendingPathComponent("c.sqlite")
        let filterFile = dir.appendingPathComponent("deploy.yml")
        try GuideCLI.write(Self.filter(user: "deploy"), to: filterFile)

        let add = try GuideCLI.run(["fp", "add", "6b14bac8", "--title", "Deploy tool | staging", "--description", "Deploys stage crontabs.",
                                    "--exclusion", "Exclude the deploy account.", "--example-filter", "| where not(TargetUsername =~ \"deploy\")",
                                    "--filter", filterFile.path, "--author", "Tester"], db: db)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "added scenario 'Deploy tool | staging' to rule \(Self.cron)\n")

        let list = try GuideCLI.run(["fp", "list", "6b14"], db: db)
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 7)  // header, rule, four seed scenarios, the new one
        #expect(lines.first?.hasPrefix("RULE") == true)
        #expect(lines.last?.contains("5  Deploy tool | staging") == true)

        let json = try GuideCLI.run(["fp", "list", "--format", "json"], db: db)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 5)
        #expect(items.last?["author"] as? String == "Tester")
        #expect((items.last?["filter"] as? String)?.contains("User: deploy") == true)

        // The tuned query appears in the guide.
        let guide = try GuideCLI.run(["guide", "--rule", Self.cron, "--targets", "asim", "--no-timestamp"], db: db)
        #expect(guide.stdout.contains("### Scenario 5: Deploy tool \\| staging"))
        #expect(guide.stdout.contains("and (not(TargetUsername =~ \"deploy\"))"))

        let edit = try GuideCLI.run(["fp", "edit", Self.cron, "5", "--title", "Deploy tool", "--no-filter"], db: db)
        #expect(edit.status == 0 && edit.stdout == "updated scenario 'Deploy tool' of rule \(Self.cron)\n")
        let afterEdit = try GuideCLI.run(["fp", "list", "--format", "csv"], db: db)
        #expect(afterEdit.stdout.contains("\(Self.cron),5,Deploy tool,no,"))

        let remove = try GuideCLI.run(["fp", "remove", Self.cron, "deploy TOOL"], db: db)
        #expect(remove.status == 0 && remove.stdout == "removed scenario 'Deploy tool' from rule \(Self.cron)\n")
        let gone = try GuideCLI.run(["fp", "remove", Self.cron, "Deploy tool"], db: db)
        #expect(gone.status == 2 && gone.stderr.contains("has no scenario titled 'Deploy tool'"))
    }

    @Test func badInputIsAClearError() throws {
        let dir = try GuideCLI.tempDir("fp")
        let db = dir.appendingPathComponent("c.sqlite")
        let wrongRule = dir.appendingPathComponent("wrong.yml")
        try GuideCLI.write(Self.filter(user: "x", rule: "11111111-2222-3333-4444-555555555555"), to: wrongRule)
        let notFilter = dir.appendingPathComponent("notfilter.yml")
        try GuideCLI.write("title: [unclosed\n", to: notFilter)
        let cases: [([String], Int32, String)] = [
            (["fp", "add", "6b14bac9", "--title", "x"], 2, "unknown rule '6b14bac9' (did you mean \(Self.cron)?)"),
            (["fp", "add", Self.cron, "--title", "x", "--filter", wrongRule.path], 2, "its rules: list does not name rule \(Self.cron)"),
            (["fp", "add", Self.cron, "--title", "x", "--filter", notFilter.path], 2, "notfilter.yml:"),
            (["fp", "add", Self.cron, "--title", "x", "--filter", dir.appendingPathComponent("missing.yml").path], 2, "cannot read file"),
            (["fp", "add", Self.cron, "--title", "Backup cron job using /tmp as staging"], 2, "already has a scenario titled"),
            (["fp", "add", Self.cron, "--title", "   "], 2, "non-empty title"),
            (["fp", "add", Self.cron], 64, "--title"),
            (["fp", "edit", Self.cron, "1"], 64, "nothing to change"),
            (["fp", "edit", Self.cron, "9", "--title", "y"], 2, "has no scenario titled '9'"),
            (["fp", "import"], 64, "Missing expected argument"),
        ]
        for (arguments, status, message) in cases {
            let result = try GuideCLI.run(arguments, db: db)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        // Nothing was added by the failures.
        let list = try GuideCLI.run(["fp", "list", "--format", "csv"], db: db)
        #expect(list.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 5)
    }

    @Test func badFilterFileIsOnePositionedLine() throws {
        let dir = try GuideCLI.tempDir("fp")
        let db = dir.appendingPathComponent("c.sqlite")
        let notFilter = dir.appendingPathComponent("notfilter.yml")
        try GuideCLI.write("title: [unclosed\n", to: notFilter)
        let rule = dir.appendingPathComponent("rule.yml")
        try GuideCLI.write("title: A rule, not a filter\nlogsource:\n    product: linux\ndetection:\n    sel:\n        a: b\n    condition: sel\n", to: rule)
        let broken = try GuideCLI.run(["fp", "add", Self.cron, "--title", "x", "--filter", notFilter.path], db: db)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("\(notFilter.path):") && broken.stderr.contains(": error: invalid Sigma filter:"), "\(broken.stderr)")
        #expect(broken.stderr.split(separator: "\n").count == 1)
        let wrongKind = try GuideCLI.run(["fp", "add", Self.cron, "--title", "x", "--filter", rule.path], db: db)
        #expect(wrongKind.status == 2)
        #expect(wrongKind.stderr.hasPrefix("\(rule.path):1:1: error: invalid Sigma filter: expected exactly one filter document"),
                "\(wrongKind.stderr)")
    }

    @Test func exportToAFolderOrMissingFolderIsAClearError() throws {
        let dir = try GuideCLI.tempDir("fp")
        let db = dir.appendingPathComponent("c.sqlite")
        let intoFolder = try GuideCLI.run(["fp", "export", "--output", dir.path], db: db)
        #expect(intoFolder.status == 2)
        #expect(intoFolder.stderr == "huntkb: error: \(dir.path): is a folder; give a file name\n")
        let missing = dir.appendingPathComponent("no/such/out.yml").path
        let intoMissing = try GuideCLI.run(["note", "export", "-o", missing], db: db)
        #expect(intoMissing.status == 2)
        #expect(intoMissing.stderr.contains("does not exist"), "\(intoMissing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func exportImportRoundTripIsIdempotent() throws {
        let dir = try GuideCLI.tempDir("fp")
        let source = dir.appendingPathComponent("a.sqlite")
        _ = try GuideCLI.run(["fp", "add", Self.cron, "--title", "Quoted: \"yes\"", "--description", "line one\nline two",
                              "--example-filter", "  indented\n``` fence", "--example-language", "spl"], db: source)
        let exportFile = dir.appendingPathComponent("export.yml")
        let export = try GuideCLI.run(["fp", "export", "--output", exportFile.path], db: source)
        #expect(export.status == 0 && export.stdout.isEmpty)
        let stdoutExport = try GuideCLI.run(["fp", "export", "6b14bac8"], db: source)
        let text = try String(contentsOf: exportFile, encoding: .utf8)
        #expect(stdoutExport.stdout == text)
        #expect(text.contains("  - rule: \(Self.cron)\n    title: Scheduled Cron Task/Job - Linux\n    scenarios:\n"))

        // A fresh catalog already has the four seed scenarios: only the new one is added, then nothing changes.
        let target = dir.appendingPathComponent("b.sqlite")
        let first = try GuideCLI.run(["fp", "import", exportFile.path], db: target)
        #expect(first.status == 0 && first.stdout == "scenarios: 1 added, 0 updated, 4 unchanged from 1 file\n")
        let second = try GuideCLI.run(["fp", "import", exportFile.path, exportFile.path], db: target)
        #expect(second.stdout == "scenarios: 0 added, 0 updated, 10 unchanged from 2 files\n")
        let again = try GuideCLI.run(["fp", "export"], db: target)
        #expect(again.stdout == text)

        // One bad file among good ones: reported with its position, the rest imported, status 1.
        let bad = dir.appendingPathComponent("bad.yml")
        try GuideCLI.write("rules:\n  - rule: 11111111-2222-3333-4444-555555555555\n    scenarios:\n      - title: orphan\n", to: bad)
        let mixed = try GuideCLI.run(["fp", "import", bad.path, exportFile.path], db: target)
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("bad.yml:2:1: error: unknown rule '11111111-2222-3333-4444-555555555555': not in the catalog"))
        #expect(mixed.stdout == "scenarios: 0 added, 0 updated, 5 unchanged from 1 file; 1 file rejected\n")
    }
}
