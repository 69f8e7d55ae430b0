import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'history' is not available yet")
        throw ExitCode(2)
    }
}
