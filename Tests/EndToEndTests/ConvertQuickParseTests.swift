import ArgumentParser
@testable import huntkb
import Testing

/// `convert` arguments read by hand (QuickConvert) mean what the argument parser makes of them; anything unusual
/// is left to the parser.
@Suite struct ConvertQuickParseTests {
    @Test(arguments: [
        ["--target", "splunk", "a.yml"],
        ["--target", "kusto", "--pipeline", "sentinel_asim", "--format", "jsonl", "a.yml", "b.yml"],
        ["a.yml", "--target=lucene", "--pipeline=ecs_windows", "b.yml", "--format=text"],
        ["--target", "splunk", "--pipeline", "splunk_cim", "--query-format", "data_model", "rules/"],
        ["--target", "kusto", "--pipeline", "microsoft_xdr", "--query-table", "DeviceEvents", "x.yaml"],
    ])
    func quickReadsWhatTheParserReads(_ arguments: [String]) throws {
        let quick = try #require(QuickConvert.parse(plain: arguments[...]))
        let parsed = try ConvertCommand.parse(arguments)
        #expect(quick.target == parsed.target)
        #expect(quick.pipeline == parsed.pipeline)
        #expect(quick.queryFormat == parsed.queryFormat)
        #expect(quick.queryTable == parsed.queryTable)
        #expect(quick.format == parsed.format)
        #expect(quick.paths == parsed.paths)
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--target"], ["--target", "splunk"], ["a.yml"], ["--target", "splunk", "--format", "yaml", "a.yml"],
        ["--target", "splunk", "--target", "lucene", "a.yml"], ["--target", "splunk", "--rule", "6b14"],
        ["--target", "splunk", "--db", "x.sqlite", "a.yml"], ["--target", "splunk", "--with-exclusions", "a.yml"],
        ["--target", "splunk", "-", "a.yml"], ["--target", "splunk", "--", "a.yml"], ["--target=", "a.yml"],
        ["--target", "lucene", "--query-format", "siem_rule_ndjson", "a.yml"], ["--target", "--pipeline", "a.yml"],
        ["--unknown", "x", "--target", "splunk", "a.yml"],
    ])
    func unusualArgumentsGoToTheParser(_ arguments: [String]) {
        #expect(QuickConvert.parse(plain: arguments[...]) == nil)
    }
}
