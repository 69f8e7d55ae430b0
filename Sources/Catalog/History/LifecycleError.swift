/// A lifecycle failure (bad window, unknown run or source, bad status) with a one-line description.
public enum LifecycleError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidOption(String)
    case noImportRun(String)
    case unknownSource(String)

    public var description: String {
        switch self {
        case .invalidOption(let message): message
        case .noImportRun(let message): message
        case .unknownSource(let name): "no import run of source '\(name)'"
        }
    }
}
