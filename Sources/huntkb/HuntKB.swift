import ArgumentParser

/// The `huntkb` command: a detection knowledge base for Sigma rules.
@main
struct HuntKB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huntkb",
        abstract: "A detection knowledge base for threat hunters: Sigma rules, ATT&CK, queries and hunt guides on SQLite.",
        discussion: """
            The catalog lives at --db, else $HUNTKB_DB, else $XDG_DATA_HOME/huntkb/huntkb.sqlite \
            (~/.local/share/huntkb/huntkb.sqlite). The first command that opens a missing catalog creates it \
            and loads the seed.

            EXIT CODES
              0   success
              1   some inputs were rejected (invalid rules, failed conversions); the rest was processed
              2   fatal error (unreadable catalog, I/O failure, unknown rule id); nothing was changed
              64  usage error (unknown option, bad argument or filter value, malformed search text)
            """,
        version: "0.1.0",
        subcommands: [
            ImportCommand.self,
            SearchCommand.self,
            ShowCommand.self,
            AttackCommand.self,
            ValidateCommand.self,
            ConvertCommand.self,
            QueriesCommand.self,
            GuideCommand.self,
            FPCommand.self,
            NoteCommand.self,
            ChangesCommand.self,
            HistoryCommand.self,
            StaleCommand.self,
            StatusCommand.self,
            HuntCommand.self,
            EventsCommand.self,
            TestCommand.self,
        ]
    )
}
