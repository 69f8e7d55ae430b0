@testable import Catalog
import Foundation
import GRDB
import Testing

/// Fixture catalog written for the search filters: each rule differs in exactly what a test looks at.
private func searchCatalog() throws -> AppDatabase {
    let rules: [(String, String)] = [
        ("parent.yml", Fixtures.rule(id: Fixtures.id(1), title: "Parent technique", level: "low",
                                     tags: ["attack.persistence", "attack.t1053"], date: "2019-05-05")),
        ("cron.yml", Fixtures.rule(id: Fixtures.id(2), title: "Cron sub-technique", level: "critical",
                                   tags: ["attack.execution", "attack.T1053.003"], date: "2020-01-01", modified: "2023-06-30")),
        ("at.yml", Fixtures.rule(id: Fixtures.id(3), title: "At sub-technique", status: "stable", level: "high",
                                 tags: ["attack.privilege_escalation", "attack.t1053.002"], product: "windows",
                                 category: nil, service: "security", date: "2021-03-03")),
        ("other.yml", Fixtures.rule(id: Fixtures.id(4), title: "Lookalike T10530", status: "experimental", level: "high",
                                    tags: ["attack.t1059.001", "attack.defense-evasion"], product: "windows",
                                    category: "process_creation", date: "2022-02-02", modified: "2022-12-31",
                                    author: "Jane Doe", falsepositives: ["Backup software"])),
        ("newer.yml", Fixtures.rule(id: Fixtures.id(5), title: "Newer ATT&CK release", status: "deprecated", level: "informational",
                                    tags: ["attack.stealth", "attack.defense-impairment", "attack.t1685", "attack.t1685.001"],
                                    date: "2025-09-09", selection: "CommandLine|contains: 'wevtutil cl'")),
        ("revoked.yml", Fixtures.rule(id: Fixtures.id(6), title: "Revoked technique", level: "medium",
                                      tags: ["attack.t1050", "attack.g0032", "cve.2021-44228"], date: "2018-01-01")),
    ]
    let (db, report) = try Fixtures.catalog(rules, seed: true)
    #expect(report.imported == 6)
    return db
}

/// The fixture rules only (the seed rule is excluded by id).
private func ids(_ db: AppDatabase, _ configure: (inout RuleQuery) -> Void) throws -> [String] {
    try Fixtures.ids(db, configure).filter { $0 != Fixtures.cronID }
}

private func n(_ values: Int...) -> [String] { values.map(Fixtures.id) }

@Suite struct RuleSearchTests {
    @Test func aPastedIdOrIdPrefixFindsTheRule() throws {
        let db = try searchCatalog()
        // Whole ids and dashed prefixes never reach FTS5, which reads a dash as an operator.
        #expect(try Fixtures.ids(db) { $0.text = Fixtures.cronID } == [Fixtures.cronID])
        #expect(try Fixtures.ids(db) { $0.text = Fixtures.cronID.uppercased() } == [Fixtures.cronID])
        #expect(try Fixtures.ids(db) { $0.text = String(Fixtures.cronID.prefix(13)) } == [Fixtures.cronID])
        #expect(try ids(db) { $0.text = "00000000-0000-4000-8000-000000000003" } == n(3))
        // A hex word with a digit is an id prefix or a word of the text: both are found.
        #expect(try Fixtures.ids(db) { $0.text = String(Fixtures.cronID.prefix(3)) } == [Fixtures.cronID])
        #expect(try ids(db) { $0.text = "wevtutil" } == n(5))
        // Words that only look like hex stay text; a malformed dashed word is still FTS's error.
        #expect(RuleSearch.idText("cafe") == nil && RuleSearch.idText("ab") == nil)
        #expect(RuleSearch.idText("6b14-x") == nil)
        #expect(RuleSearch.idText("4688") == .maybe("4688"))
    }

    @Test func parentTechniqueMatchesItsSubTechniques() throws {
        let db = try searchCatalog()
        #expect(try ids(db) { $0.techniques = ["T1053"] } == n(2, 3, 1))
        #expect(try ids(db) { $0.techniques = ["attack.t1053"] } == n(2, 3, 1))
        #expect(try ids(db) { $0.techniques = ["t1053"] } == n(2, 3, 1))
    }

    @Test func subTechniqueMatchesExactly() throws {
        let db = try searchCatalog()
        #expect(try ids(db) { $0.techniques = ["T1053.003"] } == n(2))
        #expect(try ids(db) { $0.techniques = ["ATTACK.T1053.002"] } == n(3))
        #expect(try ids(db) { $0.techniques = ["T1053.001"] } == [])
        // T1059 must not match "T10530" in a title nor T1053 match T10530-like ids.
        #expect(try ids(db) { $0.techniques = ["T1059"] } == n(4))
        #expect(try ids(db) { $0.techniques = ["T1053", "T1059.001"] } == n(2, 3, 4, 1))
    }

    @Test func badTechniqueIsAnError() throws {
        let db = try searchCatalog()
        #expect(throws: CatalogError.self) { _ = try ids(db) { $0.techniques = ["T10"] } }
        #expect(throws: CatalogError.self) { _ = try ids(db) { $0.techniques = ["persistence"] } }
    }

    @Test func tacticsByNameUnderscoreAndID() throws {
        let db = try searchCatalog()
        #expect(try ids(db) { $0.tactics = ["persistence"] } == n(1))
        #expect(try ids(db) { $0.tactics = ["TA0003"] } == n(1))
        #expect(try ids(db) { $0.tactics = ["privilege-escalation"] } == n(3))
        #expect(try ids(db) { $0.tactics = ["privilege_escalation"] } == n(3))
        #expect(try ids(db) { $0.tactics = ["ta0004"] } == n(3))
        #expect(try ids(db) { $0.tactics = ["Defense-Evasion"] } == n(4))
        #expect(try ids(db) { $0.tactics = ["execution", "persistence"] } == n(2, 1))
        #expect(throws: CatalogError.self) { _ = try ids(db) { $0.tactics = ["TA9999"] } }
    }

    @Test func tagsFromNewerATTACKAreStoredAndSearchable() throws {
        let db = try searchCatalog()
        #expect(try ids(db) { $0.tactics = ["stealth"] } == n(5))
        #expect(try ids(db) { $0.tactics = ["defense-impairment"] } == n(5))
        #expect(try ids(db) { $0.techniques = ["T1685"] } == n(5))
        #expect(try ids(db) { $0.techniques = ["T1685.001"] } == n(5))
        let detail = try db.ruleDetail(idOrPrefix: Fixtures.id(5))
        #expect(detail.tags.map(\.tag) == ["attack.stealth", "attack.defense-impairment", "attack.t1685", "attack.t1685.001"])
        #expect(detail.tags.filter { !$0.unknownToAttack }.isEmpty)
    }

    @Test func revokedTechniqueShowsItsReplacement() throws {
        let db = try searchCatalog()
        let detail = try db.ruleDetail(idOrPrefix: Fixtures.id(6))
        let tag = try #require(detail.tags.first)
        #expect(tag.revoked && !tag.unknownToAttack)
        #expect(tag.replacedBy == AttackRef(id: "T1543.003", name: "Create or Modify System Process: Windows Service"))
        // Group and CVE tags are kept, neither technique nor tactic, and not flagged unknown.
        #expect(detail.tags[1].technique == nil && detail.tags[1].tactic == nil && !detail.tags[1].unknownToAttack)
        #expect(detail.tags[2].tag == "cve.2021-44228")
    }

    @Test func statusLevelAndLogsource() throws {
        let db = try searchCatalog()
        #expect(try ids(db) { $0.statuses = ["stable"] } == n(3))
        #expect(try ids(db) { $0.statuses = ["stable", "experimental"] } == n(3, 4))
        #expect(try ids(db) { $0.levels = ["high"] } == n(3, 4))
        #expect(try ids(db) { $0.levels = ["CRITICAL", "informational"] } == n(2, 5))
        #expect(try ids(db) { $0.products = ["Windows"] } == n(3, 4))
        #expect(try ids(db) { $0.services = ["security"] } == n(3))
        #expect(try ids(db) { $0.categories = ["process_creation"]; $0.products = ["windows"] } == n(4))
        #expect(try ids(db) { $0.authors = ["jane"] } == n(4))
        #expect(try ids(db) { $0.levels = ["high"]; $0.statuses = ["stable"] } == n(3))
        #expect(throws: CatalogError.self) { _ = try ids(db) { $0.levels = ["urgent"] } }
        #expect(throws: CatalogError.self) { _ = try ids(db) { $0.statuses = ["beta"] } }
    }

    @Test func datesUseModifiedElseDate() throws {
        let db = try searchCatalog()
        // modified: 2023-06-30 (2), 2022-12-31 (4); date only: 2019 (1), 2021 (3), 2025 (5), 2018 (6)
        #expect(try ids(db) { $0.modifiedSince = "2022-12-31" } == n(2, 4, 5))  // inclusive
        #expect(try ids(db) { $0.modifiedBefore = "2021-03-03" } == n(6, 1))  // medium before low; 2021-03-03 itself excluded
        #expect(try ids(db) { $0.modifiedSince = "2021-01-01"; $0.modifiedBefore = "2023-01-01" } == n(3, 4))
        #expect(throws: CatalogError.self) { _ = try ids(db) { $0.modifiedSince = "2021/01/01" } }
        #expect(throws: CatalogError.self) { _ = try ids(db) { $0.modifiedBefore = "2021-13-01" } }
    }

    @Test func sortedByLevelThenTitleAndLimited() throws {
        let db = try searchCatalog()
        let all = try Fixtures.ids(db) { _ in }
        // critical, high (At < Lookalike), medium (Revoked < Scheduled Cron seed), low, informational
        #expect(all == [Fixtures.id(2), Fixtures.id(3), Fixtures.id(4), Fixtures.id(6), Fixtures.cronID, Fixtures.id(1), Fixtures.id(5)])
        #expect(try Fixtures.ids(db) { $0.limit = 2 } == [Fixtures.id(2), Fixtures.id(3)])
        #expect(try Fixtures.ids(db) { $0.limit = 0 } == [])
    }

    @Test func fullTextAndMalformedText() throws {
        let db = try searchCatalog()
        #expect(try ids(db) { $0.text = "wevtutil" } == n(5))           // detection value
        #expect(try ids(db) { $0.text = "backup" } == n(4))             // false positives
        #expect(try ids(db) { $0.text = "lookalike" } == n(4))          // title
        #expect(try ids(db) { $0.text = "sub technique" } == n(3, 2).sorted())
        #expect(try ids(db) { $0.text = "\"sub technique\" AND cron" } == n(2))
        #expect(try ids(db) { $0.text = "cron"; $0.levels = ["low"] } == [])
        for bad in ["foo AND", "\"unterminated", "(", "nosuchcolumn:x"] {
            #expect(throws: CatalogError.self, "\(bad)") { _ = try ids(db) { $0.text = bad } }
        }
    }

    @Test func summariesCarryTechniquesTacticsAndLogsource() throws {
        let db = try searchCatalog()
        var query = RuleQuery()
        query.techniques = ["T1053.003"]
        let hit = try #require(try db.writer.read { try RuleSearch.search($0, query) }.first)
        #expect(hit.techniques == ["T1053.003"] && hit.tactics == ["execution"])
        #expect(hit.logsource.product == "linux" && hit.logsource.category == "process_creation" && hit.logsource.service == nil)
        #expect(hit.modified == "2023-06-30" && hit.date == "2020-01-01" && hit.path == "cron.yml")
        let json = String(decoding: try JSONEncoder().encode(hit), as: UTF8.self)
        #expect(json.contains("\"service\":null"))
    }
}
