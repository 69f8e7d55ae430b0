import ArgumentParser
import Catalog

/// Any error a command body throws, as the one line it prints and the documented exit status it ends with.
///
/// This is the one place that maps failures to exit codes: a catalog error's category decides (usage 64, fatal 2),
/// the CLI's own `UsageError` and `FatalError` say theirs, and anything else is fatal. Argument parsing errors keep
/// the parser's handling (usage, status 64) in `CommandLineEntry`.
struct CommandFailure: Equatable {
    var category: ErrorCategory
    /// `huntkb: error: message`, or the error's own `path:line:column: error: message`.
    var line: String

    init(_ error: any Error) {
        switch error {
        case let error as CatalogError: self.init(error.category, error.description)
        case let error as LifecycleError: self.init(error.category, error.description)
        case let error as GuideStoreError: self.init(error.category, error.description)
        case let error as UsageError: self.init(.usage, error.message)
        case let error as FatalError: self.init(.fatal, error.message)
        // Thrown by a command body after parsing: the argument parser's own usage status.
        case let error as ValidationError: self.init(.usage, error.message)
        // Already `path:line:column: error: message`: a "huntkb: error:" prefix would say "error" twice.
        case let error as ProfileFileError: self.init(category: .fatal, line: error.line)
        default: self.init(.fatal, "\(error)")
        }
    }

    private init(_ category: ErrorCategory, _ message: String) {
        self.init(category: category, line: "huntkb: error: \(message)")
    }

    private init(category: ErrorCategory, line: String) {
        self.category = category
        self.line = line
    }

    /// The exit status documented in `huntkb --help` and the README.
    var status: Int32 {
        Self.status(of: category)
    }

    static func status(of category: ErrorCategory) -> Int32 {
        switch category {
        case .usage: 64
        case .fatal: 2
        }
    }
}
