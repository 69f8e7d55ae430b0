import ArgumentParser
import Catalog
import Foundation

/// `--db PATH`, shared by every command that opens the catalog.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Catalog file (default: $HUNTKB_DB, else $XDG_DATA_HOME/huntkb/huntkb.sqlite).", valueName: "path"))
    var db: String?
}

extension DatabaseOptions {
    /// Opens the catalog named by `--db` / `$HUNTKB_DB` / the XDG default, creating and seeding it when missing.
    /// Catalog errors (not SQLite, made by a newer HuntKB...) become one-line fatal errors (exit 2).
    func openCatalog() throws -> AppDatabase {
        let path = DatabaseLocation.resolve(explicit: db)
        do {
            return try AppDatabase.open(path: path)
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

    /// Catalog errors that describe the user's input rather than the catalog become usage errors.
    static func mapping(_ error: CatalogError) -> any Error {
        switch error {
        case .invalidFilter, .malformedSearchText: UsageError(error.description)
        default: FatalError(error.description)
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
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Runs a command body, turning failures into the documented one-line messages and exit codes.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as FatalError {
        StdErr.print("huntkb: error: \(error.message)")
        throw ExitCode(2)
    } catch let error as UsageError {
        StdErr.print("huntkb: error: \(error.message)")
        throw ExitCode(64)
    } catch let error as ProfileFileError {
        StdErr.print(error.line)
        throw ExitCode(2)
    } catch let error as CleanExit {
        throw error
    } catch {
        StdErr.print("huntkb: error: \(error)")
        throw ExitCode(2)
    }
}
