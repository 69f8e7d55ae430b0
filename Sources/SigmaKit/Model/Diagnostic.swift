/// A problem found in a rule file: `path:line:column: error|warning: message`.
public struct Diagnostic: Sendable, Hashable, Codable, Error, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// Short stable identifier (e.g. `missing-description`) so warnings can be disabled.
    public var code: String
    public var message: String
    public var path: String?
    public var position: SourcePosition?

    public init(_ severity: Severity, code: String, _ message: String, path: String? = nil, at position: SourcePosition? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.path = path
        self.position = position
    }

    public static func error(_ code: String, _ message: String, at position: SourcePosition? = nil) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: position)
    }

    public static func warning(_ code: String, _ message: String, at position: SourcePosition? = nil) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: position)
    }

    /// The compiler-style line: `path:line:column: error: message [code]` (position parts omitted when unknown).
    public var description: String {
        // Paths and messages carry text from the file: one line always, never a terminal escape.
        var head = SafeText.line(path ?? "<input>")
        if let position { head += ":\(position.line):\(position.column)" }
        let tag = severity == .warning ? " [\(code)]" : ""
        return "\(head): \(severity.rawValue): \(SafeText.line(message))\(tag)"
    }

    /// A rule value quoted for a message (single quotes, one line).
    public static func quoted(_ value: String) -> String {
        SafeText.quoted(value)
    }
}
