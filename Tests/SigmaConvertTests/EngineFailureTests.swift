import SigmaKit
import Testing
@testable import SigmaConvert

private let header = """
title: T
id: 11111111-2222-3333-4444-555555555555
status: test
logsource:
    product: windows
    category: process_creation

"""

@Suite("Converter failure paths")
struct EngineFailureTests {
    @Test func unknownTargetIsRefused() {
        #expect(throws: ConversionError.self) { try Converter(target: "sql", pipeline: nil) }
    }

    @Test func unknownPipelineIsRefused() {
        #expect(throws: ConversionError.self) { try Converter(target: "kusto", pipeline: "nope") }
    }

    @Test func pipelineOnANonKustoTargetIsRefused() {
        #expect(throws: ConversionError.self) { try Converter(target: "splunk", pipeline: "sentinel_asim") }
    }

    @Test func everyDeclaredTargetConstructs() throws {
        for t in Converter.targets {
            let c = try Converter(key: t.key)
            #expect(c.target == t.target)
            #expect(c.pipelineName == t.pipeline)
        }
        #expect(Set(Converter.targets.map(\.key)).count == Converter.targets.count)
    }

    @Test func yamlErrorsRefuseTheFileWithTheirPosition() throws {
        let result = try convertYAML("title: [unclosed\n", target: "splunk")
        guard case .failure(let error) = result else {
            Issue.record("converted a broken file")
            return
        }
        #expect(error.kind == .invalidRule)
        #expect(error.message.hasPrefix("inline.yml:"))
    }

    @Test func undefinedIdentifierIsRefused() throws {
        let yaml = header + "detection:\n    sel:\n        A: 1\n    condition: sel and missing\n"
        for target in ["kusto", "splunk", "lucene"] {
            guard case .failure = try convertYAML(yaml, target: target) else {
                Issue.record("\(target) converted a condition naming an undefined detection")
                continue
            }
        }
    }

    @Test func correlationRulesAreRefused() throws {
        let yaml = header + """
            name: base
            detection:
                sel:
                    A: 1
                condition: sel
            ---
            title: C
            correlation:
                type: event_count
                rules:
                    - base
                group-by:
                    - User
                timespan: 1h
                condition:
                    gte: 10

            """
        guard case .failure(let error) = try convertYAML(yaml, target: "lucene") else {
            Issue.record("converted a correlation")
            return
        }
        #expect(error.kind == .unsupported)
    }

    @Test func placeholdersAreRefusedWithTheirName() throws {
        let yaml = header + "detection:\n    sel:\n        User|expand: '%admins%'\n    condition: sel\n"
        guard case .failure(let error) = try convertYAML(yaml, target: "lucene") else {
            Issue.record("converted an unresolved placeholder")
            return
        }
        #expect(error.kind == .placeholder)
        #expect(error.message.contains("admins"))
    }

    @Test func deeplyNestedConditionsDoNotCrash() throws {
        let depth = 500
        let condition = String(repeating: "not (", count: depth) + "sel" + String(repeating: ")", count: depth)
        let yaml = header + "detection:\n    sel:\n        A: 1\n    condition: \(condition)\n"
        // Either refused by the parser or by the engine's depth guard; never a crash.
        _ = try convertYAML(yaml, target: "kusto")
    }
}

@Suite("Filters: rule AND NOT filter")
struct EngineFilterTests {
    static let rule = header + """
        detection:
            selection:
                Image|endswith: '\\rar.exe'
            condition: selection

        """

    static let filter = """
        title: Admins
        logsource:
            product: windows
            category: process_creation
        filter:
            rules:
                - 11111111-2222-3333-4444-555555555555
            selection:
                User|startswith: 'adm_'
            condition: selection

        """

    @Test func filterExcludesItsMatches() throws {
        let ruleFile = SigmaParser.parseWithoutWarnings(text: Self.rule, path: "r.yml")
        let filterFile = SigmaParser.parseWithoutWarnings(text: Self.filter, path: "f.yml")
        let rule = try #require(ruleFile.rules.first)
        let filters = filterFile.documents.compactMap { doc -> SigmaFilter? in
            if case .filter(let f) = doc { return f } else { return nil }
        }
        try #require(filters.count == 1)
        let splunk = try Converter(target: "splunk", pipeline: nil)
        #expect(try splunk.convert(rule, excluding: filters).get() == #"Image="*\\rar.exe" NOT User="adm_*""#)
        let kusto = try Converter(target: "kusto", pipeline: nil)
        #expect(try kusto.convert(rule, excluding: filters).get() == #"Image endswith "\\rar.exe" and (not(User startswith "adm_"))"#)
        let lucene = try Converter(target: "lucene", pipeline: nil)
        #expect(try lucene.convert(rule, excluding: filters).get() == #"Image:*\\rar.exe AND (NOT User:adm_*)"#)
        // Without filters the rule is unchanged.
        #expect(try splunk.convert(rule).get() == #"Image="*\\rar.exe""#)
    }

    @Test func filterInTheSameFileAppliesToTheRuleItNames() throws {
        let file = SigmaParser.parseWithoutWarnings(text: Self.rule + "---\n" + Self.filter, path: "both.yml")
        guard file.errors.isEmpty else {
            Issue.record("fixture does not parse: \(file.errors)")
            return
        }
        let splunk = try Converter(target: "splunk", pipeline: nil)
        #expect(try splunk.convert(file: file).get() == #"Image="*\\rar.exe" NOT User="adm_*""#)
    }
}
