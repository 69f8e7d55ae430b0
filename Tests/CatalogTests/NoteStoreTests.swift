@testable import Catalog
import Foundation
import GRDB
import Testing

@Suite struct NoteStoreTests {
    @Test func subjectsResolveToRulesOrTechniques() throws {
        let db = try ScenarioFixtures.catalog()
        try db.writer.read { db in
            #expect(try NoteStore.resolveSubject(db, "t1053.003") == (.technique, "T1053.003"))
            #expect(try NoteStore.resolveSubject(db, "0e95725d") == (.rule, ScenarioFixtures.otherID))
            #expect(throws: GuideStoreError.self) { try NoteStore.resolveSubject(db, "T9999.999") }
            do {
                _ = try NoteStore.resolveSubject(db, "T1053.03")
                Issue.record("expected an error")
            } catch let error as GuideStoreError {
                #expect(error.description.hasPrefix("unknown ATT&CK technique 'T1053.03' (did you mean T1053"))
            }
        }
    }

    @Test func setUpdateRemoveExport() throws {
        let db = try ScenarioFixtures.catalog()
        try db.writer.write { db in
            #expect(try NoteStore.upsert(db, kind: .technique, subject: "T1053.002", text: "first", author: "me", today: "2026-01-01") == GuideImportSummary(added: 1))
            #expect(try NoteStore.upsert(db, kind: .technique, subject: "T1053.002", text: "first", author: nil, today: "2026-02-01") == GuideImportSummary(unchanged: 1))
            #expect(try NoteStore.upsert(db, kind: .technique, subject: "T1053.002", text: "second", author: nil, today: "2026-02-01") == GuideImportSummary(updated: 1))
            let note = try #require(try NoteStore.note(db, kind: .technique, subject: "T1053.002"))
            #expect(note.text == "second" && note.author == "me" && note.created == "2026-01-01" && note.updated == "2026-02-01")
            #expect(throws: GuideStoreError.self) {
                try NoteStore.upsert(db, kind: .rule, subject: ScenarioFixtures.otherID, text: "  \n", author: nil, today: "2026-01-01")
            }

            let file = try NoteStore.export(db)
            #expect(file.rules.map(\.rule) == [ScenarioFixtures.cronID])
            #expect(file.rules[0].title == "Scheduled Cron Task/Job - Linux")
            #expect(file.techniques.map(\.technique) == ["T1053.002"])
            #expect(file.rules.allSatisfy { $0.scenarios.isEmpty })

            try NoteStore.remove(db, kind: .technique, subject: "T1053.002")
            #expect(throws: GuideStoreError.noteNotFound("T1053.002")) { try NoteStore.remove(db, kind: .technique, subject: "T1053.002") }

            // Round trip through the file format restores the note.
            let summary = try ScenarioStore.importFile(db, try GuideFile.parse(text: file.render(), path: "n.yml"), path: "n.yml",
                                                       scenarios: false, notes: true, today: "2026-03-01")
            #expect(summary == GuideImportSummary(added: 1, unchanged: 1))
            #expect(try NoteStore.note(db, kind: .technique, subject: "T1053.002")?.text == "second")
        }
    }

    @Test func importRejectsUnknownTechniques() throws {
        let db = try ScenarioFixtures.catalog()
        let file = try GuideFile.parse(text: "techniques:\n  - technique: T9999\n    note: x\n", path: "t.yml")
        #expect(throws: GuideFileError.self) {
            try db.writer.write { db in try ScenarioStore.importFile(db, file, path: "t.yml", today: "2026-01-01") }
        }
    }
}
