import Foundation
import Testing
@testable import SigmaKit

/// The YAML front end and the checks behind it under hostile input: budgets before expansion, checked numbers,
/// printable identifiers, neutralised text, linear tag validation, and every fuzzer finding replayed.
@Suite struct HostileYAMLTests {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    @Test func aliasBombAsAKeyIsChargedBeforeExpansion() throws {
        let text = try String(contentsOf: Self.regressions.appendingPathComponent("alias-bomb-key.yml"), encoding: .utf8)
        let start = Date()
        let loaded = YAMLLoader().load(text)
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(loaded.failure?.code == "yaml-too-large")
        #expect(loaded.failure?.message.contains("once aliases are expanded") == true)
        #expect((5...9).contains(loaded.failure?.position?.line ?? 0))
    }

    @Test func keysCountTowardsTheBudget() {
        var loader = YAMLLoader()
        loader.nodeBudget = 5
        // Root map, then two keys and two values: the fifth node fits, the sixth does not.
        #expect(loader.load("a: 1\nb: 2\n").failure == nil)
        #expect(loader.load("a: 1\nb: 2\nc: 3\n").failure?.code == "yaml-too-large")
        #expect(loader.load("a: 1\nb: 2\nc: 3\n").failure?.message == "YAML has more than 5 nodes (the limit for one file)")
    }

    @Test func guaranteesOfTheEventComposer() throws {
        // Positions, PyYAML typing, quoted scalars, merge keys, duplicate keys, depth.
        let loaded = YAMLLoader().load("base: &b {x: 1, y: two}\nm:\n  <<: *b\n  y: 'three'\nn: 0x1f\nt: yes\nq: '5'\n")
        let root = try #require(loaded.documents.first)
        #expect(loaded.failure == nil)
        #expect(root["m"]?["x"]?.scalar == .int(1))
        #expect(root["m"]?["y"]?.scalar == .string("three"))
        #expect(root["m"]?.mapping?.map { $0.key.text } == ["x", "y"])
        #expect(root["n"]?.scalar == .int(31))
        #expect(root["t"]?.scalar == .bool(true))
        #expect(root["q"]?.scalar == .string("5") && root["q"]?.quoted == true)
        #expect(root["q"]?.position == SourcePosition(line: 7, column: 4))
        let dup = YAMLLoader().load("a: 1\nb: 2\na: 3\n").failure
        #expect(dup?.code == "duplicate-key" && dup?.message == "duplicate key 'a' in a map (first at line 1)")
        #expect(dup?.position == SourcePosition(line: 3, column: 1))
        #expect(YAMLLoader().load("{a: 1, 'a': 2}").failure?.code == "duplicate-key")
        #expect(YAMLLoader().load("a: [b\n").failure?.code == "yaml-syntax")
        #expect(YAMLLoader().load("x: *nowhere\n").failure?.message.contains("undefined alias") == true)
        var shallow = YAMLLoader()
        shallow.maxDepth = 3
        #expect(shallow.load("a:\n b:\n  c:\n   d: 1\n").failure?.code == "yaml-too-deep")
        #expect(YAMLLoader().load("").documents.isEmpty)
        #expect(YAMLLoader().load("a: 1\n---\nb: 2\n").documents.count == 2)
    }

    @Test func numbersFromYAMLAreChecked() {
        func check(_ text: String) -> Result<Int, YAMLNumber.Problem>? {
            YAMLLoader().load("v: \(text)\n").documents.first?["v"].map { YAMLNumber.integer($0) }
        }
        #expect(check("5") == .success(5))
        #expect(check("5.0") == .success(5))
        #expect(check("-9223372036854775808") == .success(Int.min))
        #expect(check("1.5") == .failure(.init(message: "must be a whole number, not '1.5'")))
        #expect(check("0xffffffffffffffff") == .failure(.init(message: "'0xffffffffffffffff' is out of range (at most 9223372036854775807)")))
        #expect(check("9223372036854775808") == .failure(.init(message: "'9223372036854775808' is out of range (at most 9223372036854775807)")))
        #expect(check("1e20")?.isFailure == true)
        #expect(check(".inf")?.isFailure == true)
        #expect(check("abc")?.isFailure == true)
    }

    @Test func safeTextNeutralisesEveryControlAndBidiCharacter() {
        #expect(SafeText.line("plain text, ünïcode") == "plain text, ünïcode")
        #expect(SafeText.line("a\nb\tc\r") == "a\\nb\\tc\\r")
        #expect(SafeText.block("a\nb\tc\r") == "a\nb\tc\\r")
        #expect(SafeText.line("x\u{1B}]0;t\u{7}\u{9B}31m\u{202E}\u{2066}\u{2028}\u{7F}\u{0}") == "x\\u{1B}]0;t\\u{7}\\u{9B}31m\\u{202E}\\u{2066}\\u{2028}\\u{7F}\\u{0}")
        #expect(SafeText.quoted("t\nu") == "'t\\nu'")
        #expect(SafeText.isClean("é—✓") && !SafeText.isClean("\u{85}"))
    }

    @Test func diagnosticsAreAlwaysOneLine() {
        let d = Diagnostic(.error, code: "x", "tag 'a\nb:1:1: error: forged'", path: "p\u{1B}.yml", at: SourcePosition(line: 2, column: 3))
        #expect(d.description == "p\\u{1B}.yml:2:3: error: tag 'a\\nb:1:1: error: forged'")
    }

    @Test func fourThousandTagsValidateInLinearTime() {
        let tags = (0..<4_000).map { "        - attack.t\(1000 + $0 % 9000)X\($0)" }.joined(separator: "\n")
        let yaml = ruleYAML("sel: a", extra: "tags:\n\(tags)\n")
        let start = Date()
        let file = parse(yaml)
        let elapsed = Date().timeIntervalSince(start)
        #expect(file.errors.isEmpty)
        #expect(elapsed < 1.5, "\(elapsed) s") // under 0.1 s in release; debug builds are ~10x slower
        // Positions are still exact: the last tag's warning points at its own line.
        let last = file.warnings.last { $0.message.contains("X3999") }
        #expect(last?.position?.line == 10 + 4_000)
    }

    @Test func everyFuzzerFindingReplaysCleanly() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.regressions.path).sorted()
        #expect(files.count >= 2)
        for name in files {
            let data = try Data(contentsOf: Self.regressions.appendingPathComponent(name))
            let file = SigmaParser.parse(data: data, path: name)
            #expect(!file.errors.isEmpty, "\(name) should be refused with a diagnostic")
            for d in file.errors { #expect(d.position != nil && !d.description.contains("\n"), "\(name): \(d)") }
        }
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { true } else { false } }
}
