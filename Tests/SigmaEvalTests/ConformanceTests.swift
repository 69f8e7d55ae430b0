import Foundation
import Testing
import SigmaEval
import SigmaKit

/// The shared reference corpus, when present ($HUNTKB_SHARED, else ../shared beside the checkout).
enum SharedCorpus {
    static var root: String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["HUNTKB_SHARED"], fm.fileExists(atPath: env + "/corpus/events") {
            return env
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let beside = package.deletingLastPathComponent().appendingPathComponent("shared").path
        return fm.fileExists(atPath: beside + "/corpus/events/reference-matches.jsonl") ? beside : nil
    }
    static var available: Bool { root != nil }
}

/// Every corpus rule against every regression event, in both modes, compared with pySigma + SQLite's
/// reference matches.
@Suite("Conformance with the reference matches", .enabled(if: SharedCorpus.available))
struct ConformanceTests {
    struct Key: Hashable, CustomStringConvertible {
        var rulePath: String, event: String, record: Int
        var description: String { "\(rulePath) on \(event)#\(record)" }
    }

    static func files(under dir: String, ext: String) -> [String] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: dir) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(ext) }.sorted()
    }

    @Test func allRulesAllEventsBothModes() throws {
        let root = try #require(SharedCorpus.root)
        let sigma = root + "/corpus/sigma"
        let eventsDir = root + "/corpus/events"

        var rules: [(path: String, rule: SigmaRule)] = []
        var unparsed: Set<String> = []
        for dir in ["rules", "deprecated", "unsupported", "rules-placeholder"] {
            for rel in Self.files(under: sigma + "/" + dir, ext: ".yml") {
                let path = dir + "/" + rel
                let file = SigmaParser.parseFileWithoutWarnings(atPath: sigma + "/" + path)
                if !file.errors.isEmpty || file.rules.isEmpty { unparsed.insert(path); continue }
                for r in file.rules { rules.append((path, r)) }
            }
        }

        var events: [(path: String, record: Int, event: Event)] = []
        for rel in Self.files(under: eventsDir + "/rules", ext: ".json") {
            let path = "rules/" + rel
            try EventFileReader().read(path: eventsDir + "/" + path) { index, result in
                events.append((path, index, try result.get()))
            }
        }

        var expected: [EvaluationMode: Set<Key>] = [.detection: [], .logsource: []]
        var referenceErrors: [EvaluationMode: Set<String>] = [.detection: [], .logsource: []]
        let lines = try String(contentsOfFile: eventsDir + "/reference-matches.jsonl", encoding: .utf8).split(separator: "\n")
        for line in lines {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let mode = try #require(EvaluationMode(rawValue: obj["mode"] as? String ?? ""))
            let path = obj["rule_path"] as? String ?? ""
            if obj["error"] != nil { referenceErrors[mode]!.insert(path); continue }
            expected[mode]!.insert(Key(rulePath: path, event: obj["event"] as? String ?? "", record: obj["record"] as? Int ?? -1))
        }

        for mode in EvaluationMode.allCases {
            let considered = rules.filter { !referenceErrors[mode]!.contains($0.path) }
            let set = RuleSet(rules: considered.map(\.rule), mode: mode)
            let pathOf = Dictionary(considered.map { ($0.rule.id ?? $0.path, $0.path) }, uniquingKeysWith: { a, _ in a })
            var found: Set<Key> = []
            for e in events {
                for i in set.matches(e.event) {
                    let r = set.rules[i].rule
                    found.insert(Key(rulePath: pathOf[r.id ?? ""] ?? "?", event: e.path, record: e.record))
                }
            }
            let want = expected[mode]!.filter { !unparsed.contains($0.rulePath) }
            let missing = want.subtracting(found).sorted { $0.description < $1.description }
            let extra = found.subtracting(want).sorted { $0.description < $1.description }
            let refusedHere = set.refused.map { "\($0.rule.title): \($0.reason)" }
            print("conformance \(mode.rawValue): rules \(considered.count) (refused by the engine \(set.refused.count), "
                  + "not applicable \(set.notApplicable.count), left out as reference errors \(referenceErrors[mode]!.count)), "
                  + "events \(events.count), expected \(want.count), found \(found.count), missing \(missing.count), extra \(extra.count)")
            #expect(missing.isEmpty, "\(mode.rawValue) missing: \(missing.prefix(20))")
            #expect(extra.isEmpty, "\(mode.rawValue) extra: \(extra.prefix(20))")
            #expect(refusedHere.isEmpty, "\(mode.rawValue) refused: \(refusedHere.prefix(20))")
            #expect(expected[mode]!.count - want.count == 0, "reference matches of rules SigmaKit does not parse")
        }
        #expect(events.count > 150)
    }
}
