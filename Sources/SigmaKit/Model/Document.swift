/// One YAML document of a rule file.
public enum SigmaDocument: Sendable, Hashable, Codable {
    case rule(SigmaRule)
    case correlation(CorrelationRule)
    case filter(SigmaFilter)
}

/// A parsed rule file: its documents and every diagnostic (errors and warnings) with positions.
public struct SigmaFile: Sendable, Hashable {
    public var path: String
    /// The original text, as read.
    public var text: String
    public var documents: [SigmaDocument]
    public var diagnostics: [Diagnostic]

    public init(path: String, text: String, documents: [SigmaDocument], diagnostics: [Diagnostic]) {
        self.path = path
        self.text = text
        self.documents = documents
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var rules: [SigmaRule] {
        documents.compactMap { if case .rule(let r) = $0 { r } else { nil } }
    }
}
