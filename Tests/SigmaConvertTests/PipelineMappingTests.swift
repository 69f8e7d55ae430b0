import Testing
import SigmaKit
@testable import SigmaConvert

/// Table selection and field mappings of the kusto pipelines; expectations come from pySigma-backend-kusto 1.0.1.
struct PipelineMappingTests {
    typealias F = PipelineFixture

    /// proc_creation_lnx_schedule_task_job_cron.yml, the seed rule.
    static let cron = F.rule(category: "process_creation", product: "linux", [
        ("selection", F.map(F.item("Image", [F.s("*crontab")]), F.item("CommandLine", [F.s("*/tmp/*")]))),
    ])

    @Test func seedRuleMapsToProcessCreateColumns() throws {
        let result = try F.apply("sentinel_asim", Self.cron)
        #expect(result.table == "imProcessCreate")
        #expect(result.detections["selection"] == "and(TargetProcessName=[s:*crontab], TargetProcessCommandLine=[s:*/tmp/*])")
    }

    @Test func seedRuleOnOtherPipelines() throws {
        let xdr = try F.apply("microsoft_xdr", Self.cron)
        #expect(xdr.table == "DeviceProcessEvents")
        #expect(xdr.detections["selection"] == "and(FolderPath=[s:*crontab], ProcessCommandLine=[s:*/tmp/*])")
        let azure = try F.apply("azure_monitor", Self.cron)
        #expect(azure.table == "SecurityEvent")
        #expect(azure.detections["selection"] == "and(NewProcessName=[s:*crontab], CommandLine=[s:*/tmp/*])")
    }

    @Test func namesAreTheSigmaCliNames() {
        #expect(KustoPipelines.names == ["sentinel_asim", "microsoft_xdr", "azure_monitor"])
        for name in KustoPipelines.names { #expect(KustoPipelines.named(name)?.name == name) }
        #expect(KustoPipelines.named("splunk_windows") == nil)
    }

    /// One field mapped to several becomes an OR group; the generic mapping only renames what the table did not.
    @Test func multiTargetMappingAndGenericFallback() throws {
        let net = F.rule(category: "network_connection", [
            ("selection", F.map(F.item("Initiated", [F.s("true")]), F.item("DestinationPort", [F.n(443)]),
                                F.item("Image", [F.s("*\\a.exe")]))),
        ])
        #expect(try F.apply("sentinel_asim", net).detections["selection"]
            == #"and(NetworkDirection=[s:true], DstPortNumber=[n:443], or(SrcProcessName=[s:*\a.exe], DstProcessName=[s:*\a.exe]))"#)
        // XDR has no mapping for Initiated: the network_connection rule drops it.
        #expect(try F.apply("microsoft_xdr", net).detections["selection"]
            == #"and(RemotePort=[n:443], InitiatingProcessFolderPath=[s:*\a.exe])"#)
        #expect(try F.apply("azure_monitor", net).detections["selection"]
            == #"and(DestinationPort=[n:443], NewProcessName=[s:*\a.exe])"#)

        let proc = F.rule(category: "process_creation", [
            ("selection", F.map(F.item("ParentImage", [F.s("*\\cmd.exe")]), F.item("ProcessId", [F.n(4)]),
                                F.item("ProcessName", [F.s("y")]))),
        ])
        // ProcessId maps to itself in the DeviceProcessEvents table, so the generic InitiatingProcessId is not used.
        #expect(try F.apply("microsoft_xdr", proc).detections["selection"]
            == #"and(InitiatingProcessFolderPath=[s:*\cmd.exe], ProcessId=[n:4], InitiatingProcessFolderPath=[s:y])"#)
        #expect(try F.apply("sentinel_asim", proc).detections["selection"]
            == #"and(or(ParentProcessName=[s:*\cmd.exe], ActingProcessName=[s:*\cmd.exe]), TargetProcessId=[n:4], ActingProcessName=[s:y])"#)
    }

    /// Without a category, the first EventID of a `sel*` detection whose category has a table decides;
    /// 4698 (service) has none, 4656 is registry before file. EventID items are dropped, except on Azure.
    @Test func eventIDChoosesTheTable() throws {
        let rule = F.rule(service: "security", [
            ("filter_x", F.map(F.item("EventID", [F.n(4624)]))),
            ("selection", F.map(F.item("EventID", [F.n(4698), F.n(4656)]), F.item("ObjectName", [F.s("*\\foo")]))),
        ])
        let asim = try F.apply("sentinel_asim", rule)
        #expect(asim.table == "imRegistry")
        #expect(asim.detections["filter_x"] == "and()")
        #expect(asim.detections["selection"] == #"and(RegistryKey=[s:*\foo])"#)
        let xdr = try F.apply("microsoft_xdr", rule)
        #expect(xdr.table == "DeviceRegistryEvents")
        #expect(xdr.detections["selection"] == #"and(RegistryKey=[s:*\foo])"#)
        let azure = try F.apply("azure_monitor", rule)
        #expect(azure.table == "SecurityEvent")
        #expect(azure.detections["filter_x"] == "and(EventID=[n:4624])")
        #expect(azure.detections["selection"] == #"and(EventID=[n:4698, n:4656], ObjectName=[s:*\foo])"#)
    }

    @Test func eventIDOutsideSelectionsIsIgnored() {
        let rule = F.rule(service: "sysmon", [
            ("filter", F.map(F.item("EventID", [F.n(1)]))),
            ("keywords", F.map(F.item("EventID", [F.n(1)]))),
        ])
        #expect(F.error("sentinel_asim", rule)?.kind == .unmappedLogSource)
    }

    @Test func eventIDInNestedListIsIgnored() {
        let nested = DetectionGroup(nodes: [.group(F.map(F.item("EventID", [F.n(1)])))], linking: .or)
        let rule = F.rule(service: "sysmon", [("selection", nested)])
        #expect(F.error("microsoft_xdr", rule)?.kind == .unmappedLogSource)
    }

    @Test func eventIDFromStringValue() throws {
        let rule = F.rule(service: "sysmon", [("selection", F.map(F.item("EventCode", [F.s("7")])))])
        #expect(try F.apply("microsoft_xdr", rule).table == "DeviceImageLoadEvents")
        let wildcard = F.rule(service: "sysmon", [("selection", F.map(F.item("EventID", [F.s("7*")])))])
        #expect(F.error("microsoft_xdr", wildcard) != nil)
    }

    @Test func userChosenQueryTable() throws {
        let rule = F.rule(category: "dns_query", [("selection", F.map(F.item("QueryName", [F.s("x")]), F.item("Custom", [F.n(1)])))])
        let pipeline = try #require(KustoPipelines.named("sentinel_asim", queryTable: "MyDnsTable"))
        let processed = try pipeline.apply(to: rule)
        #expect(processed.state.queryTable == "MyDnsTable")
        // A table outside the schema: names pass unchecked.
        #expect(F.render(processed.rule.detection.named[0].body) == "and(QueryName=[s:x], Custom=[n:1])")
        // A schema table keeps its mappings and checks.
        let dns = try #require(KustoPipelines.named("sentinel_asim", queryTable: "_Im_Dns")).apply(to: F.rule(category: "dns_query", [
            ("selection", F.map(F.item("QueryName", [F.s("x")]))),
        ]))
        #expect(F.render(dns.rule.detection.named[0].body) == "and(DnsQuery=[s:x])")
        #expect(KustoPipelines.named("nope", queryTable: "T") == nil)
    }
}
