@testable import Catalog
import Foundation
import GRDB
import Testing

/// Coverage counts per technique and tactic over small inline catalogs.
@Suite struct CoverageTests {
    static func rule(_ n: Int, _ tags: [String], status: String = "test", level: String = "medium", product: String = "windows") -> (String, String) {
        ("/rules/r\(n).yml", Fixtures.rule(id: Fixtures.id(n), title: "Rule \(n)", status: status, level: level, tags: tags, product: product))
    }

    static func catalog() throws -> AppDatabase {
        try Fixtures.catalog([
            rule(1, ["attack.execution", "attack.t1059.001"], level: "high"),
            rule(2, ["attack.execution", "attack.t1059.001", "attack.t1059"]),
            rule(3, ["attack.execution", "attack.t1059"]),
            rule(4, ["attack.stealth", "attack.t1036.005"]),
            rule(5, ["attack.defense-evasion", "attack.stealth", "attack.t1036.005"]),
            rule(6, ["attack.stealth", "attack.t9999"], product: "linux"),
            rule(7, ["attack.t1003"], status: "deprecated"),
            rule(8, ["attack.t1003"], status: "unsupported"),
            rule(9, ["attack.credential-access", "attack.t1003.001"], level: "critical"),
        ], seed: true).0
    }

    @Test func scoresCountExactTagsAndTotalsAddSubTechniques() throws {
        let report = try Self.catalog().coverage(CoverageQuery())
        let byID = Dictionary(uniqueKeysWithValues: report.techniques.map { ($0.id, $0) })
        #expect(byID["T1059.001"]?.score == 2)
        #expect(byID["T1059.001"]?.total == 2)
        #expect(byID["T1059"]?.score == 2)
        #expect(byID["T1059"]?.total == 3, "rules 1, 2, 3: rule 2 counted once")
        #expect(byID["T1059"]?.name == "Command and Scripting Interpreter")
        #expect(byID["T1059.001"]?.name == "Command and Scripting Interpreter: PowerShell")
        #expect(byID["T1059.001"]?.rules.map(\.id) == [Fixtures.id(1), Fixtures.id(2)], "highest level first")
        // Deprecated and unsupported rules cover nothing by default: T1003 is there only as a parent.
        #expect(byID["T1003"]?.score == 0)
        #expect(byID["T1003"]?.total == 1)
        #expect(report.rules == 7 + 1, "seven counted rules plus the seed rule")
    }

    @Test func askingForAStatusCountsIt() throws {
        var query = CoverageQuery()
        query.filter.statuses = ["deprecated", "unsupported"]
        let report = try Self.catalog().coverage(query)
        #expect(report.techniques.map(\.id) == ["T1003"])
        #expect(report.techniques.first?.score == 2)
    }

    @Test func newerTacticsAndUnknownTechniquesTakeTheirTacticsFromTags() throws {
        let report = try Self.catalog().coverage(CoverageQuery())
        let byID = Dictionary(uniqueKeysWithValues: report.techniques.map { ($0.id, $0) })
        // Rule 4 names only stealth, unknown to ATT&CK 18.1: T1036.005 is also placed there.
        #expect(byID["T1036.005"]?.tactics == ["defense-evasion", "stealth"])
        #expect(byID["T9999"]?.known == false)
        #expect(byID["T9999"]?.name == nil)
        #expect(byID["T9999"]?.tactics == ["stealth"])
        // A rule whose known tactic tag explains the technique adds nothing: execution stays alone on T1059.
        #expect(byID["T1059"]?.tactics == ["execution"])
        let stealth = report.tactics.first { $0.shortName == "stealth" }
        #expect(stealth?.known == false)
        #expect(stealth?.rules == 3)
        #expect(stealth?.name == "Stealth")
        // Columns follow the matrix: stealth right after defense-evasion.
        let order = report.matrix.columns.map(\.tactic)
        #expect(order.first == "reconnaissance")
        #expect(order.firstIndex(of: "stealth") == order.firstIndex(of: "defense-evasion")! + 1)
        #expect(order.last == "impact")
    }

    @Test func anUnknownTechniqueTakesOnlyTheTacticsItsRulesLeaveUnexplained() throws {
        let db = try Fixtures.catalog([
            Self.rule(1, ["attack.defense-impairment", "attack.execution", "attack.t9997", "attack.t1059"]),
            Self.rule(2, ["attack.impact", "attack.t9996"]),
            Self.rule(3, ["attack.execution", "attack.t9996", "attack.t1059.001"]),
        ], seed: true).0
        let byID = Dictionary(uniqueKeysWithValues: try db.coverage(CoverageQuery()).techniques.map { ($0.id, $0) })
        #expect(byID["T9997"]?.tactics == ["defense-impairment"], "T1059 accounts for execution")
        #expect(byID["T9996"]?.tactics == ["execution", "impact"], "rule 3's only tactic is kept when every one is explained")
    }

    @Test func tacticTotalsAndMatrixCells() throws {
        let report = try Self.catalog().coverage(CoverageQuery())
        let execution = try #require(report.tactics.first { $0.shortName == "execution" })
        #expect(execution.rules == 4, "rules 1 to 3 and the seed rule")
        #expect(execution.covered == 3, "T1059, T1059.001 and the seed's T1053.003")
        #expect(execution.techniques > 30)
        let column = try #require(report.matrix.columns.first { $0.tactic == "execution" })
        #expect(column.cells.filter { $0.id.contains(".") }.isEmpty, "sub-techniques are folded into their parent")
        let cell = try #require(column.cells.first { $0.id == "T1059" })
        #expect(cell.total == 3)
        #expect(cell.coveredSubtechniques == 1)
        #expect(cell.subtechniques > 5)
        #expect(Set(column.cells.map(\.id)).count == column.cells.count)
    }

    @Test func gapsListUncoveredLiveTechniquesOfAPlatform() throws {
        let db = try Self.catalog()
        let all = try db.coverage(CoverageQuery(gaps: true))
        let gaps = try #require(all.gaps)
        #expect(!gaps.contains { $0.id == "T1059" || $0.id == "T1059.001" || $0.id == "T1003" })
        #expect(gaps.contains { $0.id == "T1059.003" })
        #expect(gaps.allSatisfy { $0.score == 0 && $0.known })
        let mac = try #require(try db.coverage(CoverageQuery(platforms: ["MACOS"], gaps: true)).gaps)
        #expect(mac.count < gaps.count)
        #expect(mac.allSatisfy { $0.platforms.contains("macOS") })
        #expect(!mac.contains { $0.id == "T1059.001" })
    }

    @Test func unknownPlatformNamesTheValidOnes() throws {
        #expect {
            try Self.catalog().coverage(CoverageQuery(platforms: ["amiga"], gaps: true))
        } throws: { error in
            guard case .invalidFilter(let message) = error as? CatalogError else { return false }
            return message.contains("unknown platform 'amiga'") && message.contains("windows") && message.contains("macos")
        }
    }

    @Test func emptyCatalogGivesAnEmptyReport() throws {
        let db = try AppDatabase.inMemory(seed: false)
        let report = try db.coverage(CoverageQuery(gaps: true))
        #expect(report.rules == 0)
        #expect(report.techniques.isEmpty)
        #expect(report.attackVersion == nil)
        #expect(report.gaps == [])
    }

    @Test func localStatusCountsOnlyDeployedAndCompareFindsTheRest() throws {
        let db = try Self.catalog()
        try db.writer.write { db in
            _ = try LocalStatusStore.set(db, idOrPrefix: Fixtures.id(1), status: "deployed", note: nil)
            _ = try LocalStatusStore.set(db, idOrPrefix: Fixtures.id(9), status: "deployed", note: nil)
        }
        var deployed = CoverageQuery()
        deployed.filter.localStatuses = ["deployed"]
        let running = try db.coverage(deployed)
        #expect(running.rules == 2)
        #expect(running.techniques.filter { $0.score > 0 }.map(\.id) == ["T1003.001", "T1059.001"])

        let lacking = try db.coverageLacking(localStatuses: ["deployed"], CoverageQuery())
        #expect(lacking.missingLocalStatus == ["deployed"])
        #expect(lacking.techniques.map(\.id) == ["T1036.005", "T1053.003", "T1059", "T9999"])
        #expect(lacking.techniques.first { $0.id == "T1059" }?.score == 2)
    }
}
