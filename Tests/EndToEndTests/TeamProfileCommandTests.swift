import Foundation
import Testing

/// The team profile on the built binary: `config set`, profile-default targets, bad profiles; each on a fresh catalog.
@Suite struct TeamProfileCommandTests {
    static let cron = """
        title: Profile cron test
        id: 33333333-3333-4444-8555-666666666666
        status: test
        author: Profile Tester
        logsource:
            category: process_creation
            product: linux
        detection:
            sel:
                Image|endswith: 'crontab'
            condition: sel
        tags:
            - attack.t1053.003
        level: low
        """

    @Test func splunkCIMProfileMakesTheSeedGuideATstatsQueryOverEndpointProcesses() throws {
        let kb = try HuntKBRunner()
        let set = try kb.run(["config", "set", "targets", "splunk_cim"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(FileManager.default.fileExists(atPath: kb.dir.appendingPathComponent(".config/huntkb/config.toml").path))
        let guide = try kb.run(["guide", "--technique", "T1053.003", "--no-timestamp"])
        #expect(guide.status == 0, "\(guide.stderr)")
        #expect(guide.stdout.contains("| tstats summariesonly=false"))
        #expect(guide.stdout.contains("from datamodel=Endpoint.Processes where Processes.process_path="))
        #expect(guide.stdout.contains("Splunk CIM (data model)"))
        #expect(!guide.stdout.contains("#### Microsoft Sentinel (ASIM)"), "only the profile's targets are shown")
    }

    @Test func withoutAProfileTheGuideKeepsEveryStoredTarget() throws {
        let kb = try HuntKBRunner()
        let guide = try kb.run(["guide", "--technique", "T1053.003", "--no-timestamp"])
        #expect(guide.status == 0, "\(guide.stderr)")
        #expect(guide.stdout.contains("#### Microsoft Sentinel (ASIM)"))
        let show = try kb.run(["config", "show"])
        #expect(show.stdout.hasPrefix("no profile"))
    }

    @Test func importStoresOnlyTheProfileTargetsAndQueriesExportsThem() throws {
        let kb = try HuntKBRunner()
        #expect(try kb.run(["config", "set", "targets", "splunk_windows,asim"]).status == 0)
        let path = try kb.write("rules/cron.yml", Self.cron)
        let imported = try kb.run(["import", path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try kb.run(["queries", "--author", "Profile Tester", "--format", "jsonl"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let lines = exported.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("\"pipeline\":\"splunk_windows\"") == true)
        #expect(lines.last?.contains("imProcessCreate") == true)
        let cim = try kb.run(["queries", "--target", "splunk_cim", "--author", "Profile Tester"])
        #expect(cim.status == 1, "no stored query for a target outside the profile")
    }

    @Test func unknownTargetInTheProfileIsAUsageErrorAndNothingIsStored() throws {
        let kb = try HuntKBRunner()
        try kb.write(".config/huntkb/config.toml", "[profile]\ntargets = [\"qradar\"]\n")
        let path = try kb.write("rules/cron.yml", Self.cron)
        let result = try kb.run(["import", path])
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("unknown target 'qradar'") && result.stderr.contains("splunk/splunk_cim"))
        #expect(!FileManager.default.fileExists(atPath: kb.databasePath), "nothing is stored")
        let set = try kb.run(["config", "set", "targets", "qradar"])
        #expect(set.status == 64)
    }

    @Test func malformedConfigFileIsPositionedAndFatal() throws {
        let kb = try HuntKBRunner()
        let config = try kb.write(".config/huntkb/config.toml", "[profile]\ntargets = [\"cim\",\n")
        let result = try kb.run(["guide", "--technique", "T1053.003"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(config):2:"))
        #expect(result.stderr.contains(": error: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
