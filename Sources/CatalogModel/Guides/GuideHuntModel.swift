/// A pivot query around a hit: its purpose and the query text.
public struct GuidePivot: Sendable, Hashable, Codable {
    public var title: String
    public var query: String

    public init(title: String, query: String) {
        self.title = title
        self.query = query
    }
}

/// How to hunt with one rule on one target: what the query reads, a stacking query, pivots, or why not.
public struct GuideTargetPlan: Sendable, Hashable, Codable {
    public var target: String
    public var siem: String
    public var fence: String
    /// What the query reads, e.g. "table imProcessCreate".
    public var reads: String
    /// The rarity-stacking query, or nil with `stackingReason`.
    public var stacking: String?
    public var stackingReason: String?
    /// Key fields of the stacking query as the target names them.
    public var keyFields: [String]
    /// Key fields left out because the target has no mapping for them, with the reason.
    public var leftOut: [String]
    /// Pivot queries shared by every rule of the same log source on this target (rendered once per page).
    public var pivots: [GuidePivot]
    public var pivotReason: String?
    /// The log source the pivots belong to, e.g. `linux/process_creation`.
    public var pivotGroup: String

    public init(target: String, siem: String, fence: String, reads: String, stacking: String? = nil,
                stackingReason: String? = nil, keyFields: [String] = [], leftOut: [String] = [], pivots: [GuidePivot] = [],
                pivotReason: String? = nil, pivotGroup: String = "") {
        self.target = target
        self.siem = siem
        self.fence = fence
        self.reads = reads
        self.stacking = stacking
        self.stackingReason = stackingReason
        self.keyFields = keyFields
        self.leftOut = leftOut
        self.pivots = pivots
        self.pivotReason = pivotReason
        self.pivotGroup = pivotGroup
    }
}

/// A deprecated or unsupported rule's banner: its status and the rules that replace it.
public struct GuideReplacement: Sendable, Hashable, Codable {
    public var id: String
    public var title: String?

    public init(id: String, title: String? = nil) {
        self.id = id
        self.title = title
    }
}
