import Testing
@testable import SigmaKit

/// The detection shapes, mirroring pySigma's SigmaDetection structure (backends' parentheses depend on it).
@Suite("Detection structure")
struct DetectionStructureTests {
    func named(_ body: String, condition: String) throws -> Detections {
        try parsedRule(ruleYAML(body, condition: condition)).detection
    }

    @Test func mapIsAnANDGroupOfItems() throws {
        let d = try named("sel:\n    a: 1\n    b|contains: x", condition: "sel")
        let body = try #require(d["sel"]).body
        #expect(body.linking == .and)
        #expect(body.nodes.count == 2)
        guard case .item(let a) = body.nodes[0], case .item(let b) = body.nodes[1] else { Issue.record(); return }
        #expect(a.field == "a" && a.values == [.number(.int(1))] && a.rawValues == [.int(1)])
        #expect(b.field == "b" && b.modifiers == [.contains])
        #expect(a.position == SourcePosition(line: 14, column: 9))
    }

    @Test func listOfMapsIsAnORGroupOfANDGroups() throws {
        let body = try #require(try named("sel:\n    - x: 1\n    - y: 2", condition: "sel")["sel"]).body
        #expect(body.linking == .or)
        #expect(body.nodes.count == 2)
        guard case .group(let first) = body.nodes[0] else { Issue.record(); return }
        #expect(first.linking == .and)
        // A single-element list keeps its list level.
        let single = try #require(try named("sel:\n    - x: 1", condition: "sel")["sel"]).body
        #expect(single.linking == .or)
        guard case .group = single.nodes[0] else { Issue.record("single-element list lost its group"); return }
    }

    @Test func plainListIsOneKeywordItem() throws {
        let body = try #require(try named("sel: [a, 5]", condition: "sel")["sel"]).body
        #expect(body.linking == .and)
        guard case .item(let i) = body.nodes.first else { Issue.record(); return }
        #expect(i.field == nil)
        #expect(i.values == [str(text("a")), .number(.int(5))])
        let scalar = try #require(try named("sel: a", condition: "sel")["sel"]).body
        guard case .item(let j) = scalar.nodes.first else { Issue.record(); return }
        #expect(j.field == nil && j.values == [str(text("a"))])
    }

    @Test func mixedListNestsEachElement() throws {
        let body = try #require(try named("sel:\n    - [p, q]\n    - r\n    - x: 1", condition: "sel")["sel"]).body
        #expect(body.linking == .or)
        #expect(body.nodes.count == 3)
        guard case .group(let pq) = body.nodes[0], case .item(let pqItem) = pq.nodes[0] else { Issue.record(); return }
        #expect(pqItem.values == [str(text("p")), str(text("q"))])
        guard case .group(let r) = body.nodes[1], case .item(let rItem) = r.nodes[0] else { Issue.record(); return }
        #expect(rItem.field == nil && rItem.values == [str(text("r"))])
    }

    @Test func nullAndEmptyValues() throws {
        #expect(try item("x: null").values == [.null])
        #expect(try item("x: ~").values == [.null])
        #expect(try item("x:").values == [.null])
        #expect(try item("x: ''").values == [.string(SigmaString(parts: []), cased: false)])
        // pySigma reads an empty list as null.
        let empty = try item("x: []")
        #expect(empty.values == [.null] && empty.rawValues == [])
    }

    @Test func detectionOrderIsFileOrder() throws {
        let d = try named("b: x\na: y\nc: z", condition: "a or b or c")
        #expect(d.named.map(\.name) == ["b", "a", "c"])
    }

    @Test func timeframeIsKept() throws {
        let d = try named("sel: a\ntimeframe: 5m", condition: "sel")
        #expect(d.timeframe == "5m")
    }

    @Test func conditionListIsAllowed() throws {
        let d = try named("sel: a\nother: b", condition: "\n        - sel\n        - other")
        #expect(d.conditionTexts == ["sel", "other"])
        #expect(d.conditions == [.identifier("sel"), .identifier("other")])
    }

    @Test func structuralErrors() throws {
        let cases: [(String, String, String)] = [
            ("sel: {}", "empty-detection", "detection is empty"),
            ("sel: []", "empty-detection", "keyword list is empty"),
            ("sel:\n    x: {a: b}", "wrong-type", "value of 'x' must be a value or a list of values, not a map"),
            ("sel:\n    x: [a, {b: c}]", "wrong-type", "a value list may only hold plain values, not a map"),
            ("sel:\n    x: [[a]]", "wrong-type", "a value list may only hold plain values, not a list"),
            ("sel:\n    x: 2024-01-01", "invalid-value", "'2024-01-01' is read by YAML as a date, which is not a detection value type; quote it"),
            ("sel:\n    x: .inf", "invalid-value", "'.inf' is not a finite number"),
        ]
        for (body, code, message) in cases {
            let e = try singleError(ruleYAML(body))
            #expect(e.code == code, "\(body)")
            #expect(e.message == message, "\(body)")
            #expect(e.position != nil)
        }
    }
}

/// YAML 1.1 scalar typing as PyYAML does it.
@Suite("YAML scalars")
struct YAMLScalarTests {
    @Test func numbers() throws {
        let i = try item("x: [4624, 0x10, 017, 1_000, 1:30, 1.5, 2.0, .5, 1e5, 1.e+3, +12, -0, 09]")
        #expect(i.values == [.number(.int(4624)), .number(.int(16)), .number(.int(15)), .number(.int(1000)),
                             .number(.int(90)), .number(.double(1.5)), .number(.int(2)), .number(.double(0.5)),
                             str(text("1e5")), .number(.int(1000)), .number(.int(12)), .number(.int(0)), str(text("09"))])
    }

    @Test func booleansAndNulls() throws {
        #expect(try item("x: [yes, No, on, OFF, true, False, y, n]").values ==
                [.bool(true), .bool(false), .bool(true), .bool(false), .bool(true), .bool(false), str(text("y")), str(text("n"))])
        #expect(try item("x: [null, ~, Null, NULL, nULL]").values == [.null, .null, .null, .null, str(text("nULL"))])
    }

    @Test func quotedScalarsStayStrings() throws {
        #expect(try item("x: ['5', \"yes\", 'null']").values == [str(text("5")), str(text("yes")), str(text("null"))])
        #expect(try item("x: !!str 5").values == [str(text("5"))])
    }

    @Test func resolverUnits() {
        #expect(ScalarResolver.resolve(plain: "0b101") == .int(5))
        #expect(ScalarResolver.resolve(plain: "-0x1F") == .int(-31))
        #expect(ScalarResolver.resolve(plain: "1:60") == .string("1:60"))
        #expect(ScalarResolver.resolve(plain: "2024-01-01") == .timestamp("2024-01-01"))
        #expect(ScalarResolver.resolve(plain: "2024-01-01 10:00:00") == .timestamp("2024-01-01 10:00:00"))
        #expect(ScalarResolver.resolve(plain: "2024-1-1") == .string("2024-1-1"))
        #expect(ScalarResolver.resolve(plain: "99999999999999999999") == .double(1e20))
        #expect(ScalarResolver.resolve(plain: "") == .null)
        #expect(ScalarResolver.resolve(plain: "-.inf") == .double(-.infinity))
    }
}

/// The spec's escaping of wildcards.
@Suite("Wildcards and escapes")
struct WildcardTests {
    @Test func escapes() throws {
        #expect(try item("x: ['a\\*b', 'a\\\\\\\\', 'a\\?', 'trail\\', 'mid\\x', '*?']").values ==
                [str(text("a*b")), str(text("a\\\\")), str(text("a?")), str(text("trail\\")), str(text("mid\\x")), str(star, qmark)])
    }

    @Test func wildcardsSplitText() throws {
        #expect(try item("x: 'a*b?c'").values == [str(text("a"), star, text("b"), qmark, text("c"))])
        // A `*` followed by a combining mark (keycap emoji) is still a wildcard, as pySigma reads code points.
        #expect(try item("x|contains: \"*\u{FE0F}\u{20E3}\"").values == [str(star, text("\u{FE0F}\u{20E3}"), star)])
    }

    @Test func sigmaTextRoundTrips() {
        for raw in ["a\\*b", "x*y?z", "C:\\Windows\\", "100%", "\\\\server"] {
            let s = SigmaString(sigma: raw)
            #expect(SigmaString(sigma: s.sigmaText) == s, "\(raw)")
        }
    }
}
