import GRDB

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

extension AppDatabase {
    /// Reads the site's extras for the given rules in one read transaction.
    public func siteExtras(ruleIDs: [String]) throws -> SiteExtras {
        try writer.read { db in
            var extras = SiteExtras()
            let wanted = Set(ruleIDs)
            for row in try Row.fetchAll(db, sql: "SELECT rule_id, tag FROM rule_tag ORDER BY rule_id, position") {
                let id: String = row[0]
                guard wanted.contains(id) else { continue }
                extras.tags[id, default: []].append(row[1])
            }
            for id in ruleIDs {
                extras.histories[id] = try RuleHistory.timeline(db, idOrPrefix: id)
                let links = try RelatedRules.links(db, id: id)
                if !links.isEmpty { extras.related[id] = links }
            }
            do {
                extras.latestChanges = try ChangeReport.build(db, ChangeQuery())
            } catch LifecycleError.noImportRun {
                extras.latestChanges = nil
            }
            return extras
        }
    }
}
