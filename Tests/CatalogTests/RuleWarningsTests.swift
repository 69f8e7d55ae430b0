@testable import Catalog
import Foundation
import GRDB
import SigmaKit
import Testing

/// Validator warnings stored with each imported rule (issue 3 item 6).
@Suite struct RuleWarningsTests {
    static let id = "00000000-0000-4000-8000-000000000901"

    /// A rule whose description line, tags and modified date the tests vary.
    static func yaml(description: String? = nil, tags: [String] = ["attack.execution", "attack.t1059.001"],
                     title: String = "Warned rule", modified: String? = nil) -> String {
        var text = "title: \(title)\nid: \(id)\nstatus: test\n"
        if let description { text += "description: \(description)\n" }
        text += "author: Tester\ndate: 2020-01-01\n"
        if let modified { text += "modified: \(modified)\n" }
        text += "tags:\n" + tags.map { "    - \($0)\n" }.joined()
        text += "logsource:\n    product: windows\n    category: process_creation\n"
        text += "detection:\n    selection:\n        Image|endswith: '\\\\powershell.exe'\n    condition: selection\n"
        text += "falsepositives:\n    - Administrators\nlevel: medium\n"
        return text
    }

    struct Stored: Equatable {
        var code: String
        var message: String
        var line: Int?
        var column: Int?
    }

    static func importText(_ text: String, into db: AppDatabase, path: String = "/rules/warned.yml") throws -> ImportReport {
        var importer = RuleImporter()
        importer.targetKeys = []
        return try db.writer.write { try importer.importTexts([(path: path, text: text)], db: $0) }
    }

    static func stored(_ db: AppDatabase, id: String = id) throws -> [Stored] {
        try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT code, message, line, \"column\" FROM rule_warning WHERE rule_id = ? ORDER BY position",
                             arguments: [id])
                .map { Stored(code: $0[0], message: $0[1], line: $0[2], column: $0[3]) }
        }
    }

    @Test func missingDescriptionAndUnknownTechniqueAreStoredThenClearedByAFixedFile() throws {
        let db = try AppDatabase.inMemory()
        let report = try Self.importText(Self.yaml(tags: ["attack.execution", "attack.t9999", "attack.t1059.001"]), into: db)
        #expect(report.summary == "imported 1, updated 0, unchanged 0, rejected 0")
        let warnings = try Self.stored(db)
        #expect(warnings.map(\.code) == ["missing-description", "attack-unknown-technique"])
        #expect(warnings.first == Stored(code: "missing-description", message: "rule has no description", line: 1, column: 1))
        let unknown = try #require(warnings.last)
        #expect(unknown.message == "ATT&CK technique 't9999' is not in the loaded ATT&CK 18.1 catalog")
        #expect(unknown.line == 8 && unknown.column == 7)

        let detail = try db.ruleDetail(idOrPrefix: Self.id)
        #expect(detail.warnings.map(\.description) == [
            "1:1: warning: rule has no description [missing-description]",
            "8:7: warning: ATT&CK technique 't9999' is not in the loaded ATT&CK 18.1 catalog [attack-unknown-technique]",
        ])

        // The fixed file replaces the rule row and its warnings.
        let fixed = try Self.importText(Self.yaml(description: "Fixed.", modified: "2020-02-01"), into: db)
        #expect(fixed.summary == "imported 0, updated 1, unchanged 0, rejected 0")
        #expect(try Self.stored(db).isEmpty)
        #expect(try db.ruleDetail(idOrPrefix: Self.id).warnings.isEmpty)
    }

    @Test func tacticWarningsUseTheLoadedAttackCatalog() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { try $0.execute(sql: "UPDATE attack_technique SET deprecated = 1 WHERE id = 'T1059.001'") }
        _ = try Self.importText(Self.yaml(description: "Described.", tags: ["attack.exfiltration", "attack.t1059.001", "attack.not_a_tactic"]), into: db)
        let codes = try Self.stored(db).map(\.code)
        #expect(codes == ["attack-deprecated-technique", "attack-unknown-tactic", "attack-tactic-mismatch"])
    }

    @Test func aChangedAttackCatalogRefreshesTheWarningsOfUnchangedFiles() throws {
        let db = try AppDatabase.inMemory()
        let text = Self.yaml(description: "Described.")
        _ = try Self.importText(text, into: db)
        #expect(try Self.stored(db).isEmpty)
        #expect(try Self.importText(text, into: db).unchanged == 1)
        #expect(try Self.stored(db).isEmpty)
        // As if `huntkb attack import` loaded a catalog without T1059.001: the same bytes are validated again.
        try db.writer.write { try $0.execute(sql: "DELETE FROM attack_technique WHERE id = 'T1059.001'") }
        let again = try Self.importText(text, into: db)
        #expect(again.summary == "imported 0, updated 0, unchanged 1, rejected 0")
        #expect(try Self.stored(db).map(\.code) == ["attack-unknown-technique"])
    }

    @Test func withoutAnAttackCatalogTheAttackChecksAreSkipped() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { try $0.execute(sql: "DELETE FROM attack_technique_tactic; DELETE FROM attack_technique; DELETE FROM attack_tactic") }
        _ = try Self.importText(Self.yaml(tags: ["attack.t9999"]), into: db)
        #expect(try Self.stored(db).map(\.code) == ["missing-description"])
    }

    @Test func anEditWithoutANewModifiedDateIsWarnedAndKeptWhileUnchanged() throws {
        let db = try AppDatabase.inMemory()
        _ = try Self.importText(Self.yaml(description: "Described.", modified: "2020-02-01"), into: db)
        #expect(try Self.stored(db).isEmpty)
        let edited = Self.yaml(description: "Described.", title: "Warned rule, edited", modified: "2020-02-01")
        #expect(try Self.importText(edited, into: db).updated == 1)
        #expect(try Self.stored(db).map(\.code) == ["missing-modified"])
        // The same bytes again: unchanged (not parsed), the warning about the edit stays.
        #expect(try Self.importText(edited, into: db).unchanged == 1)
        #expect(try Self.stored(db).map(\.code) == ["missing-modified"])
        // Parsed again (an older row format forces it) and still unchanged: the other warnings are recomputed
        // with the current ATT&CK catalog, the one about the edit is kept.
        try db.writer.write {
            try AppDatabase.setMeta($0, "import.rowFormat", "0")
            try $0.execute(sql: "DELETE FROM attack_technique WHERE id = 'T1059.001'")
        }
        #expect(try Self.importText(edited, into: db).unchanged == 1)
        #expect(try Self.stored(db).map(\.code) == ["attack-unknown-technique", "missing-modified"])
    }

    @Test func aRuleWithErrorsIsStillRejectedWithItsMessages() throws {
        let db = try AppDatabase.inMemory()
        let broken = Self.yaml().replacingOccurrences(of: "level: medium", with: "level: urgent")
        let report = try Self.importText(broken, into: db)
        #expect(report.imported == 0 && report.rejected == 1)
        let line = try #require(report.rejections.first?.description)
        #expect(line.hasPrefix("/rules/warned.yml:"), "\(line)")
        #expect(line.contains(": error: ") && line.contains("urgent"), "\(line)")
        #expect(try db.writer.read { try RuleRecord.fetchOne($0, key: Self.id) } == nil)
        #expect(try Self.stored(db).isEmpty)
    }

    @Test func deletingTheRuleDeletesItsWarnings() throws {
        let db = try AppDatabase.inMemory()
        _ = try Self.importText(Self.yaml(), into: db)
        #expect(try Self.stored(db).count == 1)
        try db.writer.write { try $0.execute(sql: "DELETE FROM rule WHERE id = ?", arguments: [Self.id]) }
        #expect(try Self.stored(db).isEmpty)
    }
}
