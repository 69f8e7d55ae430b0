import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'search' is not available yet")
        throw ExitCode(2)
    }
}
