import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct GuideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "guide", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'guide' is not available yet")
        throw ExitCode(2)
    }
}
