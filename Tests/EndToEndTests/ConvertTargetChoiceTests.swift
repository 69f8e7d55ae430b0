import Foundation
import Testing

/// `convert --target/--pipeline/--query-format` from the registry on the built binary: good choices and bad ones.
@Suite struct ConvertTargetChoiceTests {
    static let security = """
        title: Failed logon
        id: 44444444-3333-4444-8555-666666666666
        logsource: {product: windows, service: security}
        detection:
            sel:
                EventID: 4625
            condition: sel
        """

    static let process = """
        title: Cron
        logsource: {product: linux, category: process_creation}
        detection:
            sel:
                Image|endswith: crontab
            condition: sel
        """

    @Test(arguments: [
        (["--target", "kusto", "--pipeline", "ecs_windows"], "expected one of: sentinel_asim, microsoft_xdr, azure_monitor"),
        (["--target", "kusto", "--pipeline", "splunk_cim"], "target 'kusto' has no pipeline 'splunk_cim'"),
        (["--target", "splunk", "--pipeline", "nope"], "expected one of: splunk_windows, splunk_sysmon_acceleration, splunk_cim"),
        (["--target", "qradar"], "unknown target 'qradar' (expected one of: kusto, splunk, lucene"),
        (["--target", "splunk", "--query-format", "xml"], "expected one of: default, savedsearches, data_model"),
    ])
    func badChoiceIsOneLineExit64(arguments: [String], expected: String) throws {
        let kb = try HuntKBRunner()
        let path = try kb.write("r.yml", Self.security)
        let result = try kb.run(["convert"] + arguments + [path])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("huntkb: error: ") && result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func splunkWindowsPipeline() throws {
        let kb = try HuntKBRunner()
        let result = try kb.run(["convert", "--target", "splunk", "--pipeline", "splunk_windows", try kb.write("r.yml", Self.security)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "source=\"WinEventLog:Security\" EventCode=4625\n")
    }

    @Test func dataModelFormat() throws {
        let kb = try HuntKBRunner()
        let result = try kb.run(["convert", "--target", "splunk", "--pipeline", "splunk_cim", "--query-format", "data_model",
                                 try kb.write("r.yml", Self.process)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_path=\"*crontab\" by Processes.process "))
        #expect(result.stdout.contains("| `drop_dm_object_name(Processes)` |"))
    }

    @Test func savedSearchesWritesOneDefaultStanzaForAllFiles() throws {
        let kb = try HuntKBRunner()
        let a = try kb.write("a.yml", Self.security)
        let b = try kb.write("b.yml", Self.process)
        let result = try kb.run(["convert", "--target", "splunk", "--query-format", "savedsearches", a, b])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """

            [default]
            dispatch.earliest_time = -30d
            dispatch.latest_time = now

            [Failed logon]
            description = 
            search = EventID=4625

            [Cron]
            description = 
            search = Image="*crontab"

            """)
    }
}
