import Foundation
import Testing
@testable import SigmaKit

@Suite("Correlations and filters")
struct CorrelationFilterTests {
    static let baseRule = """
        title: Failed logon
        id: 5638f7c0-ac70-491d-8465-2a65075e0d86
        name: failed_logon
        status: test
        description: d
        author: a
        date: 2024-01-01
        level: low
        falsepositives: [none]
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4625
            condition: selection
        """

    @Test func eventCountInAMultiDocumentFile() throws {
        let file = parse(Self.baseRule + """

            ---
            title: Many failed logons
            id: 0e95725d-7320-415d-80f7-004da920fc11
            correlation:
                type: event_count
                rules:
                    - failed_logon
                group-by:
                    - ComputerName
                timespan: 1h
                condition:
                    gte: 100
            level: high
            """)
        #expect(file.errors.isEmpty, "\(file.errors)")
        #expect(file.documents.count == 2)
        guard case .correlation(let c) = file.documents[1] else { Issue.record(); return }
        #expect(c.type == .eventCount)
        #expect(c.rules == ["failed_logon"])
        #expect(c.groupBy == ["ComputerName"])
        #expect(c.timespan == "1h")
        #expect(c.conditions == [CorrelationCondition(op: "gte", value: .int(100))])
        #expect(c.level == .high)
    }

    @Test func valueTypesNeedAField() throws {
        let ok = parse("""
            title: t
            correlation:
                type: value_percentile
                rules: process_creation
                timespan: 24h
                condition:
                    field: Image
                    lte: 1
                    percentile: 5
            """)
        #expect(ok.errors.isEmpty, "\(ok.errors)")
        guard case .correlation(let c)? = ok.documents.first else { Issue.record(); return }
        #expect(c.conditions.first?.field == "Image")
        #expect(c.conditions.first?.percentile == 5)
        let missing = try singleError("""
            title: t
            correlation:
                type: value_count
                rules: [a]
                timespan: 24h
                condition:
                    gte: 3
            """)
        #expect(missing.code == "missing-correlation-field")
        #expect(missing.message == "value_count correlation condition needs a 'field'")
    }

    @Test func temporalConditions() throws {
        let file = parse("""
            title: Recon
            correlation:
                type: temporal_ordered
                rules: [a, b]
                group-by: [User]
                timespan: 5m
            """)
        #expect(file.errors.isEmpty)
        guard case .correlation(let ordered)? = file.documents.first else { Issue.record(); return }
        // pySigma's default: all listed rules must match.
        #expect(ordered.conditions == [CorrelationCondition(op: "gte", value: .int(2))])
        let extended = parse("""
            title: Recon
            correlation:
                type: temporal
                rules: [a, b]
                timespan: 5m
                condition: a and not b
            """)
        guard case .correlation(let c)? = extended.documents.first else { Issue.record(); return }
        #expect(c.extendedCondition == "a and not b")
        #expect(c.extendedExpression == .and([.identifier("a"), .not(.identifier("b"))]))
        let derived = parse("title: t\ncorrelation:\n    type: temporal\n    timespan: 5m\n    condition: x or y\n")
        guard case .correlation(let d)? = derived.documents.first else { Issue.record("\(derived.errors)"); return }
        #expect(d.rules == ["x", "y"])
        let unknown = try singleError("title: t\ncorrelation:\n    type: temporal\n    rules: [a]\n    timespan: 5m\n    condition: a and c\n")
        #expect(unknown.message == "rule 'c' is not in the correlation's rules")
        #expect(unknown.position == SourcePosition(line: 6, column: 22))
        let unused = try singleError("title: t\ncorrelation:\n    type: temporal\n    rules: [a, b]\n    timespan: 5m\n    condition: not a\n")
        #expect(unused.message == "rules listed but not used in the condition: b")
    }

    @Test func correlationErrors() throws {
        let cases: [(String, String)] = [
            ("type: bogus\n    rules: [a]\n    timespan: 1h\n    condition: {gte: 1}", "invalid-correlation-type"),
            ("type: event_count\n    timespan: 1h\n    condition: {gte: 1}", "missing-correlation-rules"),
            ("type: event_count\n    rules: [a]\n    condition: {gte: 1}", "missing-timespan"),
            ("type: event_count\n    rules: [a]\n    timespan: 1x\n    condition: {gte: 1}", "invalid-timespan"),
            ("type: event_count\n    rules: [a]\n    timespan: 0m\n    condition: {gte: 1}", "invalid-timespan"),
            ("type: event_count\n    rules: [a]\n    timespan: 1h", "missing-correlation-condition"),
            ("type: event_count\n    rules: [a]\n    timespan: 1h\n    condition: {gte: 1, lt: 5}", "invalid-correlation-condition"),
            ("type: event_count\n    rules: [a]\n    timespan: 1h\n    condition: {gte: many}", "invalid-correlation-condition"),
            ("type: event_count\n    rules: [a]\n    timespan: 1h\n    condition: a and b", "invalid-correlation-condition"),
            ("type: event_count\n    rules: [a]\n    timespan: 1h\n    condition: {gte: 1}\n    generate: maybe", "wrong-type"),
        ]
        for (body, code) in cases {
            let e = try singleError("title: t\ncorrelation:\n    \(body)\n")
            #expect(e.code == code, "\(body)")
            #expect(e.position != nil)
        }
        #expect(try singleError("title: t\ncorrelation: [a]\n").message == "'correlation' must be a map, not a list")
    }

    @Test func filterDocument() throws {
        let file = parse("""
            title: Filter Administrator account
            description: The valid administrator account start with adm_
            logsource:
                category: process_creation
                product: windows
            filter:
                rules:
                    - 6f3e2987-db24-4c78-a860-b4f4095a7095
                    - df0841c0-9846-4e9f-ad8a-7df91571771b
                selection:
                    User|startswith: 'adm_'
                condition: not selection
            """)
        #expect(file.errors.isEmpty, "\(file.errors)")
        guard case .filter(let f)? = file.documents.first else { Issue.record(); return }
        #expect(f.rules.count == 2)
        #expect(f.detection.named.map(\.name) == ["selection"])
        #expect(f.detection.conditions == [.not(.identifier("selection"))])
        #expect(try singleError("title: f\nlogsource: {product: w}\nfilter:\n    sel: a\n    condition: sel\n").code == "missing-filter-rules")
        for rules in ["any", "ANY", "[]"] {
            let any = parse("title: f\nlogsource: {product: w}\nfilter:\n    rules: \(rules)\n    sel: a\n    condition: not sel\n")
            guard case .filter(let f)? = any.documents.first else { Issue.record("\(any.errors)"); continue }
            #expect(f.appliesToAnyRule && f.rules.isEmpty)
        }
        let listCondition = try singleError("title: f\nlogsource: {product: w}\nfilter:\n    rules: any\n    sel: a\n    condition: [sel]\n")
        #expect(listCondition.message == "a filter condition must be a single string, not a list")
    }

    @Test func legacyGlobalAction() throws {
        let file = parse("""
            action: global
            title: Global part
            status: test
            detection:
                selection:
                    EventID: 1
                condition: selection
            ---
            logsource:
                product: windows
                service: sysmon
            ---
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4688
            """)
        #expect(file.errors.isEmpty, "\(file.errors)")
        #expect(file.rules.count == 2)
        #expect(file.rules.map(\.title) == ["Global part", "Global part"])
        // pySigma's merge: the global template wins over the document.
        guard case .item(let i)? = file.rules[1].detection["selection"]?.body.nodes.first else { Issue.record(); return }
        #expect(i.values == [.number(.int(1))])
        #expect(file.rules[1].logsource.service == "security")
        #expect(try singleError("action: bogus\ntitle: t\n").code == "invalid-action")
    }

    @Test(.enabled(if: SharedCorpus.root != nil, "../shared not found"))
    func specExamplesParse() throws {
        let root = try #require(SharedCorpus.root)
        let dir = root.appendingPathComponent("spec/tests/schema")
        let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".yml") } ?? []
        #expect(files.count >= 12)
        for f in files {
            let file = SigmaParser.parseFile(atPath: dir.appendingPathComponent(f).path)
            #expect(file.errors.isEmpty, "\(f): \(file.errors)")
            #expect(file.documents.count == 1, "\(f)")
        }
    }
}
