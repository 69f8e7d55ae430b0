import ArgumentParser
import Catalog
import Foundation
import SigmaKit

/// `--db PATH`, shared by every command that opens the catalog.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Catalog file (default: $HUNTKB_DB, else $XDG_DATA_HOME/huntkb/huntkb.sqlite).", valueName: "path"))
    var db: String?
}

extension DatabaseOptions {
    /// Opens the catalog named by `--db` / `$HUNTKB_DB` / the XDG default, creating and seeding it when missing.
    /// Catalog errors (not SQLite, made by a newer HuntKB...) become one-line fatal errors (exit 2).
    func openCatalog() throws -> AppDatabase {
        try open { try AppDatabase.open(path: $0, clock: CommandClock.current) }
    }

    /// `openCatalog()` for a command that only reads the catalog (a missing one is still created): a catalog
    /// that needs no migration and has its seed is opened read-only, and the file is left exactly as it was.
    func openCatalogReadOnly() throws -> AppDatabase {
        try open { try AppDatabase.openForReading(path: $0, clock: CommandClock.current) }
    }

    private func open(_ body: (String) throws -> AppDatabase) throws -> AppDatabase {
        let path = DatabaseLocation.resolve(explicit: db)
        do {
            return try body(path)
        } catch let error as CatalogError {
            throw FatalError(error.description)
        }
    }
}

extension DatabaseOptions {
    /// `openCatalog()` for commands that only read: an explicit `--db` whose folder does not exist is a mistake
    /// (a typo in a path), not a request to create a catalog there.
    func openCatalogForReading() throws -> AppDatabase {
        try Self.openCatalogForReading(db: db)
    }

    /// `openCatalogForReading()` for the catalog named by `db` (nil: `$HUNTKB_DB`, else the XDG default).
    static func openCatalogForReading(db: String?) throws -> AppDatabase {
        if let db, !db.isEmpty {
            let path = DatabaseLocation.resolve(explicit: db)
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw FatalError("\(db): no such folder \(folder) (only commands that write create a catalog's folder)")
            }
        }
        let path = DatabaseLocation.resolve(explicit: db)
        do {
            return try AppDatabase.openForReading(path: path, clock: CommandClock.current)
        } catch let error as CatalogError {
            throw FatalError(error.description)
        }
    }
}

/// The list formats of `--format`.
enum ListFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv
}

/// A fatal error: printed as one line `huntkb: error: message`, exit status 2.
struct FatalError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// A bad argument found only once the catalog is consulted (a filter value, search syntax): exit status 64,
/// like the usage errors the argument parser reports.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }

    /// Catalog errors that describe the user's input rather than the catalog (their category) become usage errors.
    static func mapping(_ error: CatalogError) -> any Error {
        switch error.category {
        case .usage: UsageError(error.description)
        case .fatal: FatalError(error.description)
        }
    }
}

/// Terminal facts that decide colour, progress and the default list format.
enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }
    /// Colour only on a terminal and only when NO_COLOR is unset or empty (https://no-color.org).
    static var useColor: Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return noColor.isEmpty && stdoutIsTTY
    }
}

/// Writes to standard error without buffering surprises.
enum StdErr {
    static func print(_ line: String) {
        TerminalOutput.writeError(SafeText.line(line) + "\n")
    }
}

/// Runs a command body, turning failures into the documented one-line messages and exit codes.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        let failure = CommandFailure(error)
        StdErr.print(failure.line)
        throw ExitCode(failure.status)
    }
}

/// Hand parsing of plain command lines (`QuickSearch`, `QuickConvert`), for what they share.
enum PlainArguments {
    /// The value of an option whose word, less its `--`, is `name`: after an `=` in the word (`name` is then cut
    /// there), or else the next argument, `i` moving past it. nil when no argument follows.
    static func value(splitting name: inout String, from arguments: ArraySlice<String>, at i: inout Int) -> String? {
        if let equals = name.firstIndex(of: "=") {
            let value = String(name[name.index(after: equals)...])
            name = String(name[..<equals])
            return value
        }
        guard i < arguments.endIndex else { return nil }
        defer { i += 1 }
        return arguments[i]
    }
}
