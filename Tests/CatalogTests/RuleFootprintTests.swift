@testable import Catalog
import Foundation
import GRDB
import Testing

/// A rule row holds its text once: no second copy of the detection beside `yaml` and the full-text index.
@Suite struct RuleFootprintTests {
    @Test func newRowsCarryNoCopyOfTheDetection() throws {
        let (db, _) = try Fixtures.catalog([("a.yml", Fixtures.rule(id: Fixtures.id(1), title: "A"))], seed: false)
        let row = try db.writer.read { try #require(try Row.fetchOne($0, sql: "SELECT detection_json, detection_text FROM rule")) }
        #expect(row[0] as String? == "{}" && row[1] as String? == "")
        // The detection is still searchable: the full-text index holds it.
        #expect(try Fixtures.ids(db) { $0.text = "crontab" } == [Fixtures.id(1)])
    }

    @Test func olderRowsDropTheirCopiesOnTheNextImportWithoutAChange() throws {
        let text = Fixtures.rule(id: Fixtures.id(2), title: "B")
        let (db, _) = try Fixtures.catalog([("b.yml", text)], seed: false)
        try db.writer.write { db in
            // A row as the previous row format wrote it.
            try db.execute(sql: "UPDATE rule SET detection_json = '{\"named\":[]}', detection_text = 'selection Image /crontab'")
            try AppDatabase.setMeta(db, "import.rowFormat", "2")
        }
        let report = try db.writer.write { try RuleImporter().importTexts([(path: "b.yml", text: text)], db: $0) }
        #expect(report.unchanged == 1 && report.updated == 0)
        let row = try db.writer.read { try #require(try Row.fetchOne($0, sql: "SELECT detection_json, detection_text FROM rule")) }
        #expect(row[0] as String? == "{}" && row[1] as String? == "")
    }
}
