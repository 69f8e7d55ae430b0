import Foundation
import Testing
@testable import SigmaKit

/// Hostile or broken input: every failure is a positioned message, nothing crashes or runs away.
@Suite("Bad input")
struct BadInputTests {
    @Test func binaryGarbage() {
        var bytes: [UInt8] = Array("title: x\n".utf8)
        bytes += [0x00, 0xFF, 0xFE, 0x13, 0x37]
        let file = SigmaParser.parse(data: Data(bytes), path: "bin.yml")
        #expect(file.errors.map(\.code) == ["binary-file"])
        #expect(file.errors.first?.position == SourcePosition(line: 2, column: 1))
    }

    @Test func nonUTF8() {
        let bytes: [UInt8] = Array("title: caf".utf8) + [0xE9] + Array("\n".utf8)
        let file = SigmaParser.parse(data: Data(bytes), path: "latin1.yml")
        #expect(file.errors.map(\.code) == ["invalid-encoding"])
        #expect(file.errors.first?.description.hasPrefix("latin1.yml:1:") == true)
    }

    @Test func byteOrderMarkIsAccepted() {
        let file = SigmaParser.parse(data: Data([0xEF, 0xBB, 0xBF] + Array(ruleYAML("sel: a").utf8)), path: "bom.yml")
        #expect(file.errors.isEmpty)
    }

    @Test func missingFile() {
        let file = SigmaParser.parseFile(atPath: "/nonexistent/rule.yml")
        #expect(file.errors.map(\.code) == ["file-unreadable"])
        #expect(file.errors.first?.path == "/nonexistent/rule.yml")
    }

    @Test func tabs() throws {
        let e = try singleError("title: t\nlogsource:\n\tproduct: w\n")
        #expect(e.code == "yaml-tab")
        #expect(e.position == SourcePosition(line: 3, column: 1))
        // A tab inside a value is fine.
        #expect(parse(ruleYAML("sel:\n    x: \"a\\tb\"")).errors.isEmpty)
    }

    @Test func yamlSyntaxError() throws {
        let e = try singleError("title: t\ndetection: [a\n")
        #expect(e.code == "yaml-syntax")
        #expect(e.position != nil)
    }

    @Test func aliasBombIsBounded() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(i): &a\(i) [\(refs)]\n"
        }
        yaml += "title: t\n"
        let start = Date()
        let e = try singleError(yaml)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(e.code == "yaml-too-large")
    }

    @Test func aliasAsKeyIsRejected() throws {
        let e = try singleError("a: &x [1, 2]\n*x : b\n")
        #expect(e.code == "yaml-complex-key")
        let explicit = try singleError("title: t\n? [a, b]\n: c\n")
        #expect(explicit.code == "yaml-complex-key")
        #expect(explicit.position == SourcePosition(line: 2, column: 3))
    }

    @Test func ordinaryAliasesWork() throws {
        let yaml = ruleYAML("sel:\n    x: &v [a, b]\nother:\n    y: *v", condition: "sel or other")
        let rule = try parsedRule(yaml)
        guard case .item(let i)? = rule.detection["other"]?.body.nodes.first else { Issue.record(); return }
        #expect(i.values == [str(text("a")), str(text("b"))])
    }

    @Test func mergeKeysAsPyYAML() throws {
        let rule = try parsedRule(ruleYAML("base: &b\n    Image: a\n    User: x\nsel:\n    <<: *b\n    User: y\nsel2:\n    <<: [{A: 1}, {A: 2, B: 3}]",
                                           condition: "sel and sel2 and base"))
        func fields(_ name: String) -> [String: [RawValue]] {
            var out: [String: [RawValue]] = [:]
            for node in rule.detection[name]?.body.nodes ?? [] { if case .item(let i) = node { out[i.field ?? ""] = i.rawValues } }
            return out
        }
        #expect(fields("sel") == ["Image": [.string("a")], "User": [.string("y")]])
        #expect(fields("sel2") == ["A": [.int(1)], "B": [.int(3)]])
        #expect(try singleError("a: {<<: 5}\n").message == "a '<<' merge key needs a map or a list of maps")
    }

    @Test func deepYAMLNesting() throws {
        let flow = "title: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"
        #expect(try singleError(flow).code == "yaml-too-deep")
        let block = "title:\n" + String(repeating: "- ", count: 20_000) + "x\n"
        #expect(try singleError(block).code == "yaml-too-deep")
    }

    @Test func scannerAcceptsOrdinaryRules() throws {
        let yaml = ruleYAML("""
            sel:
                a|contains: foo[bar
                b: "[[[["
                c: '{{{{'
                d|re: '[[:alpha:]]{2}'
                e: [x, [y], {z: w}]
            """, condition: "sel", extra: "notes: |\n    [[[[ not flow\n    {{{{\n")
        let file = parse(yaml)
        #expect(!file.errors.contains { $0.code == "yaml-too-deep" || $0.code == "yaml-complex-key" })
        #expect(NestingScanner.check(String(repeating: "k: [a, b]\n", count: 5_000), maxDepth: 200) == nil)
        #expect(NestingScanner.check("a: [[[[x]]]]\n", maxDepth: 3)?.code == "yaml-too-deep")
        #expect(NestingScanner.check("[a]: b\n", maxDepth: 200)?.code == "yaml-complex-key")
    }

    @Test func tenMegabyteValue() throws {
        let big = String(repeating: "A", count: 10 * 1024 * 1024)
        let start = Date()
        let file = parse(ruleYAML("sel:\n    x|contains: '\(big)'"))
        #expect(Date().timeIntervalSince(start) < 60) // generous: debug builds on a shared machine
        #expect(file.errors.isEmpty)
    }

    @Test func twentyThousandParenthesesAndNots() throws {
        let parens = String(repeating: "(", count: 20_000) + "sel" + String(repeating: ")", count: 20_000)
        #expect(parse(ruleYAML("sel: a", condition: parens)).errors.isEmpty)
        let nots = String(repeating: "not ", count: 20_000) + "sel"
        #expect(try singleError(ruleYAML("sel: a", condition: nots)).code == "condition-too-deep")
    }

    @Test func detectionThatIsANumber() throws {
        let e = try singleError("title: t\nlogsource: {product: w}\ndetection: 5\n")
        #expect(e.message == "detection must be a map of named detections and a condition, not a number")
        #expect(e.position == SourcePosition(line: 3, column: 12))
    }

    @Test func mapWhereAListIsExpected() throws {
        let e = try singleError(ruleYAML("sel: a", extra: "tags:\n    attack: t1059\n"))
        #expect(e.message == "'tags' must be a list, not a map")
        #expect(e.position == SourcePosition(line: 11, column: 5))
    }

    @Test func documentThatIsNotAMap() throws {
        #expect(try singleError("- a\n- b\n").message == "a Sigma document must be a map, not a list")
        #expect(try singleError("just text\n").code == "wrong-type")
        #expect(try singleError("").code == "empty-file")
    }

    @Test func hugeFileIsRefused() throws {
        let path = NSTemporaryDirectory() + "huntkb-huge-\(UUID().uuidString).yml"
        let data = Data(count: SigmaParser.maxFileSize + 10)
        #expect(FileManager.default.createFile(atPath: path, contents: data))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(SigmaParser.parseFile(atPath: path).errors.map(\.code) == ["file-too-large"])
    }
}
