import Testing
import SigmaKit
import SigmaConvert

/// The registry is the one list of targets: its entries must be consistent and every one must convert.
struct TargetRegistryTests {
    @Test func everyTargetBuildsAConverterAndItsPipelineBelongsToItsLanguage() throws {
        for target in ConverterRegistry.targets {
            let language = try #require(target.languageEntry, "\(target.key)")
            if let pipeline = target.pipeline {
                #expect(language.pipelines.contains(pipeline), "\(target.key)")
                #expect(target.key == "\(target.target)/\(pipeline)")
            } else {
                #expect(target.key == target.target)
            }
            if let format = target.queryFormat { #expect(language.queryFormatNames.contains(format)) }
            #expect(target.fence == language.fence && target.language == language.language, "\(target.key)")
            _ = try Converter(key: target.key)
        }
    }

    @Test func everyLanguagePipelineIsRegistered() {
        for language in ConverterRegistry.languages {
            #expect(language.queryFormatNames.first == "default")
            for name in language.pipelines { #expect(ConverterRegistry.pipeline(name) != nil, "\(name)") }
        }
    }

    @Test func keysAndAliasesNameOneTargetEach() {
        let names = ConverterRegistry.targets.flatMap { [$0.key] + $0.aliases }
        #expect(Set(names).count == names.count)
        #expect(Converter.target(named: "ASIM")?.key == "kusto/sentinel_asim")
        #expect(Converter.target(named: "cim")?.key == "splunk/splunk_cim")
        #expect(Converter.target(named: "qradar") == nil)
    }

    @Test func oldEntryPointsStillWork() throws {
        #expect(Converter.languageNames == ConverterRegistry.languages.map(\.key))
        #expect(Converter.targets.map(\.key) == ConverterRegistry.targets.map(\.key))
        let described = TargetDescription(key: "k", target: "splunk", pipeline: nil, siemName: "S", language: "SPL", fence: "spl")
        #expect(described.queryFormat == nil && described.aliases.isEmpty)
        #expect(try Converter(key: "splunk/splunk_cim").queryFormat == "data_model")
        #expect(try Converter(target: "kusto", pipeline: "sentinel_asim").queryFormat == "default")
    }

    static func message(_ target: String, _ pipeline: String?, _ format: String? = nil) -> String? {
        do {
            _ = try Converter(target: target, pipeline: pipeline, queryFormat: format)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func badChoicesAreRefusedListingTheValidOnes() {
        #expect(Self.message("kusto", "splunk_cim")
            == "target 'kusto' has no pipeline 'splunk_cim' (expected one of: sentinel_asim, microsoft_xdr, azure_monitor)")
        #expect(Self.message("splunk", "nope")
            == "unknown pipeline 'nope' for target 'splunk' (expected one of: splunk_windows, splunk_sysmon_acceleration, splunk_cim)")
        #expect(Self.message("qradar", nil)?.hasPrefix("unknown target 'qradar' (expected one of: kusto, splunk, lucene") == true)
        #expect(Self.message("splunk", nil, "xml")
            == "target 'splunk' has no query format 'xml' (expected one of: default, savedsearches, data_model)")
        #expect(Self.message("kusto", "sentinel_asim", "data_model")?.hasPrefix("target 'kusto' has no query format") == true)
        #expect(Self.message("splunk", "splunk_cim", "data_model") == nil)
    }

    @Test func dataSourceNamesWhatTheQueryReads() throws {
        let process = LogSource(category: "process_creation", product: "windows")
        #expect(Converter.target(key: "splunk/splunk_cim")?.dataSource(for: process)?.description == "data model Endpoint.Processes")
        #expect(Converter.target(key: "kusto/sentinel_asim")?.dataSource(for: process)?.description == "table imProcessCreate")
        #expect(Converter.target(key: "kusto/microsoft_xdr")?.dataSource(for: process) == DataSource(.table, ["DeviceProcessEvents"]))
        let powershell = LogSource(product: "windows", service: "powershell")
        #expect(Converter.target(key: "splunk/splunk_windows")?.dataSource(for: powershell)?.description
            == "source WinEventLog:Microsoft-Windows-PowerShell/Operational or WinEventLog:PowerShellCore/Operational")
        #expect(Converter.target(key: "splunk")?.dataSource(for: process) == nil)
        #expect(Converter.target(key: "splunk/splunk_cim")?.dataSource(for: powershell) == nil)
    }
}
