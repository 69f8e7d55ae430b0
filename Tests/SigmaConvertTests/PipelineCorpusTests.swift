import Foundation
import Testing
import SigmaKit
@testable import SigmaConvert

/// The kusto pipelines over the SigmaHQ corpus, checked against pySigma's outcome per rule
/// (../shared/corpus/oracle): where pySigma converted, the pipeline accepts; where pySigma's pipeline refused
/// (no table, unknown field, no hash algorithm), the pipeline refuses for the same reason.
struct PipelineCorpusTests {
    static let shared: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared").standardized

    static let oracleNames = ["sentinel_asim": "asim", "microsoft_xdr": "xdr", "azure_monitor": "azure"]

    /// What pySigma's pipeline decided for a rule, as far as the oracle tells.
    enum Expected: Equatable {
        case accepted
        case refused(ConversionError.Kind, naming: String?)
        case unknown
    }

    static func expected(_ record: [String: Any]) -> Expected {
        if record["query"] != nil { return .accepted }
        guard let error = record["error"] as? String else { return .unknown }
        if error.hasPrefix("SigmaTransformationError: Unable to determine table name") {
            return .refused(.unmappedLogSource, naming: nil)
        }
        let marker = "Invalid SigmaDetectionItem field name encountered: "
        if let range = error.range(of: marker) {
            let field = error[range.upperBound...].prefix { $0 != "." }
            return .refused(.unknownField, naming: String(field))
        }
        if error.hasPrefix("InvalidHashAlgorithmError") { return .refused(.unsupported, naming: nil) }
        return .unknown
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: PipelineCorpusTests.shared.appendingPathComponent("corpus/oracle").path),
                   "../shared/corpus/oracle is absent"),
          arguments: ["sentinel_asim", "microsoft_xdr", "azure_monitor"])
    func pipelineAgreesWithPySigmaOnCorpus(name: String) throws {
        let corpus = Self.shared.appendingPathComponent("corpus/sigma").path
        let oraclePath = Self.shared.appendingPathComponent("corpus/oracle/\(Self.oracleNames[name] ?? name).jsonl").path
        let oracle = try String(contentsOfFile: oraclePath, encoding: .utf8)
        let pipeline = try #require(KustoPipelines.named(name))
        var checked = 0
        var disagreements: [String] = []
        var lines: [String] = []
        for line in oracle.split(separator: "\n") {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let path = record["path"] as? String else { continue }
            let file = SigmaParser.parseFile(atPath: corpus + "/" + path)
            guard file.errors.isEmpty, let rule = file.rules.first else { continue }
            let expected = Self.expected(record)
            let outcome: Result<ProcessedRule, ConversionError> = Result { () throws(ConversionError) in
                try pipeline.apply(to: rule)
            }
            lines.append(Self.dumpLine(path: path, outcome))
            guard expected != .unknown else { continue }
            checked += 1
            switch (expected, outcome) {
            case (.accepted, .success(let processed)):
                if processed.state.queryTable == nil { disagreements.append("\(path): no query table") }
            case (.refused(let kind, let field), .failure(let error)):
                if error.kind != kind || !(field.map { error.message.contains("'\($0)'") } ?? true) {
                    disagreements.append("\(path): expected \(kind) \(field ?? ""), got \(error.kind): \(error.message)")
                }
            case (_, .success):
                disagreements.append("\(path): accepted, pySigma refused")
            case (_, .failure(let error)):
                disagreements.append("\(path): refused (\(error.message)), pySigma accepted")
            }
        }
        #expect(checked > 2000, "too few corpus rules checked: \(checked)")
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(5))")
        // Developer aid: HUNTKB_PIPELINE_DUMP=<folder> writes the processed trees for diffing with pySigma's.
        if let out = ProcessInfo.processInfo.environment["HUNTKB_PIPELINE_DUMP"] {
            try (lines.joined(separator: "\n") + "\n").write(toFile: out + "/swift_\(name).jsonl", atomically: true, encoding: .utf8)
        }
    }

    static func dumpLine(path: String, _ outcome: Result<ProcessedRule, ConversionError>) -> String {
        var record: [String: Any] = ["path": path]
        switch outcome {
        case .success(let processed):
            record["table"] = processed.state.queryTable
            var detections: [String: Any] = [:]
            for named in processed.rule.detection.named { detections[named.name] = json(.group(named.body)) }
            record["detections"] = detections
        case .failure(let error):
            record["error"] = "\(error.kind.rawValue): \(error.message)"
        }
        let data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ node: DetectionNode) -> Any {
        switch node {
        case .group(let g): return ["op": g.linking.rawValue, "nodes": g.nodes.map(json)]
        case .item(let i):
            return ["field": i.field as Any? ?? NSNull(), "link": i.valueLinking.rawValue,
                    "values": i.values.map(PipelineFixture.render)]
        }
    }
}
