@testable import Catalog
import Foundation
import GRDB
import SigmaKit
import Testing

/// Imports ../shared/corpus/sigma and checks technique and tactic searches against the rules' own tags.
@Suite struct CorpusSearchTests {
    @Test(.enabled(if: Fixtures.sharedRoot != nil, "../shared/corpus/sigma is absent"))
    func techniqueAndTacticSearchesMatchTheRulesOwnTags() throws {
        let shared = try #require(Fixtures.sharedRoot)
        let corpus = shared.appendingPathComponent("corpus/sigma").path
        let db = try AppDatabase.inMemory()
        let report = try RuleImporter().run(paths: [corpus], into: db)
        #expect(report.imported + report.unchanged > 2700, "\(report.summary)")
        #expect(report.rejected < 100, "\(report.summary)")

        // Expected sets computed independently: parse each imported file again and read its tags as text.
        var tagsByID: [String: [String]] = [:]
        let stored = try db.writer.read { try Row.fetchAll($0, sql: "SELECT id, yaml, source_path FROM rule WHERE kind = 'rule'") }
        for row in stored {
            let file = SigmaParser.parse(text: row["yaml"], path: row["source_path"])
            for rule in file.rules where rule.id?.lowercased() == row["id"] {
                tagsByID[row["id"]] = rule.tags.map { $0.lowercased() }
            }
        }
        #expect(tagsByID.count > 2700)

        func expected(_ match: (String) -> Bool) -> Set<String> {
            Set(tagsByID.filter { $0.value.contains(where: match) }.keys)
        }
        func found(_ configure: (inout RuleQuery) -> Void) throws -> Set<String> {
            Set(try Fixtures.ids(db, configure))
        }

        for technique in ["T1053", "T1059", "T1218", "T1685", "T1050"] {
            let tag = "attack." + technique.lowercased()
            let want = expected { $0 == tag || $0.hasPrefix(tag + ".") }
            #expect(!want.isEmpty, "\(technique)")
            #expect(try found { $0.techniques = [technique] } == want, "\(technique)")
        }
        for technique in ["T1053.003", "T1059.001", "T1685.001", "T1547.001"] {
            let want = expected { $0 == "attack." + technique.lowercased() }
            #expect(!want.isEmpty, "\(technique)")
            #expect(try found { $0.techniques = ["attack." + technique.lowercased()] } == want, "\(technique)")
        }
        for tactic in ["persistence", "privilege-escalation", "defense-evasion", "command-and-control", "stealth", "defense-impairment"] {
            let underscored = tactic.replacingOccurrences(of: "-", with: "_")
            let want = expected { $0 == "attack." + tactic || $0 == "attack." + underscored }
            #expect(!want.isEmpty, "\(tactic)")
            #expect(try found { $0.tactics = [tactic] } == want, "\(tactic)")
        }
        #expect(try found { $0.tactics = ["TA0003"] } == found { $0.tactics = ["persistence"] })

        // A second import of the same corpus changes nothing.
        let again = try RuleImporter().run(paths: [corpus], into: db)
        #expect(again.imported == 0 && again.updated == 0)
        #expect(again.unchanged == report.imported + report.unchanged)
        #expect(again.rejected == report.rejected)
    }
}
