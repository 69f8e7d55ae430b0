import Foundation
import Testing

/// `huntkb hunt` on the built binary: output formats, log sources, bad input and exit codes.
@Suite struct HuntCommandTests {
    static let whoami = """
        title: Whoami Run
        id: 22222222-0000-4000-8000-000000000001
        level: medium
        logsource:
            product: windows
            category: process_creation
        detection:
            selection:
                Image|endswith: '\\whoami.exe'
            condition: selection
        """

    static let placeholder = """
        title: Placeholder Rule
        id: 22222222-0000-4000-8000-000000000002
        logsource:
            product: windows
            category: process_creation
        detection:
            selection:
                User|expand: '%Admins%'
            condition: selection
        """

    static let sysmonLine = #"{"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", "Image": "C:\\Windows\\System32\\WHOAMI.EXE"}"#
    static let otherLine = #"{"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", "Image": "C:\\Windows\\notepad.exe"}"#
    static let securityLine = #"{"EventID": 4688, "Channel": "Security", "Image": "C:\\Windows\\System32\\whoami.exe"}"#

    @Test func jsonlLinesPerMatchWithRecordIndex() throws {
        let kb = try HuntKBRunner()
        let rules = try kb.write("r/whoami.yml", Self.whoami)
        let events = try kb.write("ev/a.jsonl", [Self.otherLine, Self.sysmonLine, Self.securityLine].joined(separator: "\n") + "\n")
        let r = try kb.run(["hunt", "--events", events, "--rules", rules, "--format", "jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == #"{"rule":"22222222-0000-4000-8000-000000000001","title":"Whoami Run","level":"medium","event":"\#(events)","record":1}"# + "\n")
        // Detection mode also takes the Security event.
        let d = try kb.run(["hunt", "--events", events, "--rules", rules, "--format", "jsonl", "--ignore-logsource"])
        #expect(d.status == 0)
        #expect(d.stdout.split(separator: "\n").map { $0.hasSuffix("\"record\":1}") || $0.hasSuffix("\"record\":2}") } == [true, true])
    }

    @Test func tableGroupsByRuleAndJsonIsOneArray() throws {
        let kb = try HuntKBRunner()
        let rules = try kb.write("r/whoami.yml", Self.whoami)
        let events = try kb.write("ev/a.jsonl", [Self.sysmonLine, Self.sysmonLine].joined(separator: "\n"))
        let t = try kb.run(["hunt", "--events", events, "--rules", rules, "--format", "table"])
        #expect(t.status == 0)
        #expect(t.stdout.contains("Whoami Run"))
        #expect(t.stdout.contains("Image=C:\\Windows\\System32\\WHOAMI.EXE"))
        #expect(t.stdout.contains("2 matches of 1 rules in 2 events"))
        let j = try kb.run(["hunt", "--events", events, "--rules", rules, "--format", "json"])
        let array = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [[String: Any]]
        #expect(array?.count == 2)
        #expect(array?.last?["record"] as? Int == 1)
    }

    @Test func badInputIsNamedSkippedAndExitsOne() throws {
        let kb = try HuntKBRunner()
        let rules = try kb.write("r/whoami.yml", Self.whoami)
        let broken = try kb.write("ev/a-broken.json", "this is not json")
        let mixed = try kb.write("ev/b-mixed.jsonl", "\"text\"\n" + Self.sysmonLine + "\n")
        let r = try kb.run(["hunt", "--events", kb.dir.appendingPathComponent("ev").path, "--rules", rules, "--format", "jsonl"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("huntkb: error: \(broken): record 0: not JSON"))
        #expect(r.stderr.contains("huntkb: error: \(mixed): record 0: the record is not a JSON object"))
        #expect(r.stdout.contains("\"record\":1}"))
    }

    @Test func refusedRuleIsListedOnceAndOthersRun() throws {
        let kb = try HuntKBRunner()
        let dir = kb.dir.appendingPathComponent("r").path
        try kb.write("r/whoami.yml", Self.whoami)
        try kb.write("r/placeholder.yml", Self.placeholder)
        let events = try kb.write("ev/a.jsonl", [Self.sysmonLine, Self.sysmonLine, Self.sysmonLine].joined(separator: "\n"))
        let r = try kb.run(["hunt", "--events", events, "--rules", dir, "--format", "jsonl"])
        #expect(r.status == 0)
        #expect(r.stderr.components(separatedBy: "not evaluated").count == 2, "\(r.stderr)")
        #expect(r.stderr.contains("unfilled placeholder"))
        #expect(r.stdout.split(separator: "\n").count == 3)
    }

    @Test func catalogRulesChosenBySearchFilters() throws {
        let kb = try HuntKBRunner()
        let events = try kb.write("ev/cron.json", #"{"Image": "/usr/bin/crontab", "CommandLine": "crontab /tmp/x"}"#)
        // The seed rule is a Linux rule: the Windows log-source mapping takes no event for it.
        let strict = try kb.run(["hunt", "--events", events, "--format", "jsonl"])
        #expect(strict.status == 0 && strict.stdout.isEmpty, "\(strict.stderr)")
        let r = try kb.run(["hunt", "--events", events, "--technique", "T1053", "--ignore-logsource", "--format", "jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(E2EFixtures.cronID))
        let none = try kb.run(["hunt", "--events", events, "--level", "informational", "--ignore-logsource", "--format", "jsonl"])
        #expect(none.stdout.isEmpty)
        let bad = try kb.run(["hunt", "--events", events, "--level", "urgent"])
        #expect(bad.status == 64)
    }

    @Test func eventsAreRequired() throws {
        let kb = try HuntKBRunner()
        #expect(try kb.run(["hunt"]).status == 64)
    }
}
