import Foundation
import Testing

/// Every kind of bad input gets one clear line naming the file; the process never crashes; the catalog keeps its rules.
@Suite(.serialized) struct ImportBadInputTests {
    @Test func badFilesAreRejectedOneLineEachAndTheCatalogIsKept() throws {
        let kb = try HuntKBRunner()
        try kb.write("ok/good.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "Good"))
        #expect(try kb.run(["import", "ok"]).status == 0)

        let good = E2EFixtures.rule(id: E2EFixtures.id(2), title: "Template")
        var bomb = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        for i in 1..<10 {
            let prev = Character(UnicodeScalar(96 + i)!), name = Character(UnicodeScalar(97 + i)!)
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
        }
        let files: [String: String] = [
            "bad/01-malformed.yml": "title: [unclosed\n",
            "bad/02-empty.yml": "",
            "bad/03-list.yml": "- a\n- b\n",
            "bad/04-scalar.yml": "just a string\n",
            "bad/05-missing-detection.yml": "title: No detection\nid: \(E2EFixtures.id(5))\nlogsource:\n    product: linux\n",
            "bad/06-bad-id.yml": good.replacingOccurrences(of: E2EFixtures.id(2), with: "not-a-uuid"),
            "bad/07-bad-date.yml": good.replacingOccurrences(of: "date: 2024-01-01", with: "date: 2024-02-30"),
            "bad/08-bad-status.yml": good.replacingOccurrences(of: "status: test", with: "status: finished"),
            "bad/09-bad-level.yml": good.replacingOccurrences(of: "level: medium", with: "level: severe"),
            "bad/10-title-type.yml": good.replacingOccurrences(of: "title: Template", with: "title: [1, 2]"),
            "bad/11-bomb.yml": bomb,
            "bad/12-big.yml": "title: big\ndescription: " + String(repeating: "a", count: 10 * 1024 * 1024) + "\n",
        ]
        for (name, text) in files { try kb.write(name, text) }
        try Data([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xe9, 0x0a]).write(to: kb.dir.appendingPathComponent("bad/13-latin1.yml"))

        let start = Date()
        let result = try kb.run(["import", "bad", "ok"])
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(result.status == 1)
        // Found in a folder, the empty file, the list and the scalar are not Sigma documents: skipped, not rejected.
        #expect(result.stdout.hasPrefix("imported 0, updated 0, unchanged 1, rejected 10, skipped 3\n"))
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 10, "\(result.stderr)")
        for line in lines {
            #expect(line.range(of: #"^bad/\d\d-[a-z0-9-]+\.yml:\d+:\d+: error: \S"#, options: .regularExpression) != nil, "\(line)")
        }
        // Named on the command line they keep their errors.
        let named = try kb.run(["import", "bad/02-empty.yml", "bad/03-list.yml", "bad/04-scalar.yml"])
        #expect(named.status == 1)
        #expect(named.stdout.hasPrefix("imported 0, updated 0, unchanged 0, rejected 3\n"))
        #expect(named.stderr.split(separator: "\n").count == 3, "\(named.stderr)")
        #expect(named.stderr.contains("bad/03-list.yml:1:1: error: a Sigma document must be a map"))
        let listed = try kb.run(["import", "bad", "--list-skipped"])
        #expect(listed.stderr.contains("bad/02-empty.yml: skipped (not a Sigma document)"), "\(listed.stderr)")

        // A path that does not exist: exit 2, one line, nothing imported.
        let missing = try kb.run(["import", "ok", "nope/missing"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "huntkb: error: nope/missing: no such file or directory\n")
        #expect(missing.stdout.isEmpty)

        let kept = try kb.run(["search", "--format", "json"])
        #expect(kept.stdout.contains(E2EFixtures.id(1)) && kept.stdout.contains(E2EFixtures.cronID))
    }
}
