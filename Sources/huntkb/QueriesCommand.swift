import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct QueriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queries", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'queries' is not available yet")
        throw ExitCode(2)
    }
}
