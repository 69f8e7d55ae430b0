import GRDB

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
