import Foundation
import SigmaKit
import Testing
@testable import SigmaConvert

/// The kusto backend behind each pipeline: `Table\n| where <expr>` (reference output from pySigma 1.5.1).
@Suite("KQL with pipelines")
struct EngineKustoPipelineTests {
    static let rule = """
        title: T
        id: 11111111-2222-3333-4444-555555555555
        status: test
        logsource:
            product: windows
            category: process_creation
        detection:
            sel:
                Image|endswith: '\\x.exe'
                CommandLine|contains:
                    - 'a'
                    - 'b'
            condition: sel

        """

    @Test func sentinelASIMPrefixesTheTable() throws {
        let q = try convertYAML(Self.rule, target: "kusto", pipeline: "sentinel_asim").get()
        #expect(q == #"imProcessCreate\#n| where TargetProcessName endswith "\\x.exe" and (TargetProcessCommandLine contains "a" or TargetProcessCommandLine contains "b")"#)
    }

    @Test func defenderXDRPrefixesTheTable() throws {
        let q = try convertYAML(Self.rule, target: "kusto", pipeline: "microsoft_xdr").get()
        #expect(q == #"DeviceProcessEvents\#n| where FolderPath endswith "\\x.exe" and (ProcessCommandLine contains "a" or ProcessCommandLine contains "b")"#)
    }

    @Test func chosenQueryTableWins() throws {
        let converter = try Converter(target: "kusto", pipeline: "sentinel_asim", queryTable: "MyTable")
        let file = SigmaParser.parseWithoutWarnings(text: Self.rule, path: "r.yml")
        let q = try converter.convert(file: file).get()
        #expect(q == #"MyTable\#n| where Image endswith "\\x.exe" and (CommandLine contains "a" or CommandLine contains "b")"#)
    }

    @Test func queryTableWithoutPipelineIsRefused() {
        #expect(throws: ConversionError.self) { try Converter(target: "kusto", pipeline: nil, queryTable: "T") }
        #expect(throws: ConversionError.self) { try Converter(target: "lucene", pipeline: nil, queryTable: "T") }
    }

    @Test func unmappedLogSourceIsRefused() throws {
        let yaml = Self.rule.replacingOccurrences(of: "category: process_creation", with: "category: no_such_category")
        let result = try convertYAML(yaml, target: "kusto", pipeline: "sentinel_asim")
        guard case .failure(let error) = result else {
            Issue.record("converted a rule without a table")
            return
        }
        #expect(error.kind == .unmappedLogSource)
    }
}
