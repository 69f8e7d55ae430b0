@testable import Catalog
import Foundation
import SigmaKit
import Testing

/// The hand-written JSON of the rule columns must be byte for byte what `JSONEncoder` wrote before it.
@Suite struct RowJSONTests {
    static func encoder<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static let yaml = """
        title: Every construct
        id: 6b14bac8-3e3a-4324-8109-42f0546a347f
        status: test
        logsource:
            product: windows
            category: process_creation
            custom_key: x
        detection:
            selection:
                Image|endswith: '\\\\cmd.exe'
                CommandLine|contains|all: ['a*b', 'c?d', "quote\\" back\\\\slash\\ttab\\u0001\\u0008\\u000c/é"]
                Count|gt: 4
                Flag: true
                Empty: null
                Num: 12
                Field|fieldref|startswith: Other
                Path|exists: true
                Re|re|i|m: '^a.*b$'
                Net|cidr: 10.0.0.0/8
                Enc|base64offset|contains: abc
                Cmd|windash|contains: ' -enc '
                Pl|expand: '%name%'
                Neq|neq: 'x'
            keywords:
                - alpha
                - beta
            filter:
                - User: SYSTEM
                - User|cased: Admin
            condition: (selection or keywords) and not 1 of filter* and all of them
            timeframe: 5m
        fields: [A, B]
        scope: [server]
        custom_top: {a: 1}
        level: high
        """

    @Test func detectionsMatchTheEncoder() throws {
        let file = SigmaParser.parse(text: Self.yaml, path: "x.yml")
        #expect(file.errors.isEmpty, "\(file.errors)")
        let rule = try #require(file.rules.first)
        #expect(RowJSON.detections(rule.detection) == Self.encoder(rule.detection))
        #expect(RowJSON.detectionList([rule.detection, rule.detection]) == Self.encoder([rule.detection, rule.detection]))
        #expect(RowJSON.strings(rule.fields) == Self.encoder(rule.fields))
        #expect(RowJSON.stringMap(rule.custom) == Self.encoder(rule.custom))
        #expect(RowJSON.stringMap(rule.logsource.custom) == Self.encoder(rule.logsource.custom))
        #expect(RowJSON.stringMap([:]) == "{}")
        #expect(RowJSON.strings([]) == "[]")
    }

    /// Escaping works on UTF-8 bytes: multi-byte characters around and between escapes must come out whole.
    @Test func stringsEscapeLikeTheEncoder() {
        let samples = ["", "plain", "\u{0}", "a\u{0}b", "\u{1F}\u{7F}", "é\"ü\\ß", "😀\n😀", "e\u{301}\t",
                       "\u{2028}\u{2029}", "/slash/", "\r\n\u{8}\u{C}\u{B}", String(repeating: "ä\"", count: 300),
                       "日本語\u{1}", "\u{1}日本語", "\\\\\"\""]
        for sample in samples {
            // Bytes, not `String ==` (which equates canonically equivalent texts).
            #expect(Array(RowJSON.strings([sample]).utf8) == Array(Self.encoder([sample]).utf8), "\(Array(sample.unicodeScalars))")
            #expect(Array(RowJSON.stringMap([sample: sample]).utf8) == Array(Self.encoder([sample: sample]).utf8))
        }
        #expect(Array(RowJSON.strings(samples).utf8) == Array(Self.encoder(samples).utf8))
    }

    @Test func floatingPointIsLeftToTheEncoder() throws {
        let file = SigmaParser.parse(text: Self.yaml.replacingOccurrences(of: "Num: 12", with: "Num: 1.5"), path: "x.yml")
        let rule = try #require(file.rules.first, "\(file.diagnostics)")
        #expect(RowJSON.detections(rule.detection) == nil)
        #expect(RowJSON.detections(Detections(named: [], conditionTexts: ["s"], conditions: [.identifier("s")])) != nil)
    }

    @Test(.enabled(if: Fixtures.sharedRoot != nil, "../shared/corpus/sigma is absent"))
    func everyCorpusRuleMatchesTheEncoder() throws {
        let root = try #require(Fixtures.sharedRoot).appendingPathComponent("corpus/sigma")
        let (files, _) = RuleFileCollector.collect([root.path])
        var compared = 0, mismatched: [String] = []
        for input in files {
            guard let text = try? String(contentsOfFile: input.absolutePath, encoding: .utf8) else { continue }
            for rule in SigmaParser.parseWithoutWarnings(text: text, path: input.displayPath).rules {
                guard let fast = RowJSON.detections(rule.detection) else { continue }
                compared += 1
                if fast != Self.encoder(rule.detection) || RowJSON.stringMap(rule.custom) != Self.encoder(rule.custom) {
                    mismatched.append(input.displayPath)
                }
            }
        }
        #expect(compared > 2000)
        #expect(mismatched.isEmpty, "\(mismatched.prefix(5))")
    }
}
