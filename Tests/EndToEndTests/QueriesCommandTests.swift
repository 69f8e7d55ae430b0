import Foundation
import Testing

@Suite(.serialized) struct QueriesCommandTests {
    static let seedKQL = """
        imProcessCreate
        | where TargetProcessName endswith "crontab" and TargetProcessCommandLine contains "/tmp/"
        """

    @Test func exportsTheSeedRuleQueryForSentinelASIM() throws {
        let kb = try HuntKBRunner()
        let result = try kb.run(["queries", "--target", "kusto", "--pipeline", "sentinel_asim", "--technique", "T1053.003"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "// \(E2EFixtures.cronID) Scheduled Cron Task/Job - Linux\n\(Self.seedKQL)\n\n")
        let key = try kb.run(["queries", "--target", "kusto/sentinel_asim", "--format", "jsonl", E2EFixtures.cronID.prefix(8) + "*"])
        #expect(key.status == 0)
        let json = try kb.run(["queries", "--target", "splunk", "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.first?["query"] as? String == #"Image="*crontab" CommandLine="*/tmp/*""#)
    }

    @Test func showListsQueriesAndUsageErrors() throws {
        let kb = try HuntKBRunner()
        let show = try kb.run(["show", E2EFixtures.cronID])
        #expect(show.stdout.contains("  [kusto/sentinel_asim]\n    imProcessCreate\n    | where TargetProcessName endswith \"crontab\""))
        let noPipeline = try kb.run(["queries", "--target", "kusto"])
        #expect(noPipeline.status == 64)
        #expect(noPipeline.stderr.contains("--pipeline"))
        let badTargets = try kb.run(["import", "--targets", "sql", "x.yml"])
        #expect(badTargets.status == 64)
    }

    @Test func importTargetsAndRefresh() throws {
        let kb = try HuntKBRunner()
        try kb.write("r/a.yml", E2EFixtures.rule(id: E2EFixtures.id(1), title: "Alpha"))
        #expect(try kb.run(["import", "--targets", "splunk", "r"]).status == 0)
        let missing = try kb.run(["queries", "--target", "lucene", "--technique", "T1053.003"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("\(E2EFixtures.id(1)): error: no stored query for lucene"))
        let refresh = try kb.run(["queries", "refresh", "--targets", "lucene"])
        #expect(refresh.status == 0)
        #expect(refresh.stdout == "regenerated 1 (0 failed to convert), up to date 1, rules 2\n")
        let now = try kb.run(["queries", "--target", "lucene", "--technique", "T1053.003", "--format", "jsonl"])
        #expect(now.status == 0 && now.stdout.split(separator: "\n").count == 2)
    }
}
