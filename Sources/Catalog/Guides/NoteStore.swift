import Foundation
import GRDB

/// Hunting notes (free text per rule or per ATT&CK technique) on a `Database`.
public enum NoteStore {
    /// A note subject from user text: a technique id (`t1053.003`) or a rule id / unique prefix.
    public static func resolveSubject(_ db: Database, _ text: String) throws -> (kind: NoteRecord.Kind, subject: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        if GuideFile.isTechniqueID(upper) {
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM attack_technique") ?? 0
            if count > 0, try String.fetchOne(db, sql: "SELECT id FROM attack_technique WHERE id = ?", arguments: [upper]) == nil {
                throw GuideStoreError.unknownTechnique(trimmed, suggestion: try suggestTechnique(db, upper))
            }
            return (.technique, upper)
        }
        if upper.hasPrefix("T"), upper.dropFirst().first?.isNumber == true {
            throw GuideStoreError.unknownTechnique(trimmed, suggestion: try suggestTechnique(db, upper))
        }
        return (.rule, try ScenarioStore.resolveRule(db, trimmed))
    }

    /// A technique id or name close to the given text.
    public static func suggestTechnique(_ db: Database, _ text: String) throws -> String? {
        let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM attack_technique WHERE revoked = 0 ORDER BY id")
        var best: (Int, String)?
        for row in rows {
            let id: String = row["id"]
            let name: String = row["name"]
            let d = min(Suggestion.distance(text, id, limit: 2), Suggestion.distance(text, name, limit: 2))
            if d <= 2, d < (best?.0 ?? Int.max) { best = (d, "\(id) (\(name))") }
        }
        return best?.1
    }

    public static func note(_ db: Database, kind: NoteRecord.Kind, subject: String) throws -> NoteRecord? {
        try ExactText.records(NoteRecord.self, db, sql: "SELECT * FROM hunting_note WHERE subject_kind = ? AND subject = ?",
                              arguments: [kind.rawValue, subject]).first
    }

    /// Every note, rules first, then techniques, each by subject.
    public static func all(_ db: Database) throws -> [NoteRecord] {
        try ExactText.records(NoteRecord.self, db, sql: "SELECT * FROM hunting_note ORDER BY subject_kind, subject")
    }

    /// Sets a note's text, keeping its created date; unchanged text changes nothing.
    @discardableResult
    public static func upsert(_ db: Database, kind: NoteRecord.Kind, subject: String, text: String, author: String?,
                              today: String) throws -> GuideImportSummary {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw GuideStoreError.invalid("a hunting note cannot be empty (use 'huntkb note remove' to delete one)")
        }
        if var existing = try note(db, kind: kind, subject: subject) {
            if existing.text == text && (author == nil || author == existing.author) { return GuideImportSummary(unchanged: 1) }
            existing.text = text
            if let author { existing.author = author }
            existing.updated = today
            try ExactText.update(existing, keys: ["subject_kind", "subject"], db)
            return GuideImportSummary(updated: 1)
        }
        try ExactText.insert(NoteRecord(subjectKind: kind, subject: subject, text: text, author: author, created: today, updated: today), db)
        return GuideImportSummary(added: 1)
    }

    @discardableResult
    public static func remove(_ db: Database, kind: NoteRecord.Kind, subject: String) throws -> NoteRecord {
        guard let existing = try note(db, kind: kind, subject: subject) else { throw GuideStoreError.noteNotFound(subject) }
        _ = try existing.delete(db)
        return existing
    }

    /// Notes as a guide file (all, or the one of a subject).
    public static func export(_ db: Database, kind: NoteRecord.Kind? = nil, subject: String? = nil) throws -> GuideFile {
        var file = GuideFile()
        for record in try all(db) {
            if let kind, record.subjectKind != kind { continue }
            if let subject, record.subject != subject { continue }
            switch record.subjectKind {
            case .rule:
                let title = try String.fetchOne(db, sql: "SELECT title FROM rule WHERE id = ?", arguments: [record.subject])
                file.rules.append(GuideFileRule(rule: record.subject, title: title, note: record.text))
            case .technique:
                file.techniques.append(GuideFileTechnique(technique: record.subject, note: record.text))
            }
        }
        if kind != .technique {
            // ADS sections travel with the rule notes; a rule with sections and no note gets an entry of its own.
            for (rule, ads) in try ADSStore.all(db, rule: subject).sorted(by: { $0.key < $1.key }) {
                if let i = file.rules.firstIndex(where: { $0.rule == rule }) {
                    file.rules[i].ads = ads
                } else {
                    let title = try String.fetchOne(db, sql: "SELECT title FROM rule WHERE id = ?", arguments: [rule])
                    var entry = GuideFileRule(rule: rule, title: title)
                    entry.ads = ads
                    file.rules.append(entry)
                }
            }
        }
        return file
    }
}
