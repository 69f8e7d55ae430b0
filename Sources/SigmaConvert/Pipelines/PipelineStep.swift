import SigmaKit

/// When a step runs for a rule (pySigma's rule conditions).
indirect enum RuleCondition: Sendable, Hashable {
    case always
    /// The query table chosen for the rule equals the given one.
    case queryTable(String)
    /// `logsource.category` equals the given one.
    case category(String)
    case not(RuleCondition)

    func matches(_ rule: SigmaRule, queryTable table: String?) -> Bool {
        switch self {
        case .always: true
        case .queryTable(let name): table == name
        case .category(let name): rule.logsource.category == name
        case .not(let inner): !inner.matches(rule, queryTable: table)
        }
    }
}

/// Where a field-mapping step finds its mapping.
enum FieldMapSource: Sendable, Hashable {
    /// The table-specific mapping of the rule's query table.
    case queryTable
    /// The pipeline's generic mapping.
    case generic
    /// A fixed mapping given with the step.
    case fixed([String: [String]])
}

/// How the `Hashes` field is split into one field per algorithm (the reference's hash-values transformations).
struct HashSplit: Sendable, Hashable {
    /// Upper-case algorithm names the table has columns for.
    var algorithms: [String]
    /// Prefix of the produced field names (`TargetProcess` + `SHA256`).
    var fieldPrefix: String
    /// Every value goes to `fieldPrefix` alone (Azure's `FileHash`).
    var dropAlgorithmName: Bool = false
}

/// A value rewrite applied to each value of matching items.
enum ValueRewrite: Sendable, Hashable {
    /// A case-insensitive prefix of the value's text replaced (`HKLM` -> `HKEY_LOCAL_MACHINE`).
    case replacePrefix(String, with: String)
    /// Sysmon registry event types to the target's action types (one value may become several).
    case registryActionType
    /// A path reduced to its last component (`C:\x\cmd.exe` -> `cmd.exe`).
    case fileName
}

/// What a step does to the rule.
enum StepAction: Sendable, Hashable {
    /// Chooses the query table from the log source category, else from EventIDs of `sel*` detections.
    case setQueryTable
    /// Removes matching items.
    case dropItems
    /// Renames fields; several targets replace the item by an OR group of copies.
    case mapFields(FieldMapSource)
    case rewriteValues(ValueRewrite)
    case splitHashes(HashSplit)
    /// `DOMAIN\user` values split into a user item AND a domain item.
    case splitDomainUser
    /// Fails on a field that is not a column of the query table (nor a still-mappable name).
    case rejectUnknownFields

    var fieldMapSource: FieldMapSource? {
        if case .mapFields(let source) = self { source } else { nil }
    }
}

/// One step of a table-driven pipeline: an action with the conditions deciding where it applies.
struct PipelineStep: Sendable, Hashable {
    /// Identifies the step for `skipItemsProcessedBy` of later steps.
    var id: String
    var action: StepAction
    var when: RuleCondition = .always
    /// Only items whose field is in this set (nil: every item, keywords included).
    var fields: Set<String>? = nil
    /// Skips items that a step with this id already changed.
    var skipItemsProcessedBy: String? = nil
}
