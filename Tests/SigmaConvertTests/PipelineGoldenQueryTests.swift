import Testing
import SigmaKit
import SigmaConvert

/// Whole kusto queries (pipeline + backend) for inline rules; expectations are pySigma-backend-kusto 1.0.1 output.
struct PipelineGoldenQueryTests {
    static func query(_ yaml: String, _ pipeline: String) throws -> Result<String, ConversionError> {
        let file = SigmaParser.parse(text: yaml, path: "inline.yml")
        #expect(file.errors.isEmpty, "\(file.errors)")
        let rule = try #require(file.rules.first)
        return try Converter(target: "kusto", pipeline: pipeline).convert(rule)
    }

    static let cron = """
        title: Scheduled Cron Task/Job - Linux
        id: 6b14bac8-3e3a-4324-8109-42f0546a347f
        status: test
        logsource:
            product: linux
            category: process_creation
        detection:
            selection:
                Image|endswith: 'crontab'
                CommandLine|contains: '/tmp/'
            condition: selection
        level: medium
        """

    @Test func seedRuleOnSentinelASIM() throws {
        #expect(try Self.query(Self.cron, "sentinel_asim").get()
            == "imProcessCreate\n| where TargetProcessName endswith \"crontab\" and TargetProcessCommandLine contains \"/tmp/\"")
    }

    @Test func registryRuleOnXDR() throws {
        let yaml = #"""
            title: registry
            logsource: {category: registry_set, product: windows}
            detection:
                selection:
                    EventType: DeleteKey
                    TargetObject|startswith: 'HKLM\SOFTWARE\Run'
                condition: selection
            """#
        #expect(try Self.query(yaml, "microsoft_xdr").get()
            == "DeviceRegistryEvents\n"
                + #"| where (ActionType in~ ("RegistryKeyDeleted", "RegistryValueDeleted")) and RegistryKey startswith "HKEY_LOCAL_MACHINE\\SOFTWARE\\Run""#)
    }

    @Test func unmappedLogSourceIsRefused() throws {
        let yaml = """
            title: dns
            logsource: {category: dns_query, product: windows}
            detection:
                selection:
                    QueryName: evil.com
                condition: selection
            """
        guard case .failure(let error) = try Self.query(yaml, "sentinel_asim") else {
            Issue.record("converted a rule whose log source has no table")
            return
        }
        #expect(error.kind == .unmappedLogSource)
    }
}
