import Testing
import SigmaKit
import SigmaConvert

/// Whole Splunk queries per pipeline and query format for inline rules; expectations are the output of
/// pysigma-backend-splunk 2.1.0 (pySigma 1.5.1) for the same files, one file at a time.
struct SplunkPipelineGoldenTests {
    /// The file's output as `huntkb convert --format jsonl` prints it (`finalizeOutput` of the one file).
    static func convert(_ yaml: String, pipeline: String?, format: String? = nil) throws -> Result<String, ConversionError> {
        let file = SigmaParser.parse(text: yaml, path: "inline.yml")
        #expect(file.errors.isEmpty, "\(file.errors)")
        let converter = try Converter(target: "splunk", pipeline: pipeline, queryFormat: format)
        return converter.convert(file: file).map { converter.finalizeOutput([$0]) }
    }

    @Test func windowsServiceAddsSourceAndMapsEventIDInFields() throws {
        let yaml = #"""
            title: Failed logon
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: 4625
                    TargetUserName|startswith: adm
                condition: selection
            fields:
                - EventID
                - TargetUserName
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_windows").get()
            == "source=\"WinEventLog:Security\" EventCode=4625 TargetUserName=\"adm*\" | table EventCode,TargetUserName")
    }

    @Test func windowsServiceWithTwoChannelsIsAnInList() throws {
        let yaml = #"""
            title: PowerShell download
            logsource: {product: windows, service: powershell}
            detection:
                a:
                    - 'Net.WebClient'
                b:
                    EventID: 4104
                    ScriptBlockText|contains: DownloadString
                condition: a or b
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_windows").get()
            == "source IN (\"WinEventLog:Microsoft-Windows-PowerShell/Operational\", \"WinEventLog:PowerShellCore/Operational\") \"Net.WebClient\" OR (EventCode=4104 ScriptBlockText=\"*DownloadString*\")")
    }

    @Test func windowsCategoryWithoutServiceOnlyMapsEventID() throws {
        let yaml = #"""
            title: Process
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    EventID: 1
                    Image|endswith: '\\cmd.exe'
                condition: selection
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_windows").get()
            == "EventCode=1 Image=\"*\\\\cmd.exe\"")
    }

    @Test func sysmonAccelerationAddsTheKeyword() throws {
        let yaml = #"""
            title: Sysmon process
            logsource: {product: windows, service: sysmon, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\cmd.exe'
                condition: selection
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_sysmon_acceleration").get()
            == "\"ParentProcessGuid\" Image=\"*\\\\cmd.exe\"")
    }

    @Test func cimMapsProcessCreationFields() throws {
        let yaml = #"""
            title: Cron
            logsource: {product: linux, category: process_creation}
            detection:
                selection:
                    Image|endswith: crontab
                    CommandLine|contains: '/tmp/'
                condition: selection
            fields:
                - CommandLine
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_cim").get()
            == "Processes.process_path=\"*crontab\" Processes.process=\"*/tmp/*\" | table Processes.process")
    }

    @Test func cimRefusesAFieldOutsideTheDataModel() throws {
        let yaml = #"""
            title: Bad field
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Hashes|contains: 'MD5='
                condition: selection
            """#
        guard case .failure = try Self.convert(yaml, pipeline: "splunk_cim") else {
            Issue.record("expected a refusal, as the reference refuses: SigmaTransformationError")
            return
        }
    }

    @Test func cimRefusesALogSourceWithoutDataModel() throws {
        let yaml = #"""
            title: Bad source
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: 4625
                condition: selection
            """#
        guard case .failure = try Self.convert(yaml, pipeline: "splunk_cim") else {
            Issue.record("expected a refusal, as the reference refuses: SigmaTransformationError")
            return
        }
    }

    @Test func cimRefusesKeywords() throws {
        let yaml = #"""
            title: Keyword
            logsource: {product: windows, category: process_creation}
            detection:
                keywords:
                    - mimikatz
                condition: keywords
            """#
        guard case .failure = try Self.convert(yaml, pipeline: "splunk_cim") else {
            Issue.record("expected a refusal, as the reference refuses: SigmaTransformationError")
            return
        }
    }

    @Test func dataModelPutsRegexAfterTstats() throws {
        let yaml = #"""
            title: Regex
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\rundll32.exe'
                    CommandLine|re: '\\s-e\\s'
                condition: selection
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_cim", format: "data_model").get()
            == "| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_path=\"*\\\\rundll32.exe\" by Processes.process Processes.dest Processes.process_current_directory Processes.process_path Processes.process_integrity_level Processes.original_file_name Processes.parent_process Processes.parent_process_path Processes.parent_process_guid Processes.parent_process_id Processes.process_guid Processes.process_id Processes.user | regex Processes.process=\"\\\\\\\\s-e\\\\\\\\s\" | `drop_dm_object_name(Processes)` | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime) | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime) ")
    }

    @Test func dataModelKeepsORedRegexAsRexEvalSearch() throws {
        let yaml = #"""
            title: OR regex
            logsource: {product: windows, category: registry_set}
            detection:
                a:
                    TargetObject|re: 'Run\\\\[a-z]+'
                b:
                    Details: 'evil'
                condition: a or b
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_cim", format: "data_model").get()
            == "| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Registry where registry_key_nameCondition=\"true\" OR Registry.registry_value_data=\"evil\" by Registry.dest Registry.registry_value_data Registry.action Registry.process_path Registry.process_guid Registry.process_id Registry.registry_key_name | rex field=Registry.registry_key_name \"(?<registry_key_nameMatch>Run\\\\\\\\\\\\\\\\[a-z]+)\" | eval registry_key_nameCondition=if(isnotnull(registry_key_nameMatch), \"true\", \"false\") | search registry_key_nameCondition=\"true\" OR Registry.registry_value_data=\"evil\" | `drop_dm_object_name(Registry)` | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime) | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime) ")
    }

    @Test func dataModelDNS() throws {
        let yaml = #"""
            title: DNS
            logsource: {category: network, service: dns}
            detection:
                selection:
                    dns.question.name|endswith: '.onion'
                condition: selection
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_cim", format: "data_model").get()
            == "| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime max(_time) as lastTime from datamodel=Network_Resolution.DNS where DNS.query=\"*.onion\" by DNS.dest DNS.dest_port DNS.answer DNS.ttl DNS.record_type DNS.transaction_id DNS.query DNS.query_type DNS.reply_code_id DNS.src DNS.src_port | `drop_dm_object_name(DNS)` | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime) | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime) ")
    }

    @Test func dataModelNeedsThePipelineDataModel() throws {
        let yaml = #"""
            title: No model
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: 4625
                condition: selection
            """#
        guard case .failure = try Self.convert(yaml, pipeline: "splunk_windows", format: "data_model") else {
            Issue.record("expected a refusal, as the reference refuses: SigmaFeatureNotSupportedByBackendError")
            return
        }
    }

    @Test func savedSearchesStanzaWithDefaults() throws {
        let yaml = #"""
            title: Logon [test]
            description: |
                First line
                second line
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: 4625
                condition: selection
            fields:
                - TargetUserName
            """#
        #expect(try Self.convert(yaml, pipeline: "splunk_windows", format: "savedsearches").get()
            == "\n[default]\ndispatch.earliest_time = -30d\ndispatch.latest_time = now\n\n[Logon test]\ndescription = First line \\\nsecond line\nsearch = source=\"WinEventLog:Security\" EventCode=4625 \\\n| table TargetUserName")
    }
}
