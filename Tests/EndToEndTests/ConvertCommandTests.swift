import Foundation
import Testing

/// `huntkb convert` on the built binary: files, folders, jsonl contract, catalog rules, tuned queries, failures.
@Suite struct ConvertCommandTests {
    static let cronQuery = """
        imProcessCreate
        | where TargetProcessName endswith "crontab" and TargetProcessCommandLine contains "/tmp/"
        """

    static func rule(_ detection: String, category: String = "process_creation", product: String = "linux") -> String {
        """
        title: Convert test
        id: 22222222-3333-4444-8555-666666666666
        status: test
        logsource:
            category: \(category)
            product: \(product)
        detection:
        \(detection)
        level: low
        """
    }

    @Test func textPrintsTheQueryAndNeedsNoCatalog() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("r.yml", Self.rule("    sel:\n        Image|endswith: '/curl'\n    condition: sel"))
        let result = try kb.run(["convert", "--target", "splunk", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Image=\"*/curl\"\n")
        #expect(!FileManager.default.fileExists(atPath: kb.databasePath), "file conversion must not create a catalog")
    }

    @Test func jsonlKeepsInputOrderAndReportsFailures() throws {
        let kb = try HuntKBRunner()
        let good = try kb.write("a.yml", Self.rule("    sel:\n        Image|endswith: '/curl'\n    condition: sel"))
        let unmapped = try kb.write("b.yml", Self.rule("    sel:\n        Image: x\n    condition: sel", category: "no_such_category"))
        let result = try kb.run(["convert", "--target", "kusto", "--pipeline", "sentinel_asim", "--format", "jsonl", good, unmapped])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: String])
        #expect(first["path"] == good)
        #expect(first["query"] == "imProcessCreate\n| where TargetProcessName endswith \"/curl\"")
        #expect(second["path"] == unmapped)
        #expect(second["query"] == nil)
        #expect((second["error"] ?? "").isEmpty == false)
    }

    @Test func invalidRuleIsAPositionedErrorOnStderr() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("bad.yml", Self.rule("    sel:\n        Image|nosuch: x\n    condition: sel"))
        let result = try kb.run(["convert", "--target", "lucene", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(path):9:9: error:"), "\(result.stderr)")
    }

    @Test func unknownPipelineIsAUsageError() throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("r.yml", Self.rule("    sel:\n        Image: x\n    condition: sel"))
        let result = try kb.run(["convert", "--target", "kusto", "--pipeline", "sentinel", path])
        #expect(result.status == 64)
        #expect(!result.stderr.isEmpty)
    }

    @Test func catalogRuleByPrefixMatchesTheSeedQuery() throws {
        let kb = try HuntKBRunner()
        let result = try kb.run(["convert", "--rule", "6b14bac8", "--target", "kusto", "--pipeline", "sentinel_asim"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.cronQuery + "\n")
    }

    @Test func withExclusionsAppliesTheSeedScenarioFilters() throws {
        let kb = try HuntKBRunner()
        let plain = try kb.run(["convert", "--rule", "6b14bac8", "--target", "splunk"])
        let tuned = try kb.run(["convert", "--rule", "6b14bac8", "--target", "splunk", "--with-exclusions"])
        #expect(plain.status == 0 && tuned.status == 0)
        let base = plain.stdout.trimmingCharacters(in: .newlines)
        #expect(tuned.stdout.hasPrefix(base + " NOT ("), "\(tuned.stdout)")
        // One NOT group per seed scenario that carries a Sigma filter.
        #expect(tuned.stdout.components(separatedBy: " NOT (").count - 1 == 4)
    }

    @Test func unknownCatalogRuleIsFatal() throws {
        let kb = try HuntKBRunner()
        let result = try kb.run(["convert", "--rule", "ffffffff", "--target", "splunk"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown rule 'ffffffff'"), "\(result.stderr)")
    }
}
