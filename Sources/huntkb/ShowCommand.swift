import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'show' is not available yet")
        throw ExitCode(2)
    }
}
