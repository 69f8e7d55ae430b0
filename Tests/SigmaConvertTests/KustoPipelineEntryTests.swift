import Testing
@testable import SigmaConvert

/// The kusto pipelines' names are listed without building the pipelines (help text needs them at every start),
/// so the list must agree with the definitions.
@Suite struct KustoPipelineEntryTests {
    @Test func namesAndDisplayNamesAgreeWithTheDefinitions() {
        #expect(KustoPipelines.entriesAgreeWithPipelines)
        #expect(KustoPipelines.names == ["sentinel_asim", "microsoft_xdr", "azure_monitor"])
        #expect(KustoPipelines.named("azure_monitor")?.name == "azure_monitor")
        #expect(KustoPipelines.named("nope") == nil)
    }
}
