import Foundation
import Testing

/// `huntkb coverage` on the built binary: formats, delta windows, local status, and bad input.
@Suite struct CoverageCommandTests {
    static func rule(_ n: Int, _ tags: [String], status: String = "test") -> String {
        E2EFixtures.rule(id: E2EFixtures.id(900 + n), title: "Coverage \(n)", tags: tags)
            .replacingOccurrences(of: "status: test", with: "status: \(status)")
    }

    /// A runner whose catalog holds source 'team' imported twice; returns it and the two run numbers.
    static func twoVersions() throws -> (HuntKBRunner, [Int64]) {
        let runner = try HuntKBRunner()
        try runner.write("team/a.yml", rule(1, ["attack.execution", "attack.t1059.001"]))
        try runner.write("team/b.yml", rule(2, ["attack.persistence", "attack.t1053.003"]))
        var runs: [Int64] = []
        func importTeam() throws {
            let result = try runner.run(["import", "--source", "team", runner.dir.appendingPathComponent("team").path])
            #expect(result.status == 0, "\(result.stderr)")
            let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("import #") } ?? ""
            runs.append(Int64(line.dropFirst("import #".count).prefix { $0.isNumber }) ?? 0)
        }
        try importTeam()
        try runner.write("team/b.yml", rule(2, ["attack.persistence", "attack.t1053.005"]))
        try runner.write("team/c.yml", rule(3, ["attack.stealth", "attack.t9998"]))
        try importTeam()
        return (runner, runs)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func scores(_ layer: [String: Any]) -> [String: Int] {
        var out: [String: Int] = [:]
        for entry in layer["techniques"] as? [[String: Any]] ?? [] {
            if let id = entry["techniqueID"] as? String, let score = entry["score"] as? Int { out[id] = score }
        }
        return out
    }

    @Test func navigatorLayerCountsTheCatalog() throws {
        let (runner, _) = try Self.twoVersions()
        let result = try runner.run(["coverage", "--format", "navigator", "--guide-url", "https://wiki.example.org/hunt"])
        #expect(result.status == 0, "\(result.stderr)")
        let layer = try Self.json(result.stdout)
        #expect((layer["versions"] as? [String: String])?["layer"] == "4.5")
        #expect((layer["versions"] as? [String: String])?["attack"] == "18.1")
        // The seed rule also carries T1053.003.
        #expect(Self.scores(layer) == ["T1059.001": 1, "T1053.003": 1, "T1053.005": 1, "T9998": 1])
        let unknown = (layer["techniques"] as? [[String: Any]])?.first { $0["techniqueID"] as? String == "T9998" }
        #expect(unknown?["tactic"] as? String == "stealth")
        let links = unknown?["links"] as? [[String: String]]
        #expect(links?.first?["url"] == "https://wiki.example.org/hunt/T9998.md")
    }

    @Test func tableCsvMarkdownAndSvg() throws {
        let (runner, _) = try Self.twoVersions()
        let table = try runner.run(["coverage"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("T1059.001  1      1      execution"))
        #expect(table.stdout.contains("stealth (not in the loaded ATT&CK)"))
        let csv = try runner.run(["coverage", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("technique,name,tactics,rules,total,known\r\n"))
        #expect(csv.stdout.contains("T9998,,stealth,1,1,false\r\n"))
        let markdown = try runner.run(["coverage", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# ATT&CK coverage\n"))
        let svg = try runner.run(["coverage", "--format", "svg"])
        #expect(svg.status == 0)
        #expect(svg.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.stdout.contains("data-technique=\"T1059\" data-tactic=\"execution\" data-total=\"1\""))
        let gaps = try runner.run(["coverage", "--gaps", "--platform", "linux", "--format", "json"])
        let report = try Self.json(gaps.stdout)
        let ids = (report["gaps"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.count > 100)
        #expect(!ids.contains("T1053") && !ids.contains("T1053.003"), "the seed's cron rule covers Linux")
        // PowerShell (T1059.001) is not a Linux technique, so its rule does not cover T1059 there.
        #expect(ids.contains("T1059") && ids.contains("T1059.004"))
        #expect(!ids.contains("T1053.005"), "Windows-only techniques are not Linux gaps")
    }

    @Test func deltaLayerBetweenTwoImports() throws {
        let (runner, runs) = try Self.twoVersions()
        let result = try runner.run(["coverage", "--from-import", "\(runs[1])", "--to-import", "\(runs[1])", "--format", "navigator"])
        #expect(result.status == 0, "\(result.stderr)")
        let layer = try Self.json(result.stdout)
        #expect(Self.scores(layer) == ["T1053.003": -1, "T1053.005": 1, "T9998": 1], "T1059.001 unchanged, absent")
        let markdown = try runner.run(["coverage", "--from-import", "\(runs[1])", "--format", "markdown"])
        #expect(markdown.stdout.contains("## Coverage changes\n"))
        #expect(markdown.stdout.contains("| `T1053.003` | Scheduled Task/Job: Cron | -1 |"))
        let since = try runner.run(["coverage", "--since", "2000-01-01", "--source", "team"])
        #expect(since.status == 0, "\(since.stderr)")
        #expect(since.stdout.contains("T1059.001  +1"))
    }

    @Test func deployedAndTheComparison() throws {
        let (runner, _) = try Self.twoVersions()
        #expect(try runner.run(["status", "set", E2EFixtures.id(901), "deployed"]).status == 0)
        let deployed = try runner.run(["coverage", "--local-status", "deployed", "--format", "navigator"])
        #expect(Self.scores(try Self.json(deployed.stdout)) == ["T1059.001": 1])
        let lacking = try runner.run(["coverage", "--compare-local-status", "deployed", "--format", "navigator"])
        #expect(lacking.status == 0, "\(lacking.stderr)")
        let layer = try Self.json(lacking.stdout)
        #expect(Self.scores(layer) == ["T1053.003": 1, "T1053.005": 1, "T9998": 1])
        #expect((layer["name"] as? String)?.contains("not deployed") == true)
    }

    @Test func badInputIsOneLineAndExit64() throws {
        let (runner, runs) = try Self.twoVersions()
        for arguments in [["coverage", "--from-import", "99"],
                          ["coverage", "--from-import", "\(runs[1])", "--to-import", "\(runs[0])"],
                          ["coverage", "--gaps", "--platform", "amiga"],
                          ["coverage", "--since", "yesterday"]] {
            let result = try runner.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
            #expect(lines.count == 1 || lines.first?.hasPrefix("Error:") == true, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let platform = try runner.run(["coverage", "--gaps", "--platform", "amiga"])
        #expect(platform.stderr.hasPrefix("huntkb: error: unknown platform 'amiga' (expected one of: "))
        #expect(platform.stderr.contains("linux") && platform.stderr.contains("windows") && platform.stderr.contains("macos"))
        let unknownRun = try runner.run(["coverage", "--from-import", "99"])
        #expect(unknownRun.stderr == "huntkb: error: no import run #99 (see huntkb changes --list-imports)\n")
    }

    @Test func noRulesGiveAValidEmptyLayer() throws {
        let runner = try HuntKBRunner()
        let result = try runner.run(["coverage", "--source", "nobody", "--format", "navigator"])
        #expect(result.status == 0, "\(result.stderr)")
        let layer = try Self.json(result.stdout)
        #expect((layer["techniques"] as? [Any])?.isEmpty == true)
        #expect(layer["name"] is String && layer["domain"] as? String == "enterprise-attack")
        let gradient = layer["gradient"] as? [String: Any]
        #expect((gradient?["maxValue"] as? Int ?? 0) > (gradient?["minValue"] as? Int ?? 0))
    }
}
