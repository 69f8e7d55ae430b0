/// An error found while building the model; becomes a `Diagnostic` with the file path.
struct ParseProblem: Error {
    var code: String
    var message: String
    var position: SourcePosition?

    init(_ code: String, _ message: String, at position: SourcePosition?) {
        self.code = code
        self.message = message
        self.position = position
    }

    var diagnostic: Diagnostic { Diagnostic(.error, code: code, message, at: position) }
}

/// Collects diagnostics while a document is built.
struct DiagnosticSink {
    var diagnostics: [Diagnostic] = []

    mutating func error(_ code: String, _ message: String, at position: SourcePosition?) {
        diagnostics.append(Diagnostic(.error, code: code, message, at: position))
    }

    mutating func warning(_ code: String, _ message: String, at position: SourcePosition?) {
        diagnostics.append(Diagnostic(.warning, code: code, message, at: position))
    }

    mutating func add(_ problem: ParseProblem) {
        diagnostics.append(problem.diagnostic)
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
