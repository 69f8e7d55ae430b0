import Testing
import SigmaKit
@testable import SigmaConvert

/// Rule-level and field-level refusals of the kusto pipelines.
struct PipelineFailureTests {
    typealias F = PipelineFixture

    @Test func unknownFieldNamesFieldAndTable() throws {
        let rule = F.rule(category: "process_creation", [
            ("selection", F.map(F.item("Image", [F.s(#"*\a.exe"#)]), F.item("NoSuchField", [F.s("x")]))),
        ])
        for (pipeline, table) in [("sentinel_asim", "imProcessCreate"), ("microsoft_xdr", "DeviceProcessEvents"),
                                  ("azure_monitor", "SecurityEvent")] {
            let error = try #require(F.error(pipeline, rule))
            #expect(error.kind == .unknownField)
            #expect(error.message.contains("NoSuchField"))
            #expect(error.message.contains(table))
            #expect(error.position == SourcePosition(line: 7, column: 5))
        }
    }

    @Test func mappedTargetOutsideSchemaIsUnknown() throws {
        // The reference maps OriginalFileName to a column imProcessCreate does not have.
        let rule = F.rule(category: "process_creation", [("selection", F.map(F.item("OriginalFileName", [F.s("x.exe")])))])
        let error = try #require(F.error("sentinel_asim", rule))
        #expect(error.kind == .unknownField)
        #expect(error.message.contains("TargetProcessFilename"))
        #expect(try F.apply("microsoft_xdr", rule).detections["selection"] == "and(ProcessVersionInfoOriginalFileName=[s:x.exe])")
    }

    @Test func keywordsAreNotFieldErrors() throws {
        let rule = F.rule(category: "process_creation", [("keywords", F.map(F.item(nil, [F.s("*evil*")])))])
        #expect(try F.apply("microsoft_xdr", rule).detections["keywords"] == "and(_=[s:*evil*])")
    }

    @Test func unmappedCategory() throws {
        let rule = F.rule(category: "dns_query", [("selection", F.map(F.item("QueryName", [F.s("x")])))])
        for pipeline in KustoPipelines.names {
            let error = try #require(F.error(pipeline, rule))
            #expect(error.kind == .unmappedLogSource)
            #expect(error.message.contains("dns_query"))
        }
    }

    @Test func categoryWinsOverEventID() {
        // An unmapped category is not rescued by an EventID.
        let rule = F.rule(category: "ps_script", [("selection", F.map(F.item("EventID", [F.n(4688)])))])
        #expect(F.error("sentinel_asim", rule)?.kind == .unmappedLogSource)
    }

    @Test func noCategoryNoEventID() {
        let rule = F.rule(product: "aws", service: "cloudtrail", [("selection", F.map(F.item("eventName", [F.s("x")])))])
        for pipeline in KustoPipelines.names {
            #expect(F.error(pipeline, rule)?.kind == .unmappedLogSource)
        }
    }

    @Test func eventIDWithoutTableFails() {
        let rule = F.rule(service: "security", [
            ("selection", F.map(F.item("EventID", [F.n(4698)]), F.item("TaskName", [F.s("x")]))),
        ])
        for pipeline in KustoPipelines.names {
            #expect(F.error(pipeline, rule)?.kind == .unmappedLogSource)
        }
    }

    @Test func fieldReferenceToUnknownFieldIsRejected() throws {
        let ref = SigmaValue.fieldRef("ParentUser")
        let rule = F.rule(category: "process_creation", [("filter", F.map(F.item("User", [ref], modifiers: [.fieldref])))])
        // SecurityEvent has no ParentUser; the reference names the item's (mapped) field.
        let error = try #require(F.error("azure_monitor", rule))
        #expect(error.kind == .unknownField)
        #expect(error.message.contains("'SubjectUserName'") && error.message.contains("'ParentUser'"))
        // XDR splits DOMAIN\\user values, which a field reference cannot be read as (pySigma fails too).
        #expect(F.error("microsoft_xdr", rule)?.kind == .unsupported)
        // ASIM maps both the field and the referenced field.
        #expect(try F.apply("sentinel_asim", rule).detections["filter"]
            == #"and(TargetUsername=[fieldRef("ActorUsername", startsWith: false, endsWith: false)])"#)
    }
}
