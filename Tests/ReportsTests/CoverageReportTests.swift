import Catalog
import Foundation
import Reports
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small hand-made coverage values for the renderers.
enum CoverageFixtures {
    static func rule(_ n: Int, level: String? = "high") -> CoveredRule {
        CoveredRule(id: String(format: "00000000-0000-4000-8000-%012d", n), title: "Rule <\(n)> & co", level: level)
    }

    static func technique(_ id: String, _ name: String?, tactics: [String], score: Int, total: Int, known: Bool = true) -> TechniqueCoverage {
        TechniqueCoverage(id: id, name: name, tactics: tactics, platforms: ["Windows"], score: score, total: total, known: known,
                          rules: (0..<score).map { rule($0 + 1) })
    }

    static func cell(_ id: String, _ name: String, total: Int, subs: Int = 0, covered: Int = 0, known: Bool = true) -> AttackMatrix.Cell {
        AttackMatrix.Cell(id: id, name: name, score: total, total: total, subtechniques: subs, coveredSubtechniques: covered, known: known)
    }

    static let report: CoverageReport = {
        let techniques = [
            technique("T1003", "OS Credential Dumping", tactics: ["credential-access"], score: 0, total: 2),
            technique("T1003.001", "OS Credential Dumping: LSASS Memory", tactics: ["credential-access"], score: 2, total: 2),
            technique("T1059", "Command and Scripting Interpreter", tactics: ["execution"], score: 30, total: 31),
            technique("T1078", "Valid Accounts", tactics: ["defense-evasion", "initial-access", "persistence", "stealth"], score: 1, total: 1),
            technique("T9999", nil, tactics: ["stealth"], score: 1, total: 1, known: false),
        ]
        let tactics = [
            TacticCoverage(id: "TA0001", shortName: "initial-access", name: "Initial Access", known: true, techniques: 2, covered: 1, rules: 1),
            TacticCoverage(id: "TA0002", shortName: "execution", name: "Execution", known: true, techniques: 2, covered: 1, rules: 31),
            TacticCoverage(id: "TA0005", shortName: "defense-evasion", name: "Defense Evasion", known: true, techniques: 1, covered: 1, rules: 1),
            TacticCoverage(id: nil, shortName: "stealth", name: "Stealth", known: false, techniques: 2, covered: 2, rules: 2),
            TacticCoverage(id: "TA0006", shortName: "credential-access", name: "Credential Access", known: true, techniques: 3, covered: 1, rules: 2),
        ]
        let matrix = AttackMatrix(version: "18.1", columns: [
            .init(tactic: "initial-access", tacticID: "TA0001", name: "Initial Access", known: true,
                  cells: [cell("T1566", "Phishing", total: 0, subs: 4), cell("T1078", "Valid Accounts", total: 1, subs: 4)]),
            .init(tactic: "execution", tacticID: "TA0002", name: "Execution", known: true,
                  cells: [cell("T1059", "Command and Scripting Interpreter", total: 31, subs: 13, covered: 1), cell("T1106", "Native API", total: 0)]),
            .init(tactic: "defense-evasion", tacticID: "TA0005", name: "Defense Evasion", known: true, cells: [cell("T1078", "Valid Accounts", total: 1, subs: 4)]),
            .init(tactic: "stealth", tacticID: nil, name: "Stealth", known: false,
                  cells: [cell("T1078", "Valid Accounts", total: 1, subs: 4), cell("T9999", "T9999", total: 1, known: false)]),
            .init(tactic: "credential-access", tacticID: "TA0006", name: "Credential Access", known: true,
                  cells: [cell("T1003", "OS Credential Dumping", total: 2, subs: 8, covered: 1), cell("T1110", "Brute Force", total: 0, subs: 4),
                          cell("T1555", "Credentials from Password Stores with a Very Long Name Indeed", total: 5)]),
        ])
        return CoverageReport(attackVersion: "18.1", rules: 34, platforms: [], techniques: techniques, tactics: tactics, matrix: matrix)
    }()

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}

@Suite struct CoverageLayerTests {
    @Test func layerFollowsTheFormatRules() throws {
        let text = try CoverageLayer.json(CoverageLayer.layer(CoverageFixtures.report, options: .init(guideBaseURL: "https://wiki.example.org/hunt")))
        let json = try CoverageFixtures.json(text)
        #expect(NavigatorLayerRules.violations(json) == [])
        let layer = try #require(json as? [String: Any])
        let versions = try #require(layer["versions"] as? [String: String])
        #expect(versions == ["layer": "4.5", "navigator": CoverageLayer.navigatorVersion, "attack": "18.1"])
        #expect(layer["domain"] as? String == "enterprise-attack")
        #expect((layer["legendItems"] as? [Any])?.isEmpty == false)
        let gradient = try #require(layer["gradient"] as? [String: Any])
        #expect(gradient["maxValue"] as? Int == 30)
    }

    @Test func oneEntryPerTechniqueAndTacticWithTheSameScore() throws {
        let layer = CoverageLayer.layer(CoverageFixtures.report)
        let valid = layer.techniques.filter { $0.techniqueID == "T1078" }
        #expect(valid.map(\.tactic) == ["defense-evasion", "initial-access", "persistence", "stealth"])
        #expect(Set(valid.map(\.score)) == [1])
        let unknown = try #require(layer.techniques.first { $0.techniqueID == "T9999" })
        #expect(unknown.tactic == "stealth")
        #expect(unknown.comment?.contains("Not in the loaded ATT&CK catalog") == true)
        // A parent covered only through sub-techniques is unscored and opens its sub-techniques.
        let parent = try #require(layer.techniques.first { $0.techniqueID == "T1003" })
        #expect(parent.score == nil)
        #expect(parent.showSubtechniques == true)
        #expect(layer.techniques.first { $0.techniqueID == "T1003.001" }?.score == 2)
        #expect(layer.links == nil, "no guide URL, no links")
    }

    @Test func commentsAndMetadataNameRulesWithACap() throws {
        let layer = CoverageLayer.layer(CoverageFixtures.report, options: .init(guideBaseURL: "https://wiki.example.org/hunt/"))
        let busy = try #require(layer.techniques.first { $0.techniqueID == "T1059" })
        #expect(busy.comment?.hasPrefix("30 rules: Rule <1> & co (high); ") == true)
        #expect(busy.comment?.contains("and 25 more") == true)
        #expect(busy.comment?.contains("With sub-techniques: 31 rules.") == true)
        let ruleEntries = (busy.metadata ?? []).filter { $0.name == "high" }
        #expect(ruleEntries.count == CoverageLayer.ruleCap)
        #expect(busy.metadata?.last == .item("more", "5 more rules"))
        #expect(busy.links?.map(\.url) == ["https://wiki.example.org/hunt/T1059.md"])
        #expect(busy.links?.first?.label == "Hunt guide T1059")
    }

    @Test func emptyReportIsAValidLayer() throws {
        let empty = CoverageReport(attackVersion: nil, rules: 0, platforms: [], techniques: [], tactics: [],
                                   matrix: AttackMatrix(version: nil, columns: []))
        let json = try CoverageFixtures.json(try CoverageLayer.json(CoverageLayer.layer(empty)))
        #expect(NavigatorLayerRules.violations(json) == [])
        #expect(((json as? [String: Any])?["techniques"] as? [Any])?.isEmpty == true)
    }

    @Test func checkerCatchesBrokenLayers() throws {
        #expect(NavigatorLayerRules.violations(["name": "x"]).contains("$.domain: required"))
        let bad: [String: Any] = ["name": "x", "domain": "enterprise-attack", "versions": ["layer": "4.4", "navigator": "4.8.2"],
                                  "techniques": [["techniqueID": "1059", "score": "3"]], "gradient": ["colors": ["#ffffff"], "minValue": 5, "maxValue": 5],
                                  "sorting": 7, "extra": true]
        let problems = NavigatorLayerRules.violations(bad)
        for expected in ["$.versions.layer: must be \"4.5\", not \"4.4\"", "$.versions.navigator: must be at least 4.9.0, not 4.8.2",
                         "$.techniques[0].techniqueID: '1059' is not T#### or T####.###", "$.techniques[0].score: number",
                         "$.gradient.colors: at least two hex colours", "$.gradient: maxValue must be > minValue", "$.sorting: 0 to 3",
                         "$.extra: not a 4.5 layer property"] {
            #expect(problems.contains(expected), "\(expected)")
        }
    }

    @Test func deltaLayerScoresChangesAndColoursGainAndLoss() throws {
        let delta = CoverageDelta(attackVersion: "18.1", source: "team", since: nil, fromImport: 2, toImport: 3, runs: [], techniques: [
            TechniqueDelta(id: "T1003", name: "OS Credential Dumping", tactics: ["credential-access"], change: 0,
                           gained: [CoverageFixtures.rule(4)], lost: [CoverageFixtures.rule(3)], known: true),
            TechniqueDelta(id: "T1021", name: "Remote Services", tactics: ["lateral-movement"], change: 2,
                           gained: [CoverageFixtures.rule(1), CoverageFixtures.rule(2)], lost: [], known: true),
            TechniqueDelta(id: "T1110", name: "Brute Force", tactics: ["credential-access"], change: -1,
                           gained: [], lost: [CoverageFixtures.rule(5)], known: true),
        ])
        let layer = CoverageLayer.layer(delta)
        let json = try CoverageFixtures.json(try CoverageLayer.json(layer))
        #expect(NavigatorLayerRules.violations(json) == [])
        #expect(layer.techniques.map(\.techniqueID) == ["T1021", "T1110"], "a swap without a net change is not a change of count")
        #expect(layer.techniques[0].score == 2)
        #expect(layer.techniques[0].color == "#1a9850")
        #expect(layer.techniques[1].score == -1)
        #expect(layer.techniques[1].color == "#d73027")
        #expect(layer.techniques[1].comment == "Lost 1 rule: Rule <5> & co (high)")
        #expect(layer.gradient.minValue == -2 && layer.gradient.maxValue == 2)
        #expect(layer.legendItems.map(\.label) == ["rules lost", "rules gained"])

        let markdown = CoverageMarkdown.changesSection(delta)
        #expect(markdown.hasPrefix("## Coverage changes\n\n1 technique gained rules, 1 lost rules, 1 swapped rules without a net change.\n"))
        #expect(markdown.contains("| `T1021` | Remote Services | +2 | Rule \\<1\\> & co (`00000000-0000-4000-8000-000000000001`)<br>"))
        #expect(markdown.contains("| `T1110` | Brute Force | -1 |  | Rule \\<5\\> & co"))
        #expect(CoverageMarkdown.changesSection(CoverageDelta(attackVersion: nil, runs: [], techniques: []), level: 3)
                == "### Coverage changes\n\nNo technique gained or lost a rule.\n")
    }
}

@Suite struct CoverageSVGTests {
    static let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/coverage_matrix.svg")

    /// Cells (technique, tactic) and columns, in document order.
    final class Collector: NSObject, XMLParserDelegate {
        var columns: [String] = []
        var cells: [(technique: String, tactic: String, total: Int)] = []
        var elements: Set<String> = []
        var attributeNames: Set<String> = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.insert(name)
            attributeNames.formUnion(attributes.keys)
            if name == "g", attributes["class"] == "column", let tactic = attributes["data-tactic"] { columns.append(tactic) }
            if name == "g", attributes["class"] == "cell", let technique = attributes["data-technique"], let tactic = attributes["data-tactic"] {
                cells.append((technique, tactic, Int(attributes["data-total"] ?? "") ?? -1))
            }
        }
    }

    static func parse(_ svg: String) throws -> Collector {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        return collector
    }

    @Test func oneCellPerTechniqueInMatrixOrderedColumns() throws {
        let svg = CoverageSVG.render(CoverageFixtures.report)
        let parsed = try Self.parse(svg)
        let report = CoverageFixtures.report
        #expect(parsed.columns == report.matrix.columns.map(\.tactic))
        let expected = report.matrix.columns.flatMap { column in column.cells.map { "\(column.tactic)/\($0.id)/\($0.total)" } }
        #expect(parsed.cells.map { "\($0.tactic)/\($0.technique)/\($0.total)" } == expected)
        // Self-contained: nothing that could fetch or run anything.
        #expect(parsed.elements.isDisjoint(with: ["script", "image", "use", "foreignObject", "style", "a", "link"]))
        #expect(!parsed.attributeNames.contains { $0.contains("href") })
        #expect(!svg.contains("url(") && !svg.contains("@import"))
        #expect(svg.contains("Rule <") == false && svg.contains("Rule &lt;") == false, "rule titles are not drawn")
        #expect(svg.contains(">Credentials from Passwo") && !svg.contains(">Credentials from Password Stores"), "long names are shortened")
        #expect(svg.contains("…</text>"))
        #expect(svg.contains("<title>T1555 Credentials from Password Stores with a Very Long Name Indeed:"), "in full on hover")
        #expect(svg.contains(">Stealth<") && svg.contains("not in ATT&amp;CK 18.1"))
    }

    @Test func coloursFollowTheBuckets() {
        #expect(CoverageSVG.fill(for: 0) == "#f2f2f2")
        #expect(CoverageSVG.fill(for: 1) == "#d9f0a3")
        #expect(CoverageSVG.fill(for: 4) == "#addd8e")
        #expect(CoverageSVG.fill(for: 31) == "#006837")
        #expect(CoverageSVG.fill(for: 500) == "#004529")
    }

    @Test func matchesGolden() throws {
        let svg = CoverageSVG.render(CoverageFixtures.report)
        if ProcessInfo.processInfo.environment["HUNTKB_UPDATE_GOLDEN"] == "1" {
            try svg.write(to: Self.goldenURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: Self.goldenURL, encoding: .utf8)
        #expect(svg == expected, "coverage_matrix.svg differs from its golden file (HUNTKB_UPDATE_GOLDEN=1 to accept)")
    }

    @Test func emptyMatrixStillDraws() throws {
        let empty = CoverageReport(attackVersion: nil, rules: 0, platforms: [], techniques: [], tactics: [],
                                   matrix: AttackMatrix(version: nil, columns: []))
        let parsed = try Self.parse(CoverageSVG.render(empty))
        #expect(parsed.cells.isEmpty && parsed.columns.isEmpty)
    }
}
