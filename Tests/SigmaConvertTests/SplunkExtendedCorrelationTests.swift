import Foundation
import Testing
import SigmaKit
import SigmaConvert

/// Splunk's extended temporal correlation (a boolean condition over the rules, with aliases and `not`);
/// expectations are pysigma-backend-splunk 2.1.0 output for the same file.
struct SplunkExtendedCorrelationTests {
    static let collection = #"""
        title: Failed logon
        name: failed_logon
        id: 0e95725d-7320-415d-80f7-004da920fc11
        status: test
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4625
            condition: selection
        ---
        title: Successful logon
        name: successful_logon
        id: 1e95725d-7320-415d-80f7-004da920fc12
        status: test
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4624
            condition: selection
        ---
        title: Password reset
        name: password_reset
        id: 2e95725d-7320-415d-80f7-004da920fc13
        status: test
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4724
            condition: selection
        ---
        title: Brute force then success without reset
        id: 3e95725d-7320-415d-80f7-004da920fc14
        status: test
        correlation:
            type: temporal
            rules:
                - failed_logon
                - successful_logon
                - password_reset
            aliases:
                user:
                    failed_logon: TargetUserName
                    successful_logon: TargetUserName
                    password_reset: SamAccountName
            group-by:
                - user
            timespan: 10m
            condition: failed_logon and successful_logon and not password_reset
        """#

    static func convert(condition: String) throws -> String {
        let text = collection.replacingOccurrences(of: "failed_logon and successful_logon and not password_reset", with: condition)
        let file = SigmaParser.parse(text: text, path: "inline.yml")
        #expect(file.errors.isEmpty, "\(file.errors)")
        return try Converter(target: "splunk", pipeline: nil).convert(file: file).get()
    }

    @Test func allOfAndNot() throws {
        #expect(try Self.convert(condition: "failed_logon and successful_logon and not password_reset") == "| multisearch\n[ search EventID=4625 | eval event_type=\"failed_logon\" | rename TargetUserName as user ]\n[ search EventID=4624 | eval event_type=\"successful_logon\" | rename TargetUserName as user ]\n[ search EventID=4724 | eval event_type=\"password_reset\" | rename SamAccountName as user ]\n\n| bin _time span=10m\n| stats values(event_type) as event_types by _time user\n\n| search event_types=\"failed_logon\"   event_types=\"successful_logon\"   NOT event_types=\"password_reset\"")
    }

    @Test func orBindsTighterThanAndInSPL() throws {
        #expect(try Self.convert(condition: "(failed_logon or password_reset) and not successful_logon") == "| multisearch\n[ search EventID=4625 | eval event_type=\"failed_logon\" | rename TargetUserName as user ]\n[ search EventID=4624 | eval event_type=\"successful_logon\" | rename TargetUserName as user ]\n[ search EventID=4724 | eval event_type=\"password_reset\" | rename SamAccountName as user ]\n\n| bin _time span=10m\n| stats values(event_type) as event_types by _time user\n\n| search event_types=\"failed_logon\" OR event_types=\"password_reset\"   NOT event_types=\"successful_logon\"")
    }

    @Test func notOfAGroupIsParenthesized() throws {
        #expect(try Self.convert(condition: "not (failed_logon and successful_logon) or not password_reset") == "| multisearch\n[ search EventID=4625 | eval event_type=\"failed_logon\" | rename TargetUserName as user ]\n[ search EventID=4624 | eval event_type=\"successful_logon\" | rename TargetUserName as user ]\n[ search EventID=4724 | eval event_type=\"password_reset\" | rename SamAccountName as user ]\n\n| bin _time span=10m\n| stats values(event_type) as event_types by _time user\n\n| search NOT (event_types=\"failed_logon\"   event_types=\"successful_logon\") OR NOT event_types=\"password_reset\"")
    }

    @Test func otherTargetsRefuseIt() throws {
        let file = SigmaParser.parse(text: Self.collection, path: "inline.yml")
        guard case .failure(let error) = try Converter(target: "lucene", pipeline: nil).convert(file: file) else {
            Issue.record("lucene converted a correlation")
            return
        }
        #expect(error.message == "Backend does not support correlation rules.")
    }
}
