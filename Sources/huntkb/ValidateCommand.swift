import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'validate' is not available yet")
        throw ExitCode(2)
    }
}
