import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct FPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fp", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'fp' is not available yet")
        throw ExitCode(2)
    }
}
