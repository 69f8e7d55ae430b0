import ArgumentParser
import Catalog
import Foundation

/// The process entry: global `--db` placement, parse errors as `huntkb: error: ...`, "did you mean" for
/// mistyped subcommands.
enum CommandLineEntry {
    static func main(_ raw: [String]) -> Never {
        let arguments = moveGlobalDatabase(raw)
        var command: any ParsableCommand
        do {
            command = try parse(arguments)
        } catch {
            reportParseError(error, arguments)
        }
        do {
            try command.run()
            HuntKB.exit()
        } catch let error as ExitCode {
            HuntKB.exit(withError: error)
        } catch let error as CleanExit {
            HuntKB.exit(withError: error)
        } catch {
            // The argument parser's own errors and requests (help, `huntkb help ...`) keep its handling.
            if HuntKB.exitCode(for: error) != .failure { reportParseError(error, arguments) }
            // A failure that no command body reported itself: the same line and status as if it had.
            let failure = CommandFailure(error)
            StdErr.print(failure.line)
            Foundation.exit(failure.status)
        }
    }

    /// Prints a parse error as `huntkb: error: ...` (with "did you mean" for a mistyped subcommand) and exits
    /// with the parser's status; help and --version keep ArgumentParser's handling.
    static func reportParseError(_ error: any Error, _ arguments: [String]) -> Never {
        let code = HuntKB.exitCode(for: error)
        if code == .success || error is ExitCode { HuntKB.exit(withError: error) }
        var message = HuntKB.message(for: error)
        if let typo = mistypedSubcommand(arguments) {
            message = "unknown command '\(typo.typed)'" + (typo.suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                + "; see 'huntkb\(typo.parent) --help'"
        }
        var line = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "\(error)"
        if line.hasPrefix("Error: ") { line.removeFirst(7) }
        FileHandle.standardError.write(Data("huntkb: error: \(line)\n".utf8))
        Foundation.exit(code.rawValue)
    }

    /// The command the arguments name. ArgumentParser takes time quadratic in the count of positional values (each
    /// one re-merges the set of input positions it came from), and `convert` is given thousands of rule files:
    /// its options are parsed with one path and it is handed all of them. Plain `convert` options and paths are
    /// parsed by `convert` alone: the root's tree builds every subcommand's configuration and help, a large share
    /// of the start of each conversion process (help, typos and anything unusual still go through the root).
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        if arguments.first == "convert", let quick = QuickConvert.parse(plain: arguments.dropFirst()) { return quick }
        if arguments.first == "convert", let split = ConvertCommand.separatePaths(arguments.dropFirst()), !split.paths.isEmpty {
            var convert = try ConvertCommand.parse(split.options + [split.paths[0]])
            convert.paths = split.paths
            return convert
        }
        // Parsed alone, a quick reading command builds only its own options, not the root's tree of every command
        // (a large share of a one-shot search). Any failure, help included, is parsed again from the root, so
        // messages and usage text are the root's.
        if arguments.first == "search", let quick = QuickSearch.parse(plain: arguments.dropFirst()) { return quick }
        let alone: (any ParsableCommand)? = switch arguments.first {
        case "search": try? SearchCommand.parse(Array(arguments.dropFirst()))
        case "show": try? ShowCommand.parse(Array(arguments.dropFirst()))
        default: nil
        }
        if let alone { return alone }
        return try HuntKB.parseAsRoot(arguments)
    }

    /// `huntkb --db X search ...` → `huntkb search ... --db X`: options before the subcommand are otherwise only
    /// the root's. Inserted before a `--` terminator so it is never read as a positional argument.
    static func moveGlobalDatabase(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < arguments.count, arguments[i].hasPrefix("--db") {
            if arguments[i] == "--db", i + 1 < arguments.count {
                leading += ["--db", arguments[i + 1]]
                i += 2
            } else if arguments[i].hasPrefix("--db=") {
                leading.append(arguments[i])
                i += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, i < arguments.count else { return arguments }
        var rest = Array(arguments[i...])
        if let terminator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: leading, at: terminator)
        } else {
            rest += leading
        }
        return rest
    }

    /// The first word that should name a subcommand and names none, with the closest name.
    static func mistypedSubcommand(_ arguments: [String]) -> (typed: String, suggestion: String?, parent: String)? {
        var level = children(of: HuntKB.configuration)
        var path = ""
        for word in arguments {
            if level.isEmpty || word.hasPrefix("-") { return nil }
            guard let next = level.first(where: { $0.names.contains(word) }) else {
                return (word, Suggestion.closest(to: word, among: level.map { $0.names[0] }, maxDistance: 2), path)
            }
            level = next.children
            path += " " + word
        }
        return nil
    }

    /// A subcommand's name (then aliases) and its own subcommands.
    struct Node {
        var names: [String]
        var children: [Node]
    }

    static func children(of configuration: CommandConfiguration) -> [Node] {
        configuration.subcommands.map { type in
            let config = type.configuration
            let name = config.commandName ?? type._commandName
            return Node(names: [name] + config.aliases, children: children(of: config))
        }
    }
}
