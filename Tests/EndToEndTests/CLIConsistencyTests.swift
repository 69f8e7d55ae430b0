import Foundation
import Testing

/// One behaviour across commands: where `--db` may go, how parse errors look, technique/tactic parsing,
/// `attack import` refusals.
@Suite(.serialized) struct CLIConsistencyTests {
    @Test func databaseOptionBeforeTheSubcommand() throws {
        let kb = try HuntKBRunner()
        defer { try? FileManager.default.removeItem(at: kb.dir) }
        let db = kb.dir.appendingPathComponent("front.sqlite").path
        let result = try kb.run(["--db", db, "search", "--technique", "T1053.003", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(E2EFixtures.cronID))
        #expect(FileManager.default.fileExists(atPath: db))
        #expect(!FileManager.default.fileExists(atPath: kb.databasePath))  // not the HUNTKB_DB default
        let equals = try kb.run(["--db=\(db)", "show", E2EFixtures.cronID, "--format", "json"])
        #expect(equals.status == 0 && equals.stdout.contains(E2EFixtures.cronID), "\(equals.stderr)")
    }

    @Test func readOnlyCommandsRefuseAnExplicitCatalogInAMissingFolder() throws {
        let kb = try HuntKBRunner()
        defer { try? FileManager.default.removeItem(at: kb.dir) }
        let db = kb.dir.appendingPathComponent("typo/kb.sqlite").path
        for arguments in [["search"], ["show", E2EFixtures.cronID], ["changes"], ["history", E2EFixtures.cronID], ["stale"],
                          ["status", "list"], ["attack", "show", "T1053"], ["note", "list"]] {
            let result = try kb.run(arguments + ["--db", db])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("huntkb: error: \(db): no such folder"), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: kb.dir.appendingPathComponent("typo").path))
        // A command that writes creates it.
        try kb.write("rules/a.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "A"))
        #expect(try kb.run(["import", "rules", "--db", db, "--targets", "none"]).status == 0)
    }

    @Test func parseErrorsAreOneHuntKBLineWithExit64() throws {
        let kb = try HuntKBRunner()
        defer { try? FileManager.default.removeItem(at: kb.dir) }
        let cases: [([String], String)] = [
            (["serach"], "huntkb: error: unknown command 'serach' (did you mean 'search'?); see 'huntkb --help'\n"),
            (["attack", "imprt", "x.json"], "huntkb: error: unknown command 'imprt' (did you mean 'import'?); see 'huntkb attack --help'\n"),
            (["frobnicate"], "huntkb: error: unknown command 'frobnicate'; see 'huntkb --help'\n"),
            (["search", "--limit", "abc"], "huntkb: error: The value 'abc' is invalid for '--limit <limit>'\n"),
            (["search", "--bogus"], "huntkb: error: Unknown option '--bogus'\n"),
            (["show"], "huntkb: error: Missing expected argument '<id>'\n"),
        ]
        for (arguments, stderr) in cases {
            let result = try kb.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr == stderr, "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
        let help = try kb.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("EXIT CODES") && help.stdout.contains("huntkb --db FILE search"))
    }

    @Test func techniqueAndTacticRefusalsAreUsageErrorsWithSuggestions() throws {
        let kb = try HuntKBRunner()
        defer { try? FileManager.default.removeItem(at: kb.dir) }
        let cases: [([String], String)] = [
            (["search", "--tactic", "persistance"], "unknown ATT&CK tactic 'persistance' (did you mean persistence?)"),
            (["search", "--technique", "T1053.3"], "(did you mean T1053.003 (Cron)?)"),
            (["search", "--technique", "T9999"], "unknown ATT&CK technique 'T9999'"),
        ]
        for (arguments, message) in cases {
            let result = try kb.run(arguments + ["--format", "json"])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix("huntkb: error: ") && result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("T1033"))
            #expect(result.stdout.isEmpty)
        }
        let ok = try kb.run(["search", "--tactic", "TA0003", "--technique", "attack.t1053", "--format", "csv"])
        #expect(ok.status == 0 && ok.stdout.contains(E2EFixtures.cronID))
    }

    @Test func attackImportSaysAFileIsMissingAndRefusesOtherDomains() throws {
        let kb = try HuntKBRunner()
        defer { try? FileManager.default.removeItem(at: kb.dir) }
        let missing = try kb.run(["attack", "import", "nope/enterprise-attack.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "huntkb: error: nope/enterprise-attack.json: no such file\n")
        #expect(!FileManager.default.fileExists(atPath: kb.databasePath))

        let ics = try kb.write("ics-attack-17.0.json", """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "x-mitre-tactic", "id": "x-mitre-tactic--1", "name": "Inhibit Response Function", "x_mitre_shortname": "inhibit-response-function",
               "external_references": [{"source_name": "mitre-ics-attack", "external_id": "TA0107"}]},
              {"type": "attack-pattern", "id": "attack-pattern--1", "name": "Activate Firmware Update Mode",
               "external_references": [{"source_name": "mitre-ics-attack", "external_id": "T0800"}],
               "kill_chain_phases": [{"kill_chain_name": "mitre-ics-attack", "phase_name": "inhibit-response-function"}]}
            ]}
            """)
        let refused = try kb.run(["attack", "import", ics])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("an ATT&CK ICS bundle, not Enterprise; pass --domain ics"), "\(refused.stderr)")
        #expect(try kb.run(["attack", "show", "T1053.003"]).status == 0)  // Enterprise is still there
        let asked = try kb.run(["attack", "import", ics, "--domain", "ics"])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(try kb.run(["attack", "show", "T0800"]).status == 0)
    }
}
