import ArgumentParser
import Catalog
import Foundation
import Reports

/// `huntkb note`: hunting notes per rule or per ATT&CK technique.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Manage hunting notes: free text per rule (id or prefix) or per ATT&CK technique (T1053.003).",
        discussion: "Notes open the rule's or technique's section of a hunt guide. import/export use the YAML layout of seed/guides/.",
        subcommands: [NoteSet.self, NoteShow.self, NoteList.self, NoteRemove.self, NoteImport.self, NoteExport.self]
    )
}

struct NoteSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Write (or replace) the note of a rule or technique.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id / prefix, or technique id.", valueName: "subject")) var subject: String
    @Argument(help: ArgumentHelp("The note text.", valueName: "text")) var text: String?
    @Option(help: ArgumentHelp("Read the note from a file ('-' for standard input).", valueName: "file")) var file: String?
    @Option(help: "Author of the note.") var author: String?

    func validate() throws {
        if (text == nil) == (file == nil) { throw ValidationError("give the note as TEXT or with --file, not both") }
    }

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            var body = try text ?? file.map(readTextArgument) ?? ""
            if file != nil { while body.hasSuffix("\n") { body.removeLast() } }
            let (summary, resolved) = try guideFailures {
                let written = try catalog.setNote(subject: subject, text: body, author: author, today: CommandClock.today)
                return (written.summary, (kind: written.kind, subject: written.subject))
            }
            let verb = summary.added > 0 ? "added" : (summary.updated > 0 ? "updated" : "unchanged")
            print("\(verb) note for \(resolved.kind.rawValue) \(resolved.subject)")
        }
    }
}

struct NoteShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the note of a rule or technique.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id / prefix, or technique id.", valueName: "subject")) var subject: String

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalogForReading()
            let note = try guideFailures {
                try catalog.note(subject: subject)
            }
            print(note.text)
        }
    }
}

struct NoteList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every hunting note.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "table, json or csv.") var format: ListFormat = .table

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalogForReading()
            let notes = try catalog.notes()
            let headers = ["KIND", "SUBJECT", "UPDATED", "NOTE"]
            let rows = notes.map { note -> [String] in
                let oneLine = note.text.split(whereSeparator: \.isNewline).joined(separator: " ")
                let short = oneLine.count > 60 ? String(oneLine.prefix(59)) + "…" : oneLine
                return [note.subjectKind.rawValue, note.subject, note.updated, format == .table ? short : note.text]
            }
            switch format {
            case .table:
                if notes.isEmpty { print("no notes"); return }
                print(ListRenderer.table(headers: headers, rows: rows), terminator: "")
            case .csv: print(ListRenderer.csv(headers: headers, rows: rows), terminator: "")
            case .json: print(try ListRenderer.json(notes))
            }
        }
    }
}

struct NoteRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Delete the note of a rule or technique.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id / prefix, or technique id.", valueName: "subject")) var subject: String

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            let removed = try guideFailures {
                try catalog.removeNote(subject: subject)
            }
            print("removed note for \(removed.subjectKind.rawValue) \(removed.subject)")
        }
    }
}

struct NoteImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import the notes of guide files (seed/guides layout); each file is all or nothing.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Guide YAML files.", valueName: "file")) var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
    }

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            try importGuideFiles(files, into: catalog, scenarios: false, notes: true, noun: "note")
        }
    }
}

struct NoteExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write notes (all, or of one subject) as a guide YAML file.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Rule id / prefix, or technique id.", valueName: "subject")) var subject: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try runReportingErrors {
            let catalog = try database.openCatalog()
            let file = try guideFailures {
                try catalog.exportNotes(subject: subject)
            }
            try writeOutput(file.render(), to: output)
        }
    }
}
