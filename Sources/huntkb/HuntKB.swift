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
            and loads the seed. A team profile ('huntkb config set targets ...', kept in \
            $XDG_CONFIG_HOME/huntkb/config.toml) sets the default targets of import, guide and queries.

            EXIT CODES
              0   success
              1   some inputs were rejected (invalid rules, failed conversions); the rest was processed
              2   fatal error (unreadable catalog, I/O failure, unknown rule id, malformed config file); nothing was changed
              64  usage error (unknown option, bad argument or filter value, malformed search text, unknown target,
                  pipeline or query format, a profile naming an unknown target)
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
            ConfigCommand.self,
        ]
    )
}
