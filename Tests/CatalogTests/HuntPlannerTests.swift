import SigmaConvert
import SigmaKit
import Testing
@testable import Catalog

/// Hunt plans per target family: stacking and pivots use the target's own field names, for every target family
/// HuntKB stores, and say why when they cannot be built.
@Suite struct HuntPlannerTests {
    static let rule = """
        title: Suspicious crontab from tmp
        id: 3d1a6a0e-4f3b-4d5e-9a51-6f0b2f0d9c11
        status: test
        logsource:
            product: windows
            category: process_creation
        detection:
            sel:
                Image|endswith: '\\schtasks.exe'
                CommandLine|contains: '/create'
            condition: sel
        level: medium
        """

    func plan(_ key: String) throws -> GuideTargetPlan {
        let target = try #require(Converter.target(named: key))
        let converter = try Converter(target)
        let parsed = try #require(SigmaParser.parse(text: Self.rule, path: "t.yml").rules.first)
        guard case .success(let query) = converter.convert(parsed) else { Issue.record("\(key) did not convert"); throw CancellationError() }
        var unrunnable: String?
        return HuntPlanner().plan(rule: parsed, query: query, target: target, converter: converter, product: "windows",
                                  unrunnable: &unrunnable)
    }

    @Test func esqlStacksOnECSFieldsWithCountDistinct() throws {
        let plan = try plan("esql/ecs_windows")
        let stacking = try #require(plan.stacking)
        #expect(stacking.contains("| stats count = COUNT(*), hosts = COUNT_DISTINCT(host.name) by process.executable, process.command_line"))
        #expect(!stacking.contains(".caseless by") && !plan.keyFields.contains { $0.hasSuffix(".caseless") })
        #expect(plan.pivots.count == 2)
        #expect(plan.pivots[0].query.hasPrefix("from *\n| where host.name == \"HOST\" and @timestamp >= to_datetime("))
        #expect(plan.pivots[0].query.contains("| keep @timestamp, host.name, process.parent.executable, process.executable, process.command_line, user.name"))
    }

    @Test func eqlHasPivotsAndSaysWhyItCannotStack() throws {
        let plan = try plan("eql/ecs_windows")
        #expect(plan.stacking == nil)
        #expect(plan.stackingReason?.hasPrefix("EQL has no aggregation") == true)
        #expect(plan.pivots.map(\.query) == ["any where host.name == \"HOST\"", "any where user.name == \"USER\""])
    }

    @Test func cimStacksTheDataModelCountsPerKeyField() throws {
        let plan = try plan("splunk/splunk_cim")
        let stacking = try #require(plan.stacking)
        #expect(stacking.contains("| stats sum(count) as count dc(dest) as hosts min(firstTime) as first_seen max(lastTime) as last_seen by process_path process"))
        #expect(plan.reads.hasPrefix("the CIM data model Endpoint.Processes"))
        #expect(plan.pivots.first?.query.hasPrefix("| tstats summariesonly=false count from datamodel=Endpoint.Processes where Processes.dest=\"HOST\"") == true)
    }

    @Test func splunkWindowsAndLuceneECSHavePlans() throws {
        let splunk = try plan("splunk/splunk_windows")
        #expect(splunk.stacking?.contains("dc(host) as hosts") == true)
        #expect(!splunk.pivots.isEmpty)
        let lucene = try plan("lucene/ecs_windows")
        #expect(lucene.stacking == nil && lucene.stackingReason?.contains("unique count of host.name") == true)
        #expect(lucene.pivots.first?.query == "host.name:\"HOST\" AND @timestamp:[\"HIT||-1h\" TO \"HIT||+1h\"]")
    }

    @Test func everyStoredTargetHasAPlanOrAReason() throws {
        for target in Converter.targets {
            let plan = try plan(target.key)
            #expect(plan.stacking != nil || plan.stackingReason != nil, "\(target.key): no stacking and no reason")
            #expect(!plan.pivots.isEmpty || plan.pivotReason != nil, "\(target.key): no pivots and no reason")
            #expect(plan.stackingReason != "HuntKB knows no host and time fields for this target yet", "\(target.key)")
        }
    }
}
