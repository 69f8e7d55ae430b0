import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'import' is not available yet")
        throw ExitCode(2)
    }
}
