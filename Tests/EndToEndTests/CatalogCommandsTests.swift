import Foundation
import Testing

@Suite(.serialized) struct CatalogCommandsTests {
    @Test func firstCommandCreatesSeededCatalogInNestedFolders() throws {
        let kb = try HuntKBRunner()
        let result = try kb.run(["search", "--technique", "T1053.003", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: kb.databasePath))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["id"] as? String == E2EFixtures.cronID)
        #expect(array.first?["techniques"] as? [String] == ["T1053.003"])
        #expect((array.first?["logsource"] as? [String: Any])?["product"] as? String == "linux")
        for key in ["id", "title", "status", "level", "date", "modified", "techniques", "tactics", "logsource", "path"] {
            #expect(array.first?[key] != nil, "\(key)")
        }
    }

    @Test func databaseLocationPrecedence() throws {
        var kb = try HuntKBRunner()
        let explicit = kb.dir.appendingPathComponent("explicit/db.sqlite").path
        // A command that only reads creates the catalog file, but not a missing folder (a typo in the path).
        #expect(try kb.run(["search", "--db", explicit, "--format", "json"]).status == 2)
        try FileManager.default.createDirectory(at: kb.dir.appendingPathComponent("explicit"), withIntermediateDirectories: true)
        #expect(try kb.run(["search", "--db", explicit, "--format", "json"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: explicit))
        #expect(!FileManager.default.fileExists(atPath: kb.databasePath))
        kb.environment["HUNTKB_DB"] = nil
        kb.environment["XDG_DATA_HOME"] = kb.dir.appendingPathComponent("xdg").path
        #expect(try kb.run(["search", "--format", "json"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: kb.dir.appendingPathComponent("xdg/huntkb/huntkb.sqlite").path))
        kb.environment["XDG_DATA_HOME"] = nil
        #expect(try kb.run(["search", "--format", "json"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: kb.dir.appendingPathComponent(".local/share/huntkb/huntkb.sqlite").path))
    }

    @Test func importExitCodesSummaryAndErrors() throws {
        let kb = try HuntKBRunner()
        try kb.write("rules/a.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "Alpha"))
        try kb.write("rules/deep/b.yaml", E2EFixtures.rule(id: E2EFixtures.id(2), title: "Beta", level: "high"))
        let ok = try kb.run(["import", "rules"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.hasPrefix("imported 2, updated 0, unchanged 0, rejected 0\nimport #"))
        #expect(ok.stderr.isEmpty)  // no progress line when stderr is not a terminal

        try kb.write("rules/c-broken.yml", "title: [unclosed\n")
        try kb.write("rules/d-dup.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "Alpha again"))
        try kb.write("rules/a.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "Alpha changed"))
        let partial = try kb.run(["import", "rules"])
        #expect(partial.status == 1)
        #expect(partial.stdout.hasPrefix("imported 0, updated 1, unchanged 1, rejected 2\nimport #"))
        let lines = partial.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(partial.stderr)")
        #expect(lines.contains { $0.hasPrefix("rules/c-broken.yml:") && $0.contains(": error: ") })
        #expect(lines.contains { $0.hasPrefix("rules/d-dup.yml:2:1: error: duplicate id") && $0.hasSuffix("already imported from rules/a.yml") })

        let show = try kb.run(["show", E2EFixtures.id(1), "--format", "json"])
        #expect(show.status == 0 && show.stdout.contains("Alpha changed"))
    }

    @Test func fatalErrorsExitTwoWithOneLine() throws {
        let kb = try HuntKBRunner()
        let bogus = try kb.write("notes.sqlite", "not a database\n")
        let notDB = try kb.run(["search", "--db", bogus])
        #expect(notDB.status == 2)
        #expect(notDB.stderr == "huntkb: error: \(bogus): not an SQLite database (refusing to touch it)\n")
        #expect(try String(contentsOfFile: bogus, encoding: .utf8) == "not a database\n")

        let unknown = try kb.run(["show", "ffffffff"])
        #expect(unknown.status == 2 && unknown.stderr == "huntkb: error: unknown rule 'ffffffff'\n")
    }

    @Test func badSearchArgumentsAreUsageErrorsWithOneLine() throws {
        let kb = try HuntKBRunner()
        let badFTS = try kb.run(["search", "foo AND"])
        #expect(badFTS.status == 64 && badFTS.stderr.hasPrefix("huntkb: error: malformed search text"))
        #expect(badFTS.stderr.split(separator: "\n").count == 1)
        let badDate = try kb.run(["search", "--modified-since", "yesterday"])
        #expect(badDate.status == 64 && badDate.stderr.contains("YYYY-MM-DD"))
        let badLevel = try kb.run(["search", "--level", "extreme"])
        #expect(badLevel.status == 64 && badLevel.stderr.contains("unknown level 'extreme'"), "\(badLevel.stderr)")
    }

    @Test func showFormats() throws {
        let kb = try HuntKBRunner()
        let yaml = try kb.run(["show", "6b14bac8", "--format", "yaml"])
        #expect(yaml.status == 0)
        #expect(yaml.stdout.hasPrefix("title: Scheduled Cron Task/Job - Linux\nid: 6b14bac8-3e3a-4324-8109-42f0546a347f\n"))
        #expect(yaml.stdout.hasSuffix("level: medium\n"))
        let text = try kb.run(["show", "6B14BAC8"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("T1053.003 Scheduled Task/Job: Cron"))
        #expect(text.stdout.contains("Legitimate administration activities"))
        let json = try kb.run(["show", E2EFixtures.cronID, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["rule"] as? [String: Any])?["title"] as? String == "Scheduled Cron Task/Job - Linux")
    }

    @Test func searchFormatsAndLimit() throws {
        let kb = try HuntKBRunner()
        try kb.write("r/a.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "Alpha", level: "critical", tags: ["attack.t1053.005", "attack.persistence"]))
        try kb.write("r/b.yml", E2EFixtures.rule(id: E2EFixtures.id(2), title: "Beta, with comma", level: "low", tags: ["attack.t1685", "attack.stealth"]))
        #expect(try kb.run(["import", "r"]).status == 0)
        let csv = try kb.run(["search", "--technique", "t1053", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("id,title,status,level"))
        #expect(rows[1].hasPrefix(E2EFixtures.id(1)))  // critical first
        #expect(rows[2].hasPrefix(E2EFixtures.cronID))
        let stealth = try kb.run(["search", "--tactic", "stealth", "--format", "csv"])
        #expect(stealth.stdout.contains("\"Beta, with comma\""))
        let limited = try kb.run(["search", "--limit", "1", "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(limited.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1 && array[0]["id"] as? String == E2EFixtures.id(1))
        let table = try kb.run(["search", "--format", "table", "--level", "low"])
        #expect(table.stdout.hasPrefix("ID") && table.stdout.contains("Beta, with comma"))
        let unknown = try kb.run(["show", E2EFixtures.id(2)])
        #expect(unknown.stdout.contains("attack.t1685  (unknown to ATT&CK 18.1)"))
    }

    @Test func attackShowAndImport() throws {
        let kb = try HuntKBRunner()
        let show = try kb.run(["attack", "show", "T1053.003"])
        #expect(show.status == 0)
        #expect(show.stdout.hasPrefix("T1053.003 Scheduled Task/Job: Cron\n"))
        let revoked = try kb.run(["attack", "show", "t1050"])
        #expect(revoked.stdout.contains("replaced by T1543.003"))
        let missing = try kb.run(["attack", "show", "T9999"])
        #expect(missing.status == 2)

        let bundle = """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "x-mitre-collection", "id": "x-mitre-collection--1", "x_mitre_version": "99.0"},
              {"type": "x-mitre-tactic", "id": "x-mitre-tactic--1", "name": "Stealth", "x_mitre_shortname": "stealth",
               "external_references": [{"source_name": "mitre-attack", "external_id": "TA0005"}]},
              {"type": "attack-pattern", "id": "attack-pattern--new", "name": "Brand New",
               "external_references": [{"source_name": "mitre-attack", "external_id": "T1685", "url": "https://attack.mitre.org/techniques/T1685"}],
               "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "stealth"}],
               "x_mitre_platforms": ["Linux"], "x_mitre_is_subtechnique": false},
              {"type": "attack-pattern", "id": "attack-pattern--old", "name": "Old", "revoked": true,
               "external_references": [{"source_name": "mitre-attack", "external_id": "T1001"}]},
              {"type": "relationship", "id": "relationship--1", "relationship_type": "revoked-by",
               "source_ref": "attack-pattern--old", "target_ref": "attack-pattern--new"}
            ]}
            """
        let path = try kb.write("bundle.json", bundle)
        let load = try kb.run(["attack", "import", path])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(load.stdout == "loaded ATT&CK 99.0: 1 tactics, 2 techniques (1 revoked)\n")
        let old = try kb.run(["attack", "show", "T1001"])
        #expect(old.stdout.contains("replaced by T1685 Brand New"))
        let notBundle = try kb.write("x.json", "[1, 2]")
        let bad = try kb.run(["attack", "import", notBundle])
        #expect(bad.status == 2 && bad.stderr.contains("not a usable ATT&CK STIX bundle"))
    }
}
