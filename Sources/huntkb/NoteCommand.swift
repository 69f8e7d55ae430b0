import ArgumentParser

// Stub: replaced by the helper that owns this subcommand.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws {
        StdErr.print("huntkb: error: 'note' is not available yet")
        throw ExitCode(2)
    }
}
