import Foundation
import SigmaEval
import SigmaKit
import Testing

/// Two base rules (failed and successful logon, by EventID) and correlations over them, from inline YAML.
private let baseRules = """
    title: Failed logon
    id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
    name: failed_login
    logsource:
        product: windows
        service: security
    detection:
        selection:
            EventID: 4625
        condition: selection
    ---
    title: Successful logon
    id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
    name: successful_login
    logsource:
        product: windows
        service: security
    detection:
        selection:
            EventID: 4624
        condition: selection
    """

/// The correlation documents of `yaml` evaluated over `events` (field maps), in detection mode.
private func correlate(_ yaml: String, _ events: [[String: String]], timeFields: [String] = CorrelationTime.standardFields)
    -> (set: CorrelationSet, matches: [CorrelationMatch], rules: RuleSet) {
    let file = SigmaParser.parseWithoutWarnings(text: baseRules + "\n---\n" + yaml, path: "c.yml")
    precondition(file.errors.isEmpty, "does not parse: \(file.errors)")
    let rules = RuleSet(rules: file.rules, mode: .detection)
    let correlations = file.documents.compactMap { if case .correlation(let c) = $0 { c } else { nil } }
    let set = CorrelationSet(correlations: correlations, rules: rules, timeFields: timeFields)
    var matcher = EventMatcher(rules)
    var collector = CorrelationCollector(set)
    for (i, fields) in events.enumerated() {
        let event = Event(fields: fields)
        collector.add(hits: matcher.matches(event), event: "e.json", record: i) { event[$0] }
    }
    return (set, collector.matches(), rules)
}

private func failed(_ user: String, _ time: String, host: String = "h1") -> [String: String] {
    ["EventID": "4625", "TargetUserName": user, "Computer": host, "TimeCreated_SystemTime": time]
}

private func success(_ user: String, _ time: String, host: String = "h1") -> [String: String] {
    ["EventID": "4624", "TargetUserName": user, "Computer": host, "TimeCreated_SystemTime": time]
}

private func eventCount(_ condition: String, timespan: String = "10m") -> String {
    """
    title: Many failed logons
    id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
    level: high
    correlation:
        type: event_count
        rules:
            - failed_login
        group-by:
            - TargetUserName
        timespan: \(timespan)
        condition:
            \(condition)
    """
}

@Suite("Correlation rules over base-rule matches")
struct CorrelationTests {
    @Test func eventCountGroupsByFieldWithinTheTimespan() {
        let events = [
            failed("bob", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01T10:01:00Z"),
            failed("alice", "2024-05-01T10:01:30Z"), failed("bob", "2024-05-01T10:02:00.5Z"),
            // Outside bob's window of 10 minutes from 10:00.
            failed("bob", "2024-05-01T10:30:00Z"),
        ]
        let r = correlate(eventCount("gte: 3"), events)
        #expect(r.set.refused.isEmpty)
        #expect(r.matches.count == 1)
        let m = r.matches[0]
        #expect(m.group == ["bob"])
        #expect(m.count == 3)
        #expect(m.records.map(\.record) == [0, 1, 3])
        #expect(m.start == "2024-05-01T10:00:00Z")
        #expect(m.end == "2024-05-01T10:02:00.5Z")
    }

    @Test func eventCountBelowTheThresholdDoesNotMatch() {
        let events = [failed("bob", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01T10:20:00Z"), failed("bob", "2024-05-01T10:40:00Z")]
        #expect(correlate(eventCount("gte: 2"), events).matches.isEmpty)
        // The same events within one timespan do.
        #expect(correlate(eventCount("gte: 2", timespan: "1h"), events).matches.count == 1)
    }

    @Test func eachConditionOperator() {
        let events = [failed("bob", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01T10:01:00Z"), failed("bob", "2024-05-01T10:02:00Z")]
        #expect(correlate(eventCount("gt: 2"), events).matches.map(\.count) == [3])
        #expect(correlate(eventCount("gt: 3"), events).matches.isEmpty)
        #expect(correlate(eventCount("eq: 3"), events).matches.map(\.count) == [3])
        #expect(correlate(eventCount("eq: 2"), events).matches.map(\.count) == [2])  // the window opening at the second event
        #expect(correlate(eventCount("neq: 3"), events).matches.map(\.count) == [2])
        #expect(correlate(eventCount("lte: 1"), events).matches.map(\.count) == [1])
        #expect(correlate(eventCount("lt: 1"), events).matches.isEmpty)
    }

    @Test func burstsAreReportedOncePerWindow() {
        var events: [[String: String]] = []
        for minute in 0..<6 { events.append(failed("bob", "2024-05-01T10:0\(minute):00Z")) }
        let matches = correlate(eventCount("gte: 3", timespan: "2m"), events).matches
        // Windows 10:00-10:02 and 10:03-10:05; none overlaps.
        #expect(matches.map { $0.records.map(\.record) } == [[0, 1, 2], [3, 4, 5]])
    }

    @Test func eventsOutOfOrderAreSortedByTime() {
        let events = [failed("bob", "2024-05-01T10:09:00Z"), failed("bob", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01 10:05:00")]
        let matches = correlate(eventCount("gte: 3"), events).matches
        #expect(matches.map { $0.records.map(\.record) } == [[1, 2, 0]])
    }

    @Test func valueCountCountsDistinctValuesOfItsField() {
        let yaml = """
            title: Password spraying
            id: 0e95725d-7320-415d-80f7-004da920fc12
            correlation:
                type: value_count
                rules:
                    - failed_login
                group-by:
                    - Computer
                timespan: 1h
                condition:
                    field: TargetUserName
                    gte: 3
            """
        let three = [failed("a", "2024-05-01T10:00:00Z"), failed("a", "2024-05-01T10:01:00Z"),
                     failed("b", "2024-05-01T10:02:00Z"), failed("c", "2024-05-01T10:03:00Z")]
        let r = correlate(yaml, three)
        #expect(r.matches.map(\.count) == [3])
        #expect(r.matches.first?.group == ["h1"])
        #expect(r.matches.first?.records.count == 4)
        let two = [failed("a", "2024-05-01T10:00:00Z"), failed("a", "2024-05-01T10:01:00Z"), failed("b", "2024-05-01T10:02:00Z")]
        #expect(correlate(yaml, two).matches.isEmpty)
    }

    @Test func temporalNeedsEveryRuleInAnyOrder() {
        let yaml = """
            title: Failed and successful logon
            id: 0e95725d-7320-415d-80f7-004da920fc13
            correlation:
                type: temporal
                rules:
                    - failed_login
                    - successful_login
                group-by:
                    - TargetUserName
                timespan: 5m
            """
        let matched = correlate(yaml, [success("bob", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01T10:03:00Z")])
        #expect(matched.matches.map(\.count) == [2])
        #expect(matched.matches.first.map { $0.records.map(\.rules) } == [[1], [0]])
        // Another user's success does not complete bob's.
        #expect(correlate(yaml, [success("eve", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01T10:03:00Z")]).matches.isEmpty)
        // Too far apart.
        #expect(correlate(yaml, [success("bob", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01T10:06:00Z")]).matches.isEmpty)
    }

    @Test func temporalOrderedNeedsTheListedOrder() {
        let yaml = """
            title: Failed then successful logon
            id: 0e95725d-7320-415d-80f7-004da920fc14
            correlation:
                type: temporal_ordered
                rules:
                    - failed_login
                    - successful_login
                group-by:
                    - TargetUserName
                timespan: 10m
            """
        #expect(correlate(yaml, [failed("bob", "2024-05-01T10:00:00Z"), success("bob", "2024-05-01T10:01:00Z")]).matches.map(\.count) == [2])
        #expect(correlate(yaml, [success("bob", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01T10:01:00Z")]).matches.isEmpty)
        // Success, failure, success: the window from the failure holds the order.
        let again = correlate(yaml, [success("bob", "2024-05-01T10:00:00Z"), failed("bob", "2024-05-01T10:01:00Z"),
                                     success("bob", "2024-05-01T10:02:00Z")])
        #expect(again.matches.map { $0.records.map(\.record) } == [[1, 2]])
    }

    @Test func aliasesGroupDifferentFieldsOfEachRule() {
        let yaml = """
            title: Logon from the host that failed
            id: 0e95725d-7320-415d-80f7-004da920fc15
            correlation:
                type: temporal
                rules:
                    - failed_login
                    - successful_login
                group-by:
                    - account
                timespan: 5m
                aliases:
                    account:
                        failed_login: TargetUserName
                        successful_login: SubjectUserName
            """
        let events = [failed("bob", "2024-05-01T10:00:00Z"),
                      ["EventID": "4624", "SubjectUserName": "bob", "TargetUserName": "other", "TimeCreated_SystemTime": "2024-05-01T10:01:00Z"]]
        let r = correlate(yaml, events)
        #expect(r.matches.map(\.group) == [["bob"]])
    }

    @Test func temporalConditionExpression() {
        let yaml = """
            title: Failure without success
            id: 0e95725d-7320-415d-80f7-004da920fc16
            correlation:
                type: temporal
                rules:
                    - failed_login
                    - successful_login
                group-by:
                    - TargetUserName
                timespan: 5m
                condition: failed_login and not successful_login
            """
        let r = correlate(yaml, [failed("bob", "2024-05-01T10:00:00Z"), failed("eve", "2024-05-01T10:00:00Z"),
                                 success("eve", "2024-05-01T10:01:00Z")])
        #expect(r.set.refused.isEmpty)
        #expect(r.matches.map(\.group) == [["bob"]])
    }

    @Test func eventsWithoutTimeOrGroupValueTakeNoPart() {
        let events = [failed("bob", "2024-05-01T10:00:00Z"), ["EventID": "4625", "TargetUserName": "bob"],
                      ["EventID": "4625", "TimeCreated_SystemTime": "2024-05-01T10:01:00Z"], failed("bob", "2024-05-01T10:02:00Z")]
        let r = correlate(eventCount("gte: 3"), events)
        #expect(r.matches.isEmpty)
        #expect(correlate(eventCount("gte: 2"), events).matches.map { $0.records.map(\.record) } == [[0, 3]])
    }

    @Test func theTimeFieldIsConfigurable() {
        let events = [["EventID": "4625", "TargetUserName": "bob", "@timestamp": "2024-05-01T10:00:00+02:00"],
                      ["EventID": "4625", "TargetUserName": "bob", "@timestamp": "2024-05-01T08:04:00Z"],
                      ["EventID": "4625", "TargetUserName": "bob", "when": "1714550400"]]
        // The standard fields include @timestamp, and the offset is honoured (10:00+02:00 is 08:00Z).
        #expect(correlate(eventCount("gte: 2"), events).matches.map(\.count) == [2])
        #expect(correlate(eventCount("gte: 1"), events, timeFields: ["when"]).matches.map(\.count) == [1])
    }

    @Test func refusals() {
        let unknown = """
            title: Unknown reference
            id: 0e95725d-7320-415d-80f7-004da920fc17
            correlation:
                type: event_count
                rules:
                    - no_such_rule
                group-by:
                    - TargetUserName
                timespan: 10m
                condition:
                    gte: 2
            """
        #expect(correlate(unknown, []).set.refused.map(\.reason) == ["referenced rule 'no_such_rule' is not among the loaded rules"])
        let chained = """
            title: Chained
            id: 0e95725d-7320-415d-80f7-004da920fc18
            correlation:
                type: temporal_ordered
                rules:
                    - a8418a5a-5fc4-46b5-b23b-6c73beb19d41
                    - successful_login
                group-by:
                    - TargetUserName
                timespan: 10m
            ---
            """ + "\n" + eventCount("gte: 3")
        let r = correlate(chained, [])
        #expect(r.set.correlations.count == 1)
        #expect(r.set.refused.first?.reason.contains("chained correlations are not evaluated") == true)
        let sum = """
            title: Sum
            id: 0e95725d-7320-415d-80f7-004da920fc19
            correlation:
                type: value_sum
                rules:
                    - failed_login
                group-by:
                    - TargetUserName
                timespan: 10m
                condition:
                    field: Bytes
                    gte: 2
            """
        #expect(correlate(sum, []).set.refused.map(\.reason) == ["value_sum correlations are not evaluated"])
    }

    @Test func referencedRulesAreHiddenUnlessGenerate() {
        let r = correlate(eventCount("gte: 2"), [])
        #expect(r.set.hiddenRules == [0])
        let shown = correlate(eventCount("gte: 2") + "\ngenerate: true", [])
        #expect(shown.set.hiddenRules.isEmpty)
    }

    @Test func timesAndTimespans() {
        #expect(CorrelationTime.seconds("1970-01-01T00:00:00Z") == 0)
        #expect(CorrelationTime.seconds("1970-01-02 00:00:01.5") == 86_401.5)
        #expect(CorrelationTime.seconds("2024-05-01T10:00:00.1234567Z").map { abs($0 - 1_714_557_600.1234567) < 1e-5 } == true)
        #expect(CorrelationTime.seconds("2024-05-01T12:00:00+0200") == CorrelationTime.seconds("2024-05-01T10:00:00Z"))
        #expect(CorrelationTime.seconds("1714557600000") == 1_714_557_600)
        #expect(CorrelationTime.seconds("yesterday") == nil)
        #expect(CorrelationTime.seconds("2024-13-01T00:00:00Z") == nil)
        #expect(CorrelationTime.timespan("90m") == 5_400)
        #expect(CorrelationTime.timespan("1d") == 86_400)
        #expect(CorrelationTime.timespan("10x") == nil)
    }
}
