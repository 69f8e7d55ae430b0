import Foundation
import Testing

/// `huntkb hunt` with correlation rules among the rules: windows reported as JSON lines, refusals on stderr.
@Suite struct HuntCorrelationTests {
    static let rules = """
        title: Many failed logons
        id: 33333333-0000-4000-8000-000000000001
        level: high
        correlation:
            type: event_count
            rules:
                - failed_login
            group-by:
                - TargetUserName
            timespan: 5m
            condition:
                gte: 3
        ---
        title: Failed logon
        id: 33333333-0000-4000-8000-000000000002
        name: failed_login
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4625
            condition: selection
        ---
        title: Chained
        id: 33333333-0000-4000-8000-000000000003
        correlation:
            type: temporal
            rules:
                - 33333333-0000-4000-8000-000000000001
            group-by:
                - TargetUserName
            timespan: 5m
        """

    static func line(_ user: String, _ time: String) -> String {
        #"{"EventID": 4625, "Channel": "Security", "TargetUserName": "\#(user)", "@timestamp": "\#(time)"}"#
    }

    @Test func eventCountWindowIsOneJSONLine() throws {
        let kb = try HuntKBRunner()
        let rules = try kb.write("r/brute.yml", Self.rules)
        let events = try kb.write("ev/a.jsonl", [
            Self.line("bob", "2024-05-01T10:00:00Z"), Self.line("bob", "2024-05-01T10:01:00Z"),
            Self.line("eve", "2024-05-01T10:01:00Z"), Self.line("bob", "2024-05-01T10:02:00Z"),
        ].joined(separator: "\n") + "\n")
        let r = try kb.run(["hunt", "--events", events, "--rules", rules, "--format", "jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        // The failed-logon rule feeds the correlation only (no generate: true), so its own matches are not listed.
        let records = [0, 1, 3].map { n in
            let minute = n == 3 ? 2 : n
            return #"{"event":"\#(events)","record":\#(n),"time":"2024-05-01T10:0\#(minute):00Z","rules":["33333333-0000-4000-8000-000000000002"]}"#
        }
        #expect(r.stdout == #"{"rule":"33333333-0000-4000-8000-000000000001","title":"Many failed logons","level":"high","#
            + #""correlation":"event_count","group":{"TargetUserName":"bob"},"#
            + #""window":{"start":"2024-05-01T10:00:00Z","end":"2024-05-01T10:02:00Z","timespan":"5m"},"count":3,"#
            + #""records":[\#(records.joined(separator: ","))]}"# + "\n")
        #expect(r.stderr.contains("correlation 33333333-0000-4000-8000-000000000003 (Chained) not evaluated: referenced rule"))
        let t = try kb.run(["hunt", "--events", events, "--rules", rules, "--format", "table"])
        #expect(t.status == 0)
        #expect(t.stdout.contains("1 correlation match"))
        #expect(t.stdout.contains("Many failed logons  [TargetUserName=bob]"))
    }
}
