/// The warnings of `SigmaValidator`: SigmaHQ conventions that matter to a knowledge base.
/// Each can be disabled by its identifier (`huntkb validate --disable missing-description`).
public enum WarningCode: String, Sendable, CaseIterable, Codable {
    case missingDescription = "missing-description"
    case missingFalsepositives = "missing-falsepositives"
    case missingModified = "missing-modified"
    case modifiedBeforeDate = "modified-before-date"
    case missingDate = "missing-date"
    case missingID = "missing-id"
    case missingLevel = "missing-level"
    case missingAuthor = "missing-author"
    case titleTooLong = "title-too-long"
    case unknownTagNamespace = "unknown-tag-namespace"
    case tagFormat = "tag-format"
    case duplicateTag = "duplicate-tag"
    case attackUnknownTechnique = "attack-unknown-technique"
    case attackUnknownTactic = "attack-unknown-tactic"
    case attackTacticMismatch = "attack-tactic-mismatch"
    case attackDeprecatedTechnique = "attack-deprecated-technique"
    case allOfThem = "all-of-them"
    case conditionList = "condition-list"
    case unknownRuleReference = "unknown-rule-reference"

    /// One line on what the warning means.
    public var summary: String {
        switch self {
        case .missingDescription: "the rule has no description"
        case .missingFalsepositives: "the rule lists no false positives"
        case .missingModified: "the rule changed since the stored version but its modified date did not"
        case .modifiedBeforeDate: "modified is earlier than date"
        case .missingDate: "the rule has no creation date"
        case .missingID: "the rule has no id"
        case .missingLevel: "the rule has no level"
        case .missingAuthor: "the rule has no author"
        case .titleTooLong: "the title is longer than SigmaHQ's 110 characters"
        case .unknownTagNamespace: "a tag namespace outside the spec's tags appendix"
        case .tagFormat: "a tag with characters other than lower-case letters, digits, '_', '-' and '.'"
        case .duplicateTag: "the same tag twice"
        case .attackUnknownTechnique: "an ATT&CK technique tag not in the loaded ATT&CK catalog"
        case .attackUnknownTactic: "an ATT&CK tactic tag not in the loaded ATT&CK catalog"
        case .attackTacticMismatch: "a tactic tag that is none of the tactics of the rule's techniques"
        case .attackDeprecatedTechnique: "an ATT&CK technique that is revoked or deprecated"
        case .allOfThem: "'all of them' (the spec discourages it: it defeats filtering)"
        case .conditionList: "a list of conditions (legacy form; each becomes its own query)"
        case .unknownRuleReference: "a correlation or filter names a rule that is not known"
        }
    }
}
