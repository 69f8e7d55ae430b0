import Testing
@testable import SigmaConvert

/// The Elastic pipelines' names are listed without building the pipelines (help text needs them at every start),
/// so the light entries must agree with the generated definitions.
@Suite struct ElasticPipelineEntryTests {
    @Test func namesAndDisplayNamesAgreeWithTheDefinitions() {
        #expect(ElasticPipelines.entriesAgreeWithPipelines)
        #expect(ElasticPipelines.names == ["ecs_windows", "ecs_windows_old", "ecs_zeek_beats", "ecs_zeek_corelight", "zeek"])
        #expect(ElasticPipelines.named("ecs_zeek_beats")?.name == "ecs_zeek_beats")
        #expect(ElasticPipelines.named("nope") == nil)
    }
}
