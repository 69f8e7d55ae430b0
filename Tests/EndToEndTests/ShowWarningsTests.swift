import Foundation
import Testing

/// `huntkb import` stores validator warnings and `huntkb show` lists them (issue 3 item 6).
@Suite(.serialized) struct ShowWarningsTests {
    static let id = "00000000-0000-4000-8000-000000000931"

    static func rule(description: String?, tags: [String], modified: String = "2020-02-01") -> String {
        var text = "title: Show warnings\nid: \(id)\nstatus: test\n"
        if let description { text += "description: \(description)\n" }
        text += "author: Tester\ndate: 2020-01-01\nmodified: \(modified)\n"
        text += "tags:\n" + tags.map { "    - \($0)\n" }.joined()
        text += "logsource:\n    product: linux\n    category: process_creation\n"
        text += "detection:\n    selection:\n        Image|endswith: '/crontab'\n    condition: selection\n"
        text += "falsepositives:\n    - Administrators\nlevel: medium\n"
        return text
    }

    @Test func importStoresWarningsAndShowListsThemInTextAndJSON() throws {
        let kb = try HuntKBRunner()
        try kb.write("rules/warned.yml", Self.rule(description: nil, tags: ["attack.persistence", "attack.t9999"]))
        let imported = try kb.run(["import", "rules"])
        #expect(imported.status == 0, "\(imported.stderr)")

        let text = try kb.run(["show", Self.id])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("""
            Warnings:
              1:1: warning: rule has no description [missing-description]
              9:7: warning: ATT&CK technique 't9999' is not in the loaded ATT&CK 18.1 catalog [attack-unknown-technique]

            """), "\(text.stdout)")

        let json = try kb.run(["show", Self.id, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.map { $0["code"] as? String } == ["missing-description", "attack-unknown-technique"])
        #expect(warnings.first?["message"] as? String == "rule has no description")
        #expect(warnings.last?["line"] as? Int == 9 && warnings.last?["column"] as? Int == 7)

        // An edit without a new modified date is itself warned about.
        try kb.write("rules/warned.yml", Self.rule(description: "Fixed.", tags: ["attack.persistence", "attack.t1053.003"]))
        #expect(try kb.run(["import", "rules"]).status == 0)
        let edited = try kb.run(["show", Self.id])
        #expect(edited.stdout.contains("""
            Warnings:
              7:1: warning: rule differs from the stored version but 'modified' was not updated [missing-modified]
            Detection:
            """), "\(edited.stdout)")

        // The fixed file clears them: no Warnings section, an empty array.
        try kb.write("rules/warned.yml", Self.rule(description: "Fixed.", tags: ["attack.persistence", "attack.t1053.003"], modified: "2020-03-01"))
        #expect(try kb.run(["import", "rules"]).status == 0)
        let clean = try kb.run(["show", Self.id])
        #expect(clean.status == 0 && !clean.stdout.contains("Warnings:"), "\(clean.stdout)")
        let cleanJSON = try kb.run(["show", Self.id, "--format", "json"])
        let cleanObject = try #require(try JSONSerialization.jsonObject(with: Data(cleanJSON.stdout.utf8)) as? [String: Any])
        #expect((cleanObject["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test func aRuleWithErrorsIsRejectedWithItsMessage() throws {
        let kb = try HuntKBRunner()
        try kb.write("rules/bad.yml", Self.rule(description: nil, tags: ["attack.t9999"]).replacingOccurrences(of: "level: medium", with: "level: urgent"))
        let imported = try kb.run(["import", "rules"])
        #expect(imported.status != 0)
        #expect(imported.stderr.contains("bad.yml:") && imported.stderr.contains(": error: "), "\(imported.stderr)")
        #expect(!imported.stderr.contains("[missing-description]"), "\(imported.stderr)")
        let show = try kb.run(["show", Self.id])
        #expect(show.status != 0)
    }
}
