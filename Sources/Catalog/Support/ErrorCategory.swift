/// What a catalog failure means for the person who ran the command; the CLI turns each into its documented exit
/// status in one place.
public enum ErrorCategory: Sendable, Equatable {
    /// The input given is wrong (an argument, filter value, search syntax, target name): fix the command line.
    case usage
    /// Nothing could be done (an unreadable or foreign catalog, I/O, an unknown rule id or run, a missing file).
    case fatal
}

extension CatalogError {
    public var category: ErrorCategory {
        switch self {
        case .malformedSearchText, .invalidFilter: .usage
        case .notADatabase, .foreignDatabase, .newerSchema, .cannotOpen, .ruleNotFound, .ambiguousRuleID,
             .invalidAttackBundle, .attackNotFound, .missingFile, .otherAttackDomain: .fatal
        }
    }
}

extension LifecycleError {
    public var category: ErrorCategory {
        switch self {
        case .invalidOption: .usage
        case .noImportRun, .unknownSource: .fatal
        }
    }
}

extension GuideStoreError {
    public var category: ErrorCategory { .fatal }
}
