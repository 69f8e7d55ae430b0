import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct StaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stale", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'stale' is not available yet")
        throw ExitCode(2)
    }
}
