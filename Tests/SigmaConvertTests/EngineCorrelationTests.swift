import SigmaKit
import Testing
@testable import SigmaConvert

/// Splunk correlation searches (stats method) against pysigma-backend-splunk 2.1.0 output; kusto and lucene
/// refuse correlations like their reference backends.
@Suite("Splunk correlations")
struct EngineCorrelationTests {
    static let base = #"""
title: Failed logon
id: 11111111-0000-0000-0000-000000000001
name: failed_logon
status: test
logsource:
    product: windows
    service: security
detection:
    sel:
        EventID: 4625
    condition: sel
fields:
    - User
---
title: Success logon
id: 11111111-0000-0000-0000-000000000002
name: success_logon
status: test
logsource:
    product: windows
    service: security
detection:
    sel:
        EventID: 4624
        Msg|re:
          - 'a.b'
          - 'c'
    condition: sel
---

"""#

    @Test func eventCount() throws {
        let yaml = Self.base + #"""
title: Many failures
id: 22222222-0000-0000-0000-000000000001
status: test
correlation:
    type: event_count
    rules:
        - failed_logon
    group-by:
        - User
        - Computer
    timespan: 15m
    condition:
        gte: 10

"""#
        let result = try convertYAML(yaml, target: "splunk")
        #expect(try result.get() == "EventID=4624\n| rex field=Msg \"(?<MsgMatch>a.b)\"\n| eval MsgCondition=if(isnotnull(MsgMatch), \"true\", \"false\")\n| rex field=Msg \"(?<MsgMatch2>c)\"\n| eval MsgCondition2=if(isnotnull(MsgMatch2), \"true\", \"false\")\n| search MsgCondition=\"true\" OR MsgCondition2=\"true\"\nEventID=4625\n\n| bin _time span=15m\n| stats count as event_count by _time User Computer\n\n| search event_count >= 10")
    }

    @Test func valueCountGenerate() throws {
        let yaml = Self.base + #"""
title: Many users
status: test
correlation:
    type: value_count
    rules:
        - 11111111-0000-0000-0000-000000000001
    group-by:
        - Computer
    timespan: 1h
    condition:
        gt: 3
        field: User
    generate: true

"""#
        let result = try convertYAML(yaml, target: "splunk")
        #expect(try result.get() == "EventID=4625\nEventID=4624\n| rex field=Msg \"(?<MsgMatch>a.b)\"\n| eval MsgCondition=if(isnotnull(MsgMatch), \"true\", \"false\")\n| rex field=Msg \"(?<MsgMatch2>c)\"\n| eval MsgCondition2=if(isnotnull(MsgMatch2), \"true\", \"false\")\n| search MsgCondition=\"true\" OR MsgCondition2=\"true\"\nEventID=4625\n\n| bin _time span=1h\n| stats dc(User) as value_count by _time Computer\n\n| search value_count > 3")
    }

    @Test func temporalAliases() throws {
        let yaml = Self.base + #"""
title: Fail then success
status: test
correlation:
    type: temporal
    rules:
        - failed_logon
        - success_logon
    group-by:
        - user
    timespan: 2M
    aliases:
        user:
            failed_logon: TargetUserName
            success_logon: User
    condition:
        eq: 2

"""#
        let result = try convertYAML(yaml, target: "splunk")
        #expect(try result.get() == "| multisearch\n[ search EventID=4625 | eval event_type=\"failed_logon\" | rename TargetUserName as user ]\n[ search \n| rex field=Msg \"(?<MsgMatch>a.b)\"\n| eval MsgCondition=if(isnotnull(MsgMatch), \"true\", \"false\")\n| rex field=Msg \"(?<MsgMatch2>c)\"\n| eval MsgCondition2=if(isnotnull(MsgMatch2), \"true\", \"false\")\n| search EventID=4624 MsgCondition=\"true\" OR MsgCondition2=\"true\" | eval event_type=\"success_logon\" | rename User as user ]\n\n| bin _time span=2mon\n| stats dc(event_type) as event_type_count by _time user\n\n| search event_type_count == 2")
    }

    @Test func temporalOrdered() throws {
        let yaml = Self.base + #"""
title: ordered
status: test
correlation:
    type: temporal_ordered
    rules:
        - failed_logon
        - success_logon
    group-by:
        - User
    timespan: 5m
    condition:
        gte: 2

"""#
        guard case .failure = try convertYAML(yaml, target: "splunk") else {
            Issue.record("converted; the reference refused: NotImplementedError")
            return
        }
    }

    @Test func noGroupby() throws {
        let yaml = Self.base + #"""
title: no group
status: test
correlation:
    type: event_count
    rules:
        - success_logon
    timespan: 1d
    condition:
        lt: 5

"""#
        let result = try convertYAML(yaml, target: "splunk")
        #expect(try result.get() == "EventID=4625 | table User\n\n| rex field=Msg \"(?<MsgMatch>a.b)\"\n| eval MsgCondition=if(isnotnull(MsgMatch), \"true\", \"false\")\n| rex field=Msg \"(?<MsgMatch2>c)\"\n| eval MsgCondition2=if(isnotnull(MsgMatch2), \"true\", \"false\")\n| search EventID=4624 MsgCondition=\"true\" OR MsgCondition2=\"true\"\n\n| bin _time span=1d\n| stats count as event_count by _time\n\n| search event_count < 5")
    }

    @Test(arguments: ["kusto", "lucene"])
    func otherTargetsRefuseCorrelations(_ target: String) throws {
        let yaml = Self.base + #"""
title: Many failures
id: 22222222-0000-0000-0000-000000000001
status: test
correlation:
    type: event_count
    rules:
        - failed_logon
    group-by:
        - User
        - Computer
    timespan: 15m
    condition:
        gte: 10

"""#
        guard case .failure(let error) = try convertYAML(yaml, target: target) else {
            Issue.record("\(target) converted a correlation")
            return
        }
        #expect(error.kind == .unsupported)
    }

    @Test func unknownRuleReferenceIsRefused() throws {
        let yaml = Self.base + #"""
title: Many failures
id: 22222222-0000-0000-0000-000000000001
status: test
correlation:
    type: event_count
    rules:
        - no_such_rule
    group-by:
        - User
        - Computer
    timespan: 15m
    condition:
        gte: 10

"""#
        guard case .failure = try convertYAML(yaml, target: "splunk") else {
            Issue.record("converted a correlation naming a missing rule")
            return
        }
    }

    @Test(arguments: [("15m", "15m"), ("2M", "2mon"), ("1y", "1y")])
    func timespans(_ spec: String, _ splunk: String) throws { #expect(try SplunkBackend.timespan(spec) == splunk) }

    @Test(arguments: ["", "m", "0m", "15", "15x", "-1h"])
    func invalidTimespans(_ spec: String) { #expect(throws: ConversionError.self) { try SplunkBackend.timespan(spec) } }
}
