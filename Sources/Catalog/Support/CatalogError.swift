/// A catalog failure with a one-line, user-facing description.
public enum CatalogError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file is an SQLite database of another application (tables, but no HuntKB catalog).
    case foreignDatabase(path: String)
    /// The database was migrated by a newer HuntKB (it has migrations this binary does not know).
    case newerSchema(path: String, unknownMigrations: [String])
    /// The database could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// Free text that FTS5 cannot parse.
    case malformedSearchText(text: String, reason: String)
    /// A search filter value that is not valid (bad date, technique id...).
    case invalidFilter(String)
    /// No rule has this id or id prefix.
    case ruleNotFound(String, suggestion: String? = nil)
    /// Several rules share this id prefix.
    case ambiguousRuleID(prefix: String, candidates: [String])
    /// An ATT&CK bundle that cannot be read.
    case invalidAttackBundle(path: String, reason: String)
    /// An ATT&CK id the loaded catalog does not know.
    case attackNotFound(String)
    /// A file named on the command line does not exist.
    case missingFile(path: String)
    /// An ATT&CK bundle of another domain (ICS, Mobile) than the one asked for.
    case otherAttackDomain(path: String, domain: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path): not an SQLite database (refusing to touch it)"
        case .foreignDatabase(let path):
            return "\(path): an SQLite database that is not a HuntKB catalog (refusing to touch it)"
        case .newerSchema(let path, let unknown):
            return "\(path): made by a newer HuntKB (unknown migrations: \(unknown.joined(separator: ", "))); upgrade huntkb to use it"
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open catalog: \(reason)"
        case .malformedSearchText(let text, let reason):
            return "malformed search text \"\(text)\": \(reason) (put words with punctuation in double quotes)"
        case .invalidFilter(let message):
            return message
        case .ruleNotFound(let id, let suggestion):
            return "unknown rule '\(id)'" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        case .ambiguousRuleID(let prefix, let candidates):
            let shown = candidates.prefix(5).joined(separator: ", ")
            return "rule id prefix '\(prefix)' is ambiguous: \(shown)\(candidates.count > 5 ? ", ..." : "")"
        case .invalidAttackBundle(let path, let reason):
            return "\(path): not a usable ATT&CK STIX bundle: \(reason)"
        case .attackNotFound(let id):
            return "'\(id)' is not in the loaded ATT&CK catalog"
        case .missingFile(let path):
            return "\(path): no such file"
        case .otherAttackDomain(let path, let domain):
            return "\(path): an ATT&CK \(domain == "ics" ? "ICS" : domain.capitalized) bundle, not Enterprise; pass --domain \(domain) to replace the catalog with it"
        }
    }
}
