import Foundation
import Testing

/// `huntkb import --source`, `changes`, `history`, `stale` and `status` on a git repository of rule files
/// committed in three versions (add; promote, edit, deprecate, move under deprecated/, remove; restore).
/// Time is pinned with HUNTKB_NOW, so every JSON document is compared whole.
@Suite struct LifecycleCommandTests {
    static let a = E2EFixtures.id(101), b = E2EFixtures.id(102), c = E2EFixtures.id(103), d = E2EFixtures.id(104)
    static let e = E2EFixtures.id(105), f = E2EFixtures.id(106)

    static func rule(_ id: String, _ title: String, status: String, level: String = "medium", tags: [String] = [],
                     date: String, modified: String? = nil, image: String = "/crontab", extra: String = "") -> String {
        var yaml = "title: \(title)\nid: \(id)\nstatus: \(status)\ndescription: Lifecycle fixture.\nauthor: Tester\ndate: \(date)\n"
        if let modified { yaml += "modified: \(modified)\n" }
        if !tags.isEmpty { yaml += "tags:\n" + tags.map { "    - \($0)\n" }.joined() }
        yaml += "logsource:\n    product: linux\n    category: process_creation\n"
        yaml += "detection:\n    selection:\n        Image|endswith: '\(image)'\n    condition: selection\n"
        return yaml + "level: \(level)\n" + extra
    }

    struct GitFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// A git repository under the runner's folder, committed with fixed identities and dates.
    struct Repo {
        let root: URL

        func git(_ arguments: [String], date: String = "2021-01-01T00:00:00Z") throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root.path] + arguments
            process.environment = ["PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1",
                                   "GIT_AUTHOR_NAME": "Tester", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": date,
                                   "GIT_COMMITTER_NAME": "Tester", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_COMMITTER_DATE": date]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw GitFailure(description: "git \(arguments.joined(separator: " ")) failed") }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func write(_ files: [String: String]) throws {
            for (name, text) in files {
                let url = root.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }

        func commit(_ message: String, date: String, tag: String? = nil) throws -> String {
            _ = try git(["add", "-A"], date: date)
            _ = try git(["commit", "-q", "-m", message], date: date)
            if let tag { _ = try git(["tag", tag], date: date) }
            return try git(["rev-parse", "HEAD"])
        }
    }

    /// Both documents parsed and written back with sorted keys: equal text means equal JSON.
    static func canonical(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]) else {
            return "not JSON: " + text
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func threeVersionsOfARepositoryGiveExactReports() throws {
        var runner = try HuntKBRunner()
        _ = try #require(HuntKBRunner.binary)
        let repo = Repo(root: runner.dir.appendingPathComponent("repo"))
        try FileManager.default.createDirectory(at: repo.root, withIntermediateDirectories: true)
        _ = try repo.git(["init", "-q"])
        let root = repo.root.standardizedFileURL.path
        func importAt(_ now: String) throws -> HuntKBRunner.Result {
            runner.environment["HUNTKB_NOW"] = now
            return try runner.run(["import", root, "--source", "sigma", "--targets", "none"])
        }

        // v1: five rules.
        try repo.write([
            "rules/linux/a.yml": Self.rule(Self.a, "Alpha", status: "experimental", tags: ["attack.persistence", "attack.t1053.003"], date: "2020-01-01"),
            "rules/linux/b.yml": Self.rule(Self.b, "Bravo", status: "experimental", level: "high", tags: ["attack.execution"], date: "2020-02-01"),
            "rules/linux/c.yml": Self.rule(Self.c, "Charlie", status: "test", date: "2020-03-01"),
            "rules/linux/d.yml": Self.rule(Self.d, "Delta", status: "test", level: "low", date: "2020-04-01"),
            "rules/linux/e.yml": Self.rule(Self.e, "Echo", status: "stable", date: "2020-05-01"),
        ])
        let c1 = try repo.commit("v1", date: "2021-01-01T00:00:00Z", tag: "r2021-01-01")
        var result = try importAt("2021-01-02T00:00:00Z")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 5, updated 0, unchanged 0, rejected 0\nimport #2 of source 'sigma' at \(c1.prefix(12)) (r2021-01-01): 5 change events; removed 0, restored 0\n")

        // v2: promote A, edit B, deprecate C (replaced by the new F), remove D, move E under deprecated/.
        try repo.write([
            "rules/linux/a.yml": Self.rule(Self.a, "Alpha", status: "test", tags: ["attack.persistence", "attack.t1053.003"], date: "2020-01-01", modified: "2021-06-01"),
            "rules/linux/b.yml": Self.rule(Self.b, "Bravo", status: "experimental", level: "critical", tags: ["attack.execution", "attack.t1059"],
                                           date: "2020-02-01", modified: "2021-06-01", image: "/bash"),
            "rules/linux/c.yml": Self.rule(Self.c, "Charlie", status: "deprecated", date: "2020-03-01", modified: "2021-06-01"),
            "rules/linux/f.yml": Self.rule(Self.f, "Foxtrot", status: "experimental", date: "2021-06-01",
                                           extra: "related:\n    - id: \(Self.c)\n      type: obsolete\n"),
        ])
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("rules/linux/d.yml"))
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("deprecated/linux"), withIntermediateDirectories: true)
        _ = try repo.git(["mv", "rules/linux/e.yml", "deprecated/linux/e.yml"])
        let c2 = try repo.commit("v2", date: "2021-06-02T00:00:00Z")
        result = try importAt("2021-06-03T00:00:00Z")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("import #3 of source 'sigma' at \(c2.prefix(12)): 10 change events; removed 1, restored 0\n"))

        result = try runner.run(["changes", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let entry = { (id: String, title: String, old: String?, new: String?, fields: [String], detail: String?) -> String in
            let q = { (s: String?) in s.map { "\"\($0)\"" } ?? "null" }
            return "{\"id\": \"\(id)\", \"title\": \"\(title)\", \"old\": \(q(old)), \"new\": \(q(new)), \"fields\": [\(fields.map { "\"\($0)\"" }.joined(separator: ", "))], \"detail\": \(q(detail)), \"import\": 3}"
        }
        let expectedChanges = """
            {"source": null, "since": null, "from_import": 3, "to_import": 3, "total": 10,
             "runs": [{"id": 3, "source": "sigma", "paths": ["\(root)"], "scope": "full", "commit": "\(c2)",
                       "commit_date": "2021-06-02T00:00:00+00:00", "tag": null, "started_at": "2021-06-03T00:00:00Z",
                       "finished_at": "2021-06-03T00:00:00Z", "files": 5, "added": 1, "updated": 3, "unchanged": 1,
                       "removed": 1, "restored": 0, "rejected": 0, "events": 10}],
             "groups": [
              {"kind": "added", "count": 1, "transitions": [], "rules": [\(entry(Self.f, "Foxtrot", nil, "experimental", [], nil))]},
              {"kind": "modified", "count": 3, "transitions": [], "rules": [
                \(entry(Self.a, "Alpha", nil, "2021-06-01", ["status", "modified"], nil)),
                \(entry(Self.b, "Bravo", nil, "2021-06-01", ["modified", "detection", "level", "tags"], nil)),
                \(entry(Self.c, "Charlie", nil, "2021-06-01", ["status", "modified"], nil))]},
              {"kind": "status", "count": 1,
               "transitions": [{"from": "experimental", "to": "test", "count": 1, "rules": ["\(Self.a)"]}],
               "rules": [\(entry(Self.a, "Alpha", "experimental", "test", [], nil))]},
              {"kind": "deprecated", "count": 2, "transitions": [], "rules": [
                \(entry(Self.c, "Charlie", "test", "deprecated", [], "status")),
                \(entry(Self.e, "Echo", "stable", "stable", [], "deprecated/linux/e.yml"))]},
              {"kind": "level", "count": 1,
               "transitions": [{"from": "high", "to": "critical", "count": 1, "rules": ["\(Self.b)"]}],
               "rules": [\(entry(Self.b, "Bravo", "high", "critical", [], nil))]},
              {"kind": "tags", "count": 1, "transitions": [], "rules": [\(entry(Self.b, "Bravo", "attack.execution", "attack.execution, attack.t1059", [], nil))]},
              {"kind": "removed", "count": 1, "transitions": [], "rules": [\(entry(Self.d, "Delta", "test", nil, [], "rules/linux/d.yml"))]}
             ]}
            """
        #expect(Self.canonical(result.stdout) == Self.canonical(expectedChanges))

        // The release note names the transitions and the replacement is one `show` away.
        result = try runner.run(["changes", "--format", "markdown"])
        #expect(result.stdout.hasPrefix("# Detection rule changes: sigma \(c2.prefix(12))\n"))
        #expect(result.stdout.contains("### experimental → test: 1 rule\n"))
        #expect(result.stdout.contains("| `\(Self.e)` | Echo | moved to deprecated/linux/e.yml |\n"))
        #expect(result.stdout.contains("**10 changes:** 1 added, 3 modified, 1 status change, 2 deprecated, 1 level change, 1 ATT&CK tag change, 1 removed.\n"))
        // ...and what the import did to ATT&CK coverage: Bravo gained its T1059 tag.
        let coverage = try #require(result.stdout.range(of: "\n## Coverage changes\n"))
        #expect(result.stdout[coverage.upperBound...].contains("T1059"), "\(result.stdout[coverage.lowerBound...])")

        // v3: restore D, raise A's level; then a team decision, then the same commit again.
        try repo.write([
            "rules/linux/d.yml": Self.rule(Self.d, "Delta", status: "test", level: "low", date: "2020-04-01"),
            "rules/linux/a.yml": Self.rule(Self.a, "Alpha", status: "test", level: "high", tags: ["attack.persistence", "attack.t1053.003"],
                                           date: "2020-01-01", modified: "2022-01-01"),
        ])
        let c3 = try repo.commit("v3", date: "2022-01-02T00:00:00Z", tag: "r2022-01-02")
        result = try importAt("2022-01-03T00:00:00Z")
        #expect(result.stdout.hasSuffix("import #4 of source 'sigma' at \(c3.prefix(12)) (r2022-01-02): 3 change events; removed 0, restored 1\n"))
        runner.environment["HUNTKB_NOW"] = "2022-02-01T00:00:00Z"
        result = try runner.run(["status", "set", Self.a, "deployed", "--note", "Sentinel analytic 42"])
        #expect(result.status == 0 && result.stdout == "\(Self.a): local status deployed; source status test\n", "\(result.stderr)")
        result = try importAt("2022-03-01T00:00:00Z")
        #expect(result.stdout == "imported 0, updated 0, unchanged 6, rejected 0\nimport #5 of source 'sigma' at \(c3.prefix(12)) (r2022-01-02): 0 change events; removed 0, restored 0\n")
        result = try runner.run(["changes", "--format", "json"])
        #expect(Self.canonical(result.stdout).contains("\"total\" : 0"))
        #expect(Self.canonical(result.stdout).contains("\"groups\" : [\n\n  ]"))

        // Imports 2 to 4, restricted to some kinds: D's removal and restoration both show.
        result = try runner.run(["changes", "--from-import", "2", "--to-import", "4", "--kind", "status,removed", "--kind", "restored", "--format", "json"])
        let window = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((window["groups"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } == ["status", "removed", "restored"])
        #expect((window["runs"] as? [[String: Any]])?.count == 3)

        // History of A: every import that changed it, with commit and tag, then the local decision.
        result = try runner.run(["history", Self.a, "--format", "json"])
        let event = { (at: String, kind: String, old: String?, new: String?, fields: [String], run: Int?, commit: String?, tag: String?, commitDate: String?) -> String in
            let q = { (s: String?) in s.map { "\"\($0)\"" } ?? "null" }
            return "{\"at\": \"\(at)\", \"kind\": \"\(kind)\", \"old\": \(q(old)), \"new\": \(q(new)), \"fields\": [\(fields.map { "\"\($0)\"" }.joined(separator: ", "))], \"detail\": null, " +
                "\"note\": \(kind == "local" ? "\"Sentinel analytic 42\"" : "null"), \"import\": \(run.map(String.init) ?? "null"), \"source\": \(run == nil ? "null" : "\"sigma\""), " +
                "\"commit\": \(q(commit)), \"commit_date\": \(q(commitDate)), \"tag\": \(q(tag))}"
        }
        let expectedHistory = """
            {"id": "\(Self.a)", "title": "Alpha", "status": "test", "source": "sigma", "path": "\(root)/rules/linux/a.yml",
             "removed": false, "local_status": "deployed", "local_note": "Sentinel analytic 42", "events": [
              \(event("2021-01-02T00:00:00Z", "added", nil, "experimental", [], 2, c1, "r2021-01-01", "2021-01-01T00:00:00+00:00")),
              \(event("2021-06-03T00:00:00Z", "modified", nil, "2021-06-01", ["status", "modified"], 3, c2, nil, "2021-06-02T00:00:00+00:00")),
              \(event("2021-06-03T00:00:00Z", "status", "experimental", "test", [], 3, c2, nil, "2021-06-02T00:00:00+00:00")),
              \(event("2022-01-03T00:00:00Z", "modified", "2021-06-01", "2022-01-01", ["modified", "level"], 4, c3, "r2022-01-02", "2022-01-02T00:00:00+00:00")),
              \(event("2022-01-03T00:00:00Z", "level", "medium", "high", [], 4, c3, "r2022-01-02", "2022-01-02T00:00:00+00:00")),
              \(event("2022-02-01T00:00:00Z", "local", nil, "deployed", [], nil, nil, nil, nil))
             ]}
            """
        #expect(Self.canonical(result.stdout) == Self.canonical(expectedHistory))
        result = try runner.run(["history", Self.d])
        #expect(result.stdout.contains("removed   gone from sigma (was test), last at rules/linux/d.yml"), "\(result.stdout)")

        // Stale on a pinned day, limited to the source (the seed has its own old rules).
        result = try runner.run(["stale", "--source", "sigma", "--today", "2022-06-01", "--format", "json"])
        let stale = { (id: String, title: String, status: String, level: String, date: String, modified: String?, age: Int, path: String) -> String in
            "{\"id\": \"\(id)\", \"title\": \"\(title)\", \"status\": \"\(status)\", \"level\": \"\(level)\", \"date\": \"\(date)\", " +
            "\"modified\": \(modified.map { "\"\($0)\"" } ?? "null"), \"last_change\": \"\(modified ?? date)\", \"age_days\": \(age), " +
            "\"source\": \"sigma\", \"local_status\": null, \"path\": \"\(root)/\(path)\"}"
        }
        let expectedStale = """
            {"today": "2022-06-01", "cutoff": "2021-08-05", "statuses": ["experimental", "test"], "rules": [
              \(stale(Self.d, "Delta", "test", "low", "2020-04-01", nil, 791, "rules/linux/d.yml")),
              \(stale(Self.b, "Bravo", "experimental", "critical", "2020-02-01", "2021-06-01", 365, "rules/linux/b.yml")),
              \(stale(Self.f, "Foxtrot", "experimental", "medium", "2021-06-01", nil, 365, "rules/linux/f.yml"))
            ]}
            """
        #expect(Self.canonical(result.stdout) == Self.canonical(expectedStale))
        // HUNTKB_NOW is the default day; --not-modified-since replaces the age.
        runner.environment["HUNTKB_NOW"] = "2022-06-01"
        result = try runner.run(["stale", "--source", "sigma", "--status", "any", "--not-modified-since", "2020-06-01", "--format", "json"])
        let since = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((since["rules"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Delta", "Echo"])
        #expect(since["today"] as? String == "2022-06-01")

        result = try runner.run(["changes", "--list-imports", "--source", "sigma"])
        #expect(result.stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                == ["#5 sigma", "#4 sigma", "#3 sigma", "#2 sigma"], "\(result.stdout)")
        #expect(result.stdout.contains("#4      sigma   full   \(c3.prefix(12))  r2022-01-02  2022-01-03"), "\(result.stdout)")

        result = try runner.run(["status", "list", "--format", "json"])
        #expect(result.stdout.contains("\"local_status\" : \"deployed\""))
    }

    @Test func searchShowAndGuidesFollowTheLifecycle() throws {
        var runner = try HuntKBRunner()
        _ = try #require(HuntKBRunner.binary)
        runner.environment["HUNTKB_NOW"] = "2024-01-01T00:00:00Z"
        try runner.write("team/c.yml", Self.rule(Self.c, "Charlie", status: "deprecated", date: "2020-03-01"))
        try runner.write("team/d.yml", Self.rule(Self.d, "Delta", status: "test", date: "2020-04-01"))
        try runner.write("team/f.yml", Self.rule(Self.f, "Foxtrot", status: "test", date: "2021-06-01",
                                                 extra: "related:\n    - id: \(Self.c)\n      type: obsolete\n"))
        let folder = runner.dir.appendingPathComponent("team").path
        #expect(try runner.run(["import", folder, "--targets", "none"]).status == 0)
        try FileManager.default.removeItem(atPath: folder + "/d.yml")
        let second = try runner.run(["import", folder, "--targets", "none"])
        #expect(second.stdout.hasSuffix("1 change event; removed 1, restored 0\n"), "\(second.stdout)")

        func ids(_ arguments: [String]) throws -> [String] {
            let out = try runner.run(["search", "--format", "json", "--source", "team"] + arguments).stdout
            let rows = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
            return rows.compactMap { $0["id"] as? String }.sorted()
        }
        #expect(try ids([]) == [Self.c, Self.f])
        #expect(try ids(["--include-removed"]) == [Self.c, Self.d, Self.f])
        #expect(try runner.run(["status", "set", Self.f, "tuning", "--note", "noisy on build servers"]).status == 0)
        #expect(try ids(["--local-status", "tuning"]) == [Self.f])
        #expect(try ids(["--local-status", "none"]) == [Self.c])

        var show = try runner.run(["show", Self.c]).stdout
        #expect(show.contains("  - replaced by \(Self.f) (Foxtrot)\n"), "\(show)")
        show = try runner.run(["show", Self.f]).stdout
        #expect(show.contains("  - replaces \(Self.c) (Charlie)\n"), "\(show)")
        #expect(show.contains("Status:       test\nLocal status: tuning (noisy on build servers)\n"), "\(show)")
        show = try runner.run(["show", Self.d]).stdout
        #expect(show.contains("Removed:      no longer in source 'team'"), "\(show)")
        let json = try runner.run(["show", Self.c, "--format", "json"]).stdout
        #expect(json.contains("\"phrase\" : \"replaced by\""))

        if try runner.run(["guide", "--help"]).stdout.contains("--include-removed") {
            #expect(try !runner.run(["guide", "--all", "--no-timestamp"]).stdout.contains("Delta"))
            #expect(try runner.run(["guide", "--all", "--include-removed", "--no-timestamp"]).stdout.contains("Delta"))
        }
    }

    @Test func badOptionsAreUsageErrors() throws {
        let runner = try HuntKBRunner()
        guard HuntKBRunner.binary != nil else { return }
        for arguments in [["changes", "--since", "yesterday"], ["changes", "--since", "2024-01-01", "--from-import", "2"],
                          ["changes", "--kind", "bogus"], ["stale", "--older-than", "soon"], ["status", "set", "x", "not ok"],
                          ["changes", "--from-import", "0"]] {
            let result = try runner.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        }
        // A fresh catalog has the seed's import run only; an unknown run or source is a one-line error.
        var result = try runner.run(["changes", "--from-import", "99"])
        #expect(result.status == 2 && result.stderr.hasPrefix("huntkb: error: no import run #99"), "\(result.stderr)")
        result = try runner.run(["changes", "--source", "nope"])
        #expect(result.status == 2 && result.stderr == "huntkb: error: no import run of source 'nope'\n", "\(result.stderr)")
        result = try runner.run(["history", "ffffffff"])
        #expect(result.status == 2 && result.stderr.contains("unknown rule"), "\(result.stderr)")
        result = try runner.run(["status", "set", "ffffffff", "deployed"])
        #expect(result.status == 2, "\(result.stderr)")
        result = try runner.run(["changes"])
        #expect(result.status == 0 && result.stdout.hasPrefix("Import #1 of source 'huntkb-seed'"), "\(result.stdout)")
    }
}
