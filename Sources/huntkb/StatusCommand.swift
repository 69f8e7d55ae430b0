import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'status' is not available yet")
        throw ExitCode(2)
    }
}
