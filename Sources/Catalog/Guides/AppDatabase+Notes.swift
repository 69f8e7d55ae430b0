import GRDB

extension AppDatabase {
    /// Sets the hunting note of a rule (id or prefix) or technique; returns what changed and the resolved subject.
    public func setNote(subject: String, text: String, author: String?, today: String) throws
        -> (summary: GuideImportSummary, kind: NoteRecord.Kind, subject: String) {
        try writer.write { db in
            let resolved = try NoteStore.resolveSubject(db, subject)
            let summary = try NoteStore.upsert(db, kind: resolved.kind, subject: resolved.subject, text: text,
                                               author: author, today: today)
            return (summary, resolved.kind, resolved.subject)
        }
    }

    /// The note of a rule or technique; `GuideStoreError.noteNotFound` when it has none.
    public func note(subject: String) throws -> NoteRecord {
        try writer.read { db in
            let resolved = try NoteStore.resolveSubject(db, subject)
            guard let note = try NoteStore.note(db, kind: resolved.kind, subject: resolved.subject) else {
                throw GuideStoreError.noteNotFound("\(resolved.kind.rawValue) \(resolved.subject)")
            }
            return note
        }
    }

    /// Every hunting note.
    public func notes() throws -> [NoteRecord] {
        try writer.read { try NoteStore.all($0) }
    }

    /// Deletes the note of a rule or technique and returns it; `GuideStoreError.noteNotFound` when it has none.
    public func removeNote(subject: String) throws -> NoteRecord {
        try writer.write { db in
            let resolved = try NoteStore.resolveSubject(db, subject)
            guard try NoteStore.note(db, kind: resolved.kind, subject: resolved.subject) != nil else {
                throw GuideStoreError.noteNotFound("\(resolved.kind.rawValue) \(resolved.subject)")
            }
            return try NoteStore.remove(db, kind: resolved.kind, subject: resolved.subject)
        }
    }

    /// The notes (all, or of one subject) as a guide file.
    public func exportNotes(subject: String? = nil) throws -> GuideFile {
        try writer.read { db in
            guard let subject else { return try NoteStore.export(db) }
            let resolved = try NoteStore.resolveSubject(db, subject)
            return try NoteStore.export(db, kind: resolved.kind, subject: resolved.subject)
        }
    }
}
