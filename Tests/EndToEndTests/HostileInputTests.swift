import Foundation
import Testing

/// Rule files written to break the tool: each is refused with one positioned line naming the file, in bounded
/// time, without touching the catalog, and a folder import still takes every good file beside it.
@Suite(.serialized) struct HostileInputTests {
    /// A complete correlation whose only fault is its count (beyond Int.max: it used to crash with SIGILL).
    static let correlation = """
        title: Many failed logons
        id: 0e95725d-7320-415d-80f7-004da920fc11
        status: test
        description: Counts failed logons.
        author: Tester
        date: 2024-01-01
        level: medium
        correlation:
            type: event_count
            rules:
                - 5b0a2b1e-4d7e-4b8e-9d1c-3f1e2a7b9c01
            group-by:
                - User
            timespan: 5m
            condition:
                gte: 0xffffffffffffffff

        """

    static func aliasBombAsKey() -> String {
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { text += "l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        return text + "k: {*l8: 1}\n"
    }

    /// The catalog as `search` lists it, to show a refused file changed nothing.
    func catalog(_ kb: HuntKBRunner) throws -> String {
        try kb.run(["search", "--format", "json"]).stdout
    }

    func errorLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    }

    @Test func correlationCountsBeyondIntAreAPositionedError() throws {
        let kb = try HuntKBRunner()
        for (name, value) in [("hex", "0xffffffffffffffff"), ("big", "9223372036854775808"), ("exp", "1e20"), ("half", "1.5")] {
            let path = try kb.write("\(name).yml", Self.correlation.replacingOccurrences(of: "0xffffffffffffffff", with: value))
            for command in [["validate", path], ["convert", "--target", "splunk", path]] {
                let result = try kb.run(command)
                #expect(result.status == 1, "\(command) \(value): \(result.status) \(result.stderr)")
                let lines = errorLines(result.stdout + result.stderr)
                #expect(lines.contains { $0.hasPrefix("\(path):16:14: error: correlation count ") }, "\(value): \(lines)")
            }
        }
    }

    @Test func aFolderWithTheCrashInputImportsEveryGoodRule() throws {
        let kb = try HuntKBRunner()
        for n in 1...50 { try kb.write("rules/good-\(n).yml", E2EFixtures.rule(id: E2EFixtures.id(n), title: "Good \(n)")) }
        try kb.write("rules/crash.yml", Self.correlation)
        let result = try kb.run(["import", "rules"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("imported 50, "), "\(result.stdout)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("rules/crash.yml:16:14: error: correlation count"), "\(result.stderr)")
    }

    @Test func anAliasBombUsedAsAKeyIsRefusedQuickly() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("bomb.yml", Self.aliasBombAsKey())
        let before = try catalog(kb)
        for command in [["validate", path], ["convert", "--target", "kusto", path], ["import", path]] {
            let start = Date()
            let result = try kb.run(command)
            #expect(Date().timeIntervalSince(start) < 10, "\(command)")
            #expect(result.status == 1, "\(command): \(result.status)")
            let lines = errorLines(result.stdout + result.stderr)
            #expect(lines.count == 1 && lines[0].contains("bomb.yml:") && lines[0].contains("200000 nodes"), "\(lines)")
        }
        #expect(try catalog(kb) == before)
    }

    @Test func validationIsLinearInTheNumberOfTags() throws {
        let kb = try HuntKBRunner()
        let tags = (0..<4_000).map { "attack.t\(1000 + $0 % 9000).\(String(format: "%03d", $0 % 1000))x\($0)" }
        let path = try kb.write("tags.yml", E2EFixtures.rule(id: E2EFixtures.id(7), title: "Many tags", tags: tags))
        let start = Date()
        let result = try kb.run(["validate", "--disable", "tag-format", path])
        // Under 0.1 s in a release build; generous for a debug build on a shared machine.
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aForgedProblemLineStaysInsideItsQuotes() throws {
        let kb = try HuntKBRunner()
        let rule = E2EFixtures.rule(id: E2EFixtures.id(8), title: "Forger",
                                    tags: [#""attack.t1059\n/etc/passwd:1:1: error: forged problem""#])
        let path = try kb.write("forged.yml", rule)
        let result = try kb.run(["validate", path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("\(path):8:7: error: tag 'attack.t1059\\n/etc/passwd:1:1"), "\(result.stdout)")
        #expect(!result.stdout.contains("\n/etc/passwd"))
    }

    @Test func nulAndControlCharactersInTitlesAndTagsAreErrorsNotTruncations() throws {
        let kb = try HuntKBRunner()
        let before = try catalog(kb)
        let cases: [(String, String, String)] = [
            ("title", E2EFixtures.rule(id: E2EFixtures.id(9), title: #""NUL\0inside""#), ":1:8: error: title 'NUL\\u{0}inside' holds the character U+0000"),
            ("tag", E2EFixtures.rule(id: E2EFixtures.id(10), title: "T", tags: [#""attack.t1059\0.001""#]), ":8:7: error: tag 'attack.t1059\\u{0}.001' holds the character U+0000"),
            ("escape", E2EFixtures.rule(id: E2EFixtures.id(11), title: #""x\e]0;pwned\a\e[2J\e[31mRED""#), ":1:8: error: title 'x\\u{1B}]0;pwned\\u{7}"),
        ]
        for (name, text, expected) in cases {
            let path = try kb.write("\(name).yml", text)
            for command in [["validate", path], ["import", path]] {
                let result = try kb.run(command)
                #expect(result.status == 1)
                let lines = errorLines(result.stdout + result.stderr)
                #expect(lines.count == 1 && lines[0].contains(expected), "\(name) \(command): \(lines)")
                #expect(!(result.stdout + result.stderr).unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            }
        }
        #expect(try catalog(kb) == before)
    }

    @Test func terminalEscapesInFreeTextNeverReachTheTerminal() throws {
        let kb = try HuntKBRunner()
        let rule = E2EFixtures.rule(id: E2EFixtures.id(12), title: "Escapes")
            .replacingOccurrences(of: "description: End-to-end fixture.", with: #"description: "x\e]0;pwned\a\e[2J\e[31mRED \u202Eevil""#)
        let path = try kb.write("esc.yml", rule)
        #expect(try kb.run(["import", path]).status == 0)
        let shown = try kb.run(["show", E2EFixtures.id(12)])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("x\\u{1B}]0;pwned\\u{7}\\u{1B}[2J"), "\(shown.stdout)")
        #expect(!shown.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{202E}" })
        // JSON stays exact data: the encoder escapes the control characters.
        let json = try kb.run(["show", "--format", "json", E2EFixtures.id(12)])
        #expect(json.stdout.contains(#"x\u001b]0;pwned\u0007"#), "\(json.stdout)")
    }

    @Test func nulInFreeTextIsStoredWholeAndNeutralisedOnTheTerminal() throws {
        let kb = try HuntKBRunner()
        let rule = E2EFixtures.rule(id: E2EFixtures.id(13), title: "Nul text")
            .replacingOccurrences(of: "description: End-to-end fixture.", with: #"description: "before\0after""#)
            .replacingOccurrences(of: "author: Tester", with: #"author: "Ann\0Bo""#)
            .replacingOccurrences(of: "Image|endswith: '/crontab'", with: #"Image|endswith: "/cron\0tab""#)
            + "falsepositives:\n    - \"fp\\0one\"\n"
        let path = try kb.write("nul.yml", rule)
        let imported = try kb.run(["import", path])
        #expect(imported.status == 0, "\(imported.stderr)")
        // JSON is data: every character comes back, the NUL escaped by the encoder.
        let json = try kb.run(["show", "--format", "json", E2EFixtures.id(13)])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let record = try #require(object["rule"] as? [String: Any])
        #expect(record["description"] as? String == "before\u{0}after")
        #expect(record["author"] as? String == "Ann\u{0}Bo")
        #expect(object["falsepositives"] as? [String] == ["fp\u{0}one"])
        let queries = (object["queries"] as? [[String: Any]] ?? []).compactMap { $0["query"] as? String }
        #expect(!queries.isEmpty && queries.allSatisfy { $0.contains("cron\u{0}tab") }, "\(queries)")
        // The terminal sees the NUL spelled out, never the byte.
        let shown = try kb.run(["show", E2EFixtures.id(13)])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("before\\u{0}after"), "\(shown.stdout)")
        #expect(!shown.stdout.unicodeScalars.contains { $0.value == 0 })
        for format in ["table", "csv"] {
            let listed = try kb.run(["search", "after", "--format", format])
            #expect(listed.status == 0 && listed.stdout.contains("Nul text"), "\(format): \(listed.stdout)")
            #expect(!listed.stdout.unicodeScalars.contains { $0.value == 0 })
        }
    }

    @Test(.enabled(if: sqlite3)) func sqliteHoldsEveryByteOfFreeText() throws {
        let kb = try HuntKBRunner()
        let rule = E2EFixtures.rule(id: E2EFixtures.id(14), title: "Nul bytes")
            .replacingOccurrences(of: "description: End-to-end fixture.", with: #"description: "before\0after""#)
        #expect(try kb.run(["import", try kb.write("nul.yml", rule)]).status == 0)
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sql.arguments = [kb.databasePath, "SELECT hex(description), instr(description, char(0)) FROM rule WHERE id = '\(E2EFixtures.id(14))'"]
        let pipe = Pipe()
        sql.standardOutput = pipe
        try sql.run()
        sql.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(out == Data("before\u{0}after".utf8).map { String(format: "%02X", $0) }.joined() + "|7\n")
    }

    /// A rule whose detection lists `count` values of 40 bytes each (about 3.9 MB at 82,000).
    static func largeRule(id: String, values count: Int) -> String {
        var text = "title: Large rule\nid: \(id)\nstatus: test\ndescription: Many values.\nauthor: Tester\ndate: 2024-01-01\n"
        text += "logsource:\n    product: windows\n    category: process_creation\ndetection:\n    selection:\n        CommandLine|contains:\n"
        for i in 0..<count { text += "            - 'value-\(String(format: "%07d", i))-abcdefghijklmnop'\n" }
        return text + "    condition: selection\nlevel: medium\n"
    }

    /// The catalog's size on disk, write-ahead log included.
    func catalogBytes(_ kb: HuntKBRunner) throws -> Int {
        [kb.databasePath, kb.databasePath + "-wal"].reduce(0) { sum, path in
            sum + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
        }
    }

    /// What a rule costs the catalog beyond its queries (one per target, inherently as long as the rule's values):
    /// its text once, the full-text index of it, and small rows. Documented bound: 3 times the file.
    static let footprintPerByte = 3

    @Test func aLargeRuleCostsTheCatalogASmallMultipleOfItsText() throws {
        let kb = try HuntKBRunner()
        #expect(try kb.run(["import", try kb.write("small.yml", E2EFixtures.rule(id: E2EFixtures.id(15), title: "Small"))]).status == 0)
        let before = try catalogBytes(kb)
        let text = Self.largeRule(id: E2EFixtures.id(16), values: 8_000)
        let result = try kb.run(["import", try kb.write("large.yml", text)])
        #expect(result.status == 0, "\(result.stderr)")
        let growth = try catalogBytes(kb) - before
        let json = try kb.run(["show", "--format", "json", E2EFixtures.id(16)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let queries = (object["queries"] as? [[String: Any]] ?? []).compactMap { $0["query"] as? String }
        #expect(queries.count >= 2, "queries are generated for the default targets")
        let queryBytes = queries.reduce(0) { $0 + $1.utf8.count }
        let file = text.utf8.count
        #expect(growth - queryBytes < Self.footprintPerByte * file,
                "catalog grew \(growth) bytes for a \(file)-byte rule with \(queryBytes) bytes of queries")
    }

    @Test func oneFileLimitForEveryCommandNamedInTheMessage() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("big.yml", "title: big\ndescription: " + String(repeating: "a", count: 5 * 1024 * 1024) + "\n")
        for command in [["validate", path], ["convert", "--target", "splunk", path], ["import", path]] {
            let result = try kb.run(command)
            #expect(result.status == 1, "\(command)")
            let lines = errorLines(result.stdout + result.stderr)
            #expect(lines.count == 1 && lines[0].contains("big.yml") && lines[0].contains("4"), "\(command): \(lines)")
        }
        // Many nodes without any alias: the message must not blame aliases.
        let wide = try kb.write("wide.yml", "title: wide\nx: [" + Array(repeating: "a", count: 210_000).joined(separator: ",") + "]\n")
        let result = try kb.run(["validate", wide])
        #expect(result.status == 1)
        #expect(result.stdout.contains("more than 200000 nodes (the limit for one file)") && !result.stdout.contains("aliases"), "\(result.stdout)")
    }

    static let sqlite3 = FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")

    @Test(.enabled(if: sqlite3)) func refusingANewerWALCatalogLeavesNoStrayFiles() throws {
        let kb = try HuntKBRunner()
        #expect(try kb.run(["search", "--format", "json"]).status == 0)
        let db = kb.databasePath
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sql.arguments = [db, "PRAGMA journal_mode=WAL; INSERT INTO grdb_migrations(identifier) VALUES ('9999_from_the_future');"]
        sql.standardOutput = FileHandle.nullDevice
        try sql.run()
        sql.waitUntilExit()
        #expect(sql.terminationStatus == 0)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let result = try kb.run(["search", "--format", "json"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("newer"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
