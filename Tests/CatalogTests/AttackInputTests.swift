@testable import Catalog
import Foundation
import GRDB
import Testing

/// The one technique/tactic parser: accepted spellings, refusals and their suggestions (seeded ATT&CK).
@Suite struct AttackInputTests {
    let db: AppDatabase
    init() throws { db = try AppDatabase.inMemory() }

    @Test(arguments: [("T1053.003", "T1053.003"), ("t1053.003", "T1053.003"), ("attack.t1053.003", "T1053.003"),
                      (" T1053 ", "T1053"), ("ATTACK.T1059", "T1059")])
    func acceptsTechniqueSpellings(input: String, expected: String) throws {
        #expect(try db.parseTechnique(input) == expected)
    }

    @Test func misshapenSubTechniqueSuggestsThePaddedIdNotANeighbour() throws {
        let refusal = try #require(throws: AttackInput.Refusal.self) { try db.parseTechnique("T1053.3") }
        #expect(refusal.suggestion == "T1053.003 (Cron)")
        #expect(refusal.description == "'T1053.3' is not an ATT&CK technique id (expected T1234 or T1234.567) (did you mean T1053.003 (Cron)?)")
    }

    @Test func unknownSubTechniqueSuggestsOneOfTheSameParent() throws {
        let refusal = try #require(throws: AttackInput.Refusal.self) { try db.parseTechnique("T1053.099") }
        #expect(refusal.suggestion?.hasPrefix("T1053") == true, "\(String(describing: refusal.suggestion))")
        #expect(!refusal.malformed)
    }

    @Test func techniqueByNameIsRefusedWithItsId() throws {
        let refusal = try #require(throws: AttackInput.Refusal.self) { try db.parseTechnique("cron") }
        #expect(refusal.suggestion == "T1053.003 (Cron)")
    }

    @Test(arguments: [("persistence", "persistence"), ("TA0003", "persistence"), ("ta0004", "privilege-escalation"),
                      ("Privilege Escalation", "privilege-escalation"), ("privilege_escalation", "privilege-escalation"),
                      ("attack.persistence", "persistence")])
    func acceptsTacticSpellings(input: String, expected: String) throws {
        #expect(try db.parseTactic(input) == expected)
    }

    @Test func misspelledTacticIsRefusedWithASuggestion() throws {
        let refusal = try #require(throws: AttackInput.Refusal.self) { try db.parseTactic("persistance") }
        #expect(refusal.description == "unknown ATT&CK tactic 'persistance' (did you mean persistence?)")
        #expect(try #require(throws: AttackInput.Refusal.self) { try db.parseTactic("nonsense-words-here") }.suggestion == nil)
    }

    @Test func searchRefusesWhatTheParserRefuses() throws {
        #expect(throws: CatalogError.invalidFilter("unknown ATT&CK tactic 'persistance' (did you mean persistence?)")) {
            try db.writer.read { try RuleSearch.search($0, { var q = RuleQuery(); q.tactics = ["persistance"]; return q }()) }
        }
    }
}
