import Testing
@testable import SigmaKit

/// The nesting scan runs only when the block reader hands a file to libyaml, so everything the reader reads must
/// be something the scan accepts: deep or far-indented input is still refused with the scan's message.
@Suite struct NestingGuardTests {
    static let maxDepth = SigmaLimits.maxDepth

    /// Nested maps, `levels` deep, indented by `step` spaces a level.
    static func nestedMaps(_ levels: Int, step: Int) -> String {
        (0..<levels).map { String(repeating: " ", count: $0 * step) + "k\($0):" }.joined(separator: "\n") + " x\n"
    }

    /// `levels` maps deep, then a line of `chain` nested list markers.
    static func chained(_ levels: Int, step: Int, chain: Int) -> String {
        String(nestedMaps(levels, step: step).dropLast(3)) + "\n" + String(repeating: " ", count: levels * step)
            + String(repeating: "- ", count: chain) + "x\n"
    }

    @Test func whatTheReaderReadsTheScanAccepts() {
        var inputs: [String] = []
        for levels in [1, 20, 49, 50, 51, 99, 100, 101, 150, 199, 201] {
            for step in [1, 2, 3, 4, 8] {
                inputs.append(Self.nestedMaps(levels, step: step))
                for chain in [1, 30, 60, 99, 150] { inputs.append(Self.chained(levels, step: step, chain: chain)) }
            }
        }
        var read = 0
        for text in inputs {
            var bytes = text
            let root = bytes.withUTF8 { BlockYAMLReader.read($0, nodeBudget: SigmaLimits.maxNodes, maxDepth: Self.maxDepth) }
            guard root != nil else { continue }
            read += 1
            #expect(NestingScanner.check(text, maxDepth: Self.maxDepth) == nil, "the reader read what the scan refuses: \(text.prefix(80))")
        }
        // The reader still takes ordinary (shallow) input itself.
        #expect(read > 20)
    }

    @Test func deepAndFarIndentedInputIsStillRefused() {
        // 150 list markers on a line indented 120 columns: the scan's estimate of depth (indentation / 2 plus the
        // markers) passes 200, though the lists are only 151 levels deep.
        let chain = "a:\n" + String(repeating: " ", count: 120) + String(repeating: "- ", count: 150) + "x\n"
        let deep = YAMLLoader().load(chain).failure
        #expect(deep?.code == "yaml-too-deep")
        #expect(deep?.message == "YAML nesting deeper than 200 levels")
        // A comment indented past 1,600 columns, between ordinary keys.
        let comment = "a: 1\n" + String(repeating: " ", count: 1_700) + "# note\nb: 2\n"
        let failure = YAMLLoader().load(comment).failure
        #expect(failure?.code == "yaml-too-deep")
        #expect(failure?.message == "YAML indentation deeper than 1600 columns")
        // Shallow input with the same shape reads as before.
        #expect(YAMLLoader().load(Self.nestedMaps(10, step: 4)).failure == nil)
        #expect(YAMLLoader().load("a: 1\n" + String(repeating: " ", count: 300) + "\nb: 2\n").failure == nil)
    }
}
