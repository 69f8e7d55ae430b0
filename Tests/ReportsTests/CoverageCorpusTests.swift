import Catalog
import Foundation
import Reports
import Testing
import Yams

/// Coverage of the shared SigmaHQ corpus, checked against tags read straight from the rule files with Yams.
@Suite struct CoverageCorpusTests {
    /// `$HUNTKB_SHARED`, else `../shared` beside the package, when it holds the corpus.
    static let shared: URL? = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [ProcessInfo.processInfo.environment["HUNTKB_SHARED"].map { URL(fileURLWithPath: $0) },
                          packageRoot.deletingLastPathComponent().appendingPathComponent("shared")].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("corpus/sigma/rules").path) }
    }()

    /// What the rule files say, independently of the catalog: counted rules' exact technique tags.
    struct Expected {
        var exact: [String: Set<String>] = [:]
        var total: [String: Set<String>] = [:]
    }

    static func expected(ids: [String: String]) throws -> Expected {
        var out = Expected()
        let pattern = try NSRegularExpression(pattern: #"^attack\.(t[0-9]{4}(\.[0-9]{3})?)$"#)
        for (id, path) in ids {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for case let document as [String: Any] in try Yams.load_all(yaml: text) {
                guard (document["id"] as? String)?.lowercased() == id else { continue }
                if document["filter"] != nil && document["detection"] == nil { continue }
                if let status = document["status"] as? String, ["deprecated", "unsupported"].contains(status) { continue }
                for tag in (document["tags"] as? [Any] ?? []).compactMap({ ($0 as? String)?.lowercased() }) {
                    let range = NSRange(tag.startIndex..., in: tag)
                    guard let match = pattern.firstMatch(in: tag, range: range), let r = Range(match.range(at: 1), in: tag) else { continue }
                    let technique = tag[r].uppercased()
                    out.exact[technique, default: []].insert(id)
                    out.total[technique, default: []].insert(id)
                    if let dot = technique.firstIndex(of: ".") { out.total[String(technique[..<dot]), default: []].insert(id) }
                }
            }
        }
        return out
    }

    @Test(.enabled(if: shared != nil)) func layerScoresEqualTheRuleFilesTags() throws {
        let corpus = Self.shared!.appendingPathComponent("corpus/sigma").path
        let db = try AppDatabase.inMemory()
        var importer = RuleImporter()
        importer.targetKeys = []
        let imported = try importer.run(paths: [corpus], into: db)
        #expect(imported.imported > 2700, "\(imported.summary)")

        // Where each stored rule came from (the seed's rule is not in the corpus and is left to the catalog).
        var everything = RuleQuery()
        everything.includeRemoved = true
        let stored = try db.search(everything).map { ($0.id, $0.path) }
        let files = Dictionary(stored.filter { $0.1.hasPrefix(corpus) }, uniquingKeysWith: { a, _ in a })
        let seedOnly = Set(stored.map(\.0)).subtracting(files.keys)
        var expected = try Self.expected(ids: files)
        // The seed rule is tagged T1053.003 only.
        for id in seedOnly {
            expected.exact["T1053.003", default: []].insert(id)
            expected.total["T1053.003", default: []].insert(id)
            expected.total["T1053", default: []].insert(id)
        }
        #expect(expected.exact.count > 300)

        var clock = ContinuousClock.now
        let report = try db.coverage(CoverageQuery())
        let layer = CoverageLayer.layer(report)
        let text = try CoverageLayer.json(layer)
        let layerSeconds = ContinuousClock.now - clock
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        #expect(NavigatorLayerRules.violations(json) == [])

        // Every technique's score in the layer is the count of rules carrying exactly its tag, under every tactic.
        var scores: [String: Set<Int>] = [:]
        for entry in (json as? [String: Any])?["techniques"] as? [[String: Any]] ?? [] {
            let id = entry["techniqueID"] as! String
            scores[id, default: []].insert(entry["score"] as? Int ?? 0)
        }
        for (technique, rules) in expected.exact {
            #expect(scores[technique] == [rules.count], "\(technique): layer \(scores[technique] ?? []) vs files \(rules.count)")
        }
        for (technique, values) in scores where expected.exact[technique] == nil {
            #expect(values == [0], "\(technique) has no rule with its exact tag")
        }
        // Parents' totals include their sub-techniques (distinct rules).
        let byID = Dictionary(uniqueKeysWithValues: report.techniques.map { ($0.id, $0) })
        for (technique, rules) in expected.total {
            #expect(byID[technique]?.total == rules.count, "\(technique) total")
        }
        #expect(byID.count == expected.total.count)
        // Entries per technique: one per tactic.
        for technique in report.techniques where technique.score > 0 {
            let entries = layer.techniques.filter { $0.techniqueID == technique.id }
            #expect(entries.count == max(1, technique.tactics.count), "\(technique.id)")
        }
        #expect(report.tactics.contains { $0.shortName == "stealth" && !$0.known && $0.rules > 500 })

        clock = ContinuousClock.now
        let svg = CoverageSVG.render(try db.coverage(CoverageQuery()))
        let svgSeconds = ContinuousClock.now - clock
        let cells = svg.components(separatedBy: "<g class=\"cell\"").count - 1
        #expect(cells == report.matrix.columns.map(\.cells.count).reduce(0, +))
        print("coverage over the corpus (in-process, this build): layer \(layerSeconds), svg \(svgSeconds), \(cells) cells")
    }
}
