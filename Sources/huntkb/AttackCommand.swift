import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct AttackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attack", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'attack' is not available yet")
        throw ExitCode(2)
    }
}
