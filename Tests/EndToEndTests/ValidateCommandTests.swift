import Foundation
import Testing

/// `huntkb validate` on the built binary: output lines, JSON shape and exit codes.
@Suite struct ValidateCommandTests {
    static let valid = """
        title: Valid rule
        id: 11111111-2222-4333-8444-555555555555
        status: test
        description: A rule with every convention met.
        author: HuntKB tests
        date: 2024-01-02
        tags:
            - attack.execution
            - attack.t1059
        logsource:
            product: linux
            category: process_creation
        detection:
            selection:
                Image|endswith: '/bash'
            condition: selection
        falsepositives:
            - Administrators
        level: low
        """

    @Test func validRuleExitsZeroWithoutOutput() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("ok.yml", Self.valid)
        let result = try kb.run(["validate", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("error:"))
        #expect(!result.stdout.contains("warning:"))
        #expect(!FileManager.default.fileExists(atPath: kb.databasePath), "validate must not touch the catalog")
    }

    @Test func foldersSkipHiddenFilesAndAcceptAnyExtensionCaseLikeImport() throws {
        let kb = try HuntKBRunner()
        try kb.write("clone/.github/workflows/ci.yml", "name: ci\non: push\njobs: {}\n")
        let upper = try kb.write("clone/rules/UPPER.YML", Self.valid)
        let folder = kb.dir.appendingPathComponent("clone").path
        let validated = try kb.run(["validate", "--format", "json", folder])
        #expect(validated.status == 0, "\(validated.stdout)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(validated.stdout.utf8)) as? [String: Any])
        let paths = (document["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths == [upper])
        let converted = try kb.run(["convert", "--target", "splunk", folder])
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout == "Image=\"*/bash\"\n")
    }

    @Test func errorsArePositionedAndExitOne() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("bad.yml", Self.valid.replacingOccurrences(of: "Image|endswith", with: "Image|endwith"))
        let result = try kb.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(path):15:9: error: unknown modifier 'endwith' in 'Image|endwith'"), "\(result.stdout)")
    }

    @Test func warningsCarryTheirCodeAndCanBeDisabled() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("warn.yml", Self.valid.replacingOccurrences(of: "description: A rule with every convention met.\n", with: ""))
        let warned = try kb.run(["validate", path])
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("warning: rule has no description [missing-description]"), "\(warned.stdout)")
        let quiet = try kb.run(["validate", "--disable", "missing-description", path])
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("missing-description"))
    }

    @Test func unknownWarningCodeIsAUsageError() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("ok.yml", Self.valid)
        let result = try kb.run(["validate", "--disable", "no-such-code", path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown warning code 'no-such-code'"))
    }

    @Test func jsonReportsFilesAndCounts() throws {
        let kb = try HuntKBRunner()
        let good = try kb.write("rules/good.yml", Self.valid)
        _ = try kb.write("rules/nested/broken.yml", "title: [unclosed\n")
        let result = try kb.run(["validate", "--format", "json", kb.dir.appendingPathComponent("rules").path])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 2)
        #expect((object["errors"] as? Int ?? 0) >= 1)
        let goodEntry = try #require(files.first { $0["path"] as? String == good })
        #expect(goodEntry["valid"] as? Bool == true)
        let broken = try #require(files.first { ($0["path"] as? String ?? "").hasSuffix("broken.yml") })
        #expect(broken["valid"] as? Bool == false)
        let diagnostic = try #require((broken["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["severity"] as? String == "error")
        #expect(diagnostic["line"] is Int)
    }

    @Test func missingFileIsAnErrorNamingIt() throws {
        let kb = try HuntKBRunner()
        let missing = kb.dir.appendingPathComponent("nope.yml").path
        let result = try kb.run(["validate", missing])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(missing): error:") || result.stderr.contains("\(missing): error:"))
    }
}
