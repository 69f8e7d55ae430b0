import Foundation
import SigmaKit
import Testing
@testable import SigmaConvert

/// Every corpus rule converted for every target and compared with pySigma's query (../shared/corpus/oracle):
/// the same query, or both refused. Skipped with a message when the shared corpus is absent.
@Suite("Corpus conformance with pySigma", .serialized)
struct EngineCorpusConformanceTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared").standardized

    static let targets: [(oracle: String, key: String)] = [
        ("asim", "kusto/sentinel_asim"), ("xdr", "kusto/microsoft_xdr"), ("azure", "kusto/azure_monitor"),
        ("splunk", "splunk"), ("lucene", "lucene"),
    ]

    /// Parsed once for all targets.
    static let corpus: [String: SigmaFile]? = {
        let root = shared.appendingPathComponent("corpus/sigma").path
        guard let oracle = try? String(contentsOfFile: shared.appendingPathComponent("corpus/oracle/splunk.jsonl").path, encoding: .utf8) else {
            return nil
        }
        var files: [String: SigmaFile] = [:]
        for line in oracle.split(separator: "\n") {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let path = record["path"] as? String else { continue }
            files[path] = SigmaParser.parseFileWithoutWarnings(atPath: root + "/" + path)
        }
        return files
    }()

    @Test(.enabled(if: FileManager.default.fileExists(atPath: EngineCorpusConformanceTests.shared.appendingPathComponent("corpus/oracle").path),
                   "../shared/corpus/oracle is absent"),
          arguments: targets.map(\.oracle))
    func agreesWithTheReference(oracle name: String) throws {
        let corpus = try #require(Self.corpus)
        let oracle = try String(contentsOfFile: Self.shared.appendingPathComponent("corpus/oracle/\(name).jsonl").path, encoding: .utf8)
        let key = try #require(Self.targets.first(where: { $0.oracle == name })?.key)
        let converter = try Converter(key: key)
        var total = 0
        var differences: [String] = []
        for line in oracle.split(separator: "\n") {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let path = record["path"] as? String, let file = corpus[path] else { continue }
            total += 1
            let reference = record["query"] as? String
            switch (reference, converter.convert(file: file)) {
            case (let want?, .success(let got)) where want == got: continue
            case (nil, .failure): continue
            case (let want, let got):
                differences.append("\(path)\n  reference: \(want ?? "refused")\n  huntkb:    \(got)")
            }
        }
        print("\(name): \(total - differences.count)/\(total) agree")
        #expect(total > 2000, "the oracle should cover the whole corpus")
        // The corpus is at 100%; allow nothing to slip silently.
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(3).joined(separator: "\n"))")
    }
}
