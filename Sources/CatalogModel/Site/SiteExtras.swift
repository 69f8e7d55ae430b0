import Foundation

/// What the site shows beside the guide content: raw tags for search, each rule's timeline and related rules,
/// and the latest import's change report.
public struct SiteExtras: Sendable {
    /// Every tag of each rule as written (`attack.t1059.001`, `cve.2021-44228`...), by rule id.
    public var tags: [String: [String]]
    public var histories: [String: RuleTimeline]
    public var related: [String: [RelatedLink]]
    /// The most recent import run's changes; nil when nothing was imported yet.
    public var latestChanges: ChangeReport?

    public init(tags: [String: [String]] = [:], histories: [String: RuleTimeline] = [:],
                related: [String: [RelatedLink]] = [:], latestChanges: ChangeReport? = nil) {
        self.tags = tags
        self.histories = histories
        self.related = related
        self.latestChanges = latestChanges
    }
}
