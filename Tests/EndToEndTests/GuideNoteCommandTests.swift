import Foundation
import Testing

/// `huntkb note` from the built binary.
@Suite struct GuideNoteCommandTests {
    @Test func setShowListRemoveExportImport() throws {
        let dir = try GuideCLI.tempDir("note")
        let db = dir.appendingPathComponent("c.sqlite")
        let set = try GuideCLI.run(["note", "set", "t1053.003", "Cron persistence: check /etc/cron.d and spool files."], db: db)
        #expect(set.status == 0 && set.stdout == "added note for technique T1053.003\n", "\(set.stderr)")
        let same = try GuideCLI.run(["note", "set", "T1053.003", "Cron persistence: check /etc/cron.d and spool files."], db: db)
        #expect(same.stdout == "unchanged note for technique T1053.003\n")
        let fromStdin = try GuideCLI.run(["note", "set", "6b14bac8", "--file", "-"], db: db, stdin: "Replaced rule note.\n\nSecond paragraph.\n")
        #expect(fromStdin.stdout == "updated note for rule 6b14bac8-3e3a-4324-8109-42f0546a347f\n")

        let show = try GuideCLI.run(["note", "show", "6b14bac8"], db: db)
        #expect(show.stdout == "Replaced rule note.\n\nSecond paragraph.\n")
        let list = try GuideCLI.run(["note", "list", "--format", "csv"], db: db)
        #expect(list.stdout.contains("rule,6b14bac8-3e3a-4324-8109-42f0546a347f,"))
        #expect(list.stdout.contains("technique,T1053.003,"))

        // Notes show in the guide: the technique's under its heading, the rule's in its section.
        let guide = try GuideCLI.run(["guide", "--technique", "T1053.003", "--targets", "asim", "--no-timestamp"], db: db)
        #expect(guide.stdout.contains("**Hunting note:** Cron persistence: check /etc/cron.d and spool files.\n"))
        #expect(guide.stdout.contains("### Hunting note\n\nReplaced rule note.\n\nSecond paragraph.\n"))

        let exportFile = dir.appendingPathComponent("notes.yml")
        #expect(try GuideCLI.run(["note", "export", "-o", exportFile.path], db: db).status == 0)
        let remove = try GuideCLI.run(["note", "remove", "T1053.003"], db: db)
        #expect(remove.stdout == "removed note for technique T1053.003\n")
        let missing = try GuideCLI.run(["note", "show", "T1053.003"], db: db)
        #expect(missing.status == 2 && missing.stderr.contains("no hunting note for technique T1053.003"))

        let imported = try GuideCLI.run(["note", "import", exportFile.path], db: db)
        #expect(imported.stdout == "notes: 1 added, 0 updated, 1 unchanged from 1 file\n")
        #expect(try GuideCLI.run(["note", "show", "T1053.003"], db: db).stdout == "Cron persistence: check /etc/cron.d and spool files.\n")
        let twice = try GuideCLI.run(["note", "import", exportFile.path], db: db)
        #expect(twice.stdout == "notes: 0 added, 0 updated, 2 unchanged from 1 file\n")
    }

    @Test func badSubjectsAndInput() throws {
        let dir = try GuideCLI.tempDir("note")
        let db = dir.appendingPathComponent("c.sqlite")
        let cases: [([String], Int32, String)] = [
            (["note", "set", "T1053.03", "x"], 2, "unknown ATT&CK technique 'T1053.03'"),
            (["note", "set", "T9999", "x"], 2, "unknown ATT&CK technique 'T9999'"),
            (["note", "set", "nosuchrule", "x"], 2, "unknown rule 'nosuchrule'"),
            (["note", "set", "T1053", " \n "], 2, "cannot be empty"),
            (["note", "set", "T1053"], 64, "give the note as TEXT or with --file"),
            (["note", "remove", "T1053"], 2, "no hunting note for technique T1053"),
        ]
        for (arguments, status, message) in cases {
            let result = try GuideCLI.run(arguments, db: db)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
