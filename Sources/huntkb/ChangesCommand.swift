import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "changes", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'changes' is not available yet")
        throw ExitCode(2)
    }
}
