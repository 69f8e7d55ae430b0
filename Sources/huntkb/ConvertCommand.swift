import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'convert' is not available yet")
        throw ExitCode(2)
    }
}
