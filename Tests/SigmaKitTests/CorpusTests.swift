import Foundation
import Testing
@testable import SigmaKit

/// The whole SigmaHQ corpus of ../shared against pySigma's verdicts.
@Suite("Corpus")
struct CorpusTests {
    static let converterLimits: Set<String> = ["SigmaPlaceholderError", "SigmaFeatureNotSupportedByBackendError"]

    @Test("rules the reference accepts validate; rules it rejects are rejected; detections round-trip",
          .enabled(if: SharedCorpus.root != nil, "../shared/corpus/sigma not found"))
    func corpus() throws {
        let root = try #require(SharedCorpus.root)
        let oracle = SharedCorpus.oracle(root, name: "splunk")
        let files = SharedCorpus.ruleFiles(in: root)
        #expect(files.count > 2000)
        var wronglyRejected: [String] = []
        var wronglyAccepted: [String] = []
        var roundTripFailures: [String] = []
        var counts: [String: Int] = [:]
        var documents = 0
        let start = Date()
        for (relative, absolute) in files {
            let file = SigmaParser.parseFile(atPath: absolute)
            documents += file.documents.count
            for d in file.diagnostics { counts["\(d.severity.rawValue) \(d.code)", default: 0] += 1 }
            guard let verdict = oracle[relative] else { continue }
            let valid = verdict == nil || Self.converterLimits.contains(verdict!)
            if valid && !file.errors.isEmpty {
                wronglyRejected.append("\(relative): \(file.errors.map(\.description).joined(separator: " | "))")
            }
            if !valid && file.errors.isEmpty {
                wronglyAccepted.append("\(relative) (reference: \(verdict ?? "?"))")
            }
            for rule in file.rules {
                let back = try DetectionJSON.decode(try DetectionJSON.encode(rule.detection))
                if back != rule.detection { roundTripFailures.append(relative) }
            }
        }
        print("CorpusTests: \(files.count) files, \(documents) documents in \(String(format: "%.2f", Date().timeIntervalSince(start))) s "
              + "(parse, warnings, JSON round trip); " + counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        for line in wronglyRejected.prefix(40) { print("REJECTED: \(line)") }
        for line in wronglyAccepted.prefix(40) { print("ACCEPTED: \(line)") }
        #expect(wronglyRejected.isEmpty, "\(wronglyRejected.count) valid rules rejected")
        #expect(wronglyAccepted.isEmpty, "\(wronglyAccepted.count) invalid rules accepted")
        #expect(roundTripFailures.isEmpty, "\(roundTripFailures.count) detections do not round-trip")
    }
}
