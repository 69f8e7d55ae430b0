import GRDB

extension AppDatabase {
    /// Sets a rule's local status (recorded in its history) and returns the event (nil when nothing changed)
    /// with the rule's state afterwards.
    public func setLocalStatus(idOrPrefix: String, status: String, note: String?) throws -> (event: RuleEventRecord?, current: LocalStatus?) {
        try writer.write { db in
            let event = try LocalStatusStore.set(db, idOrPrefix: idOrPrefix, status: status, note: note, now: clock.now())
            let record = try Self.rule(db, idOrPrefix: idOrPrefix)
            return (event, try LocalStatusStore.get(db, id: record.id))
        }
    }

    /// Clears a rule's local status; returns the event (nil when there was none) and the full rule id.
    public func clearLocalStatus(idOrPrefix: String, note: String?) throws -> (event: RuleEventRecord?, ruleID: String) {
        try writer.write { db in
            let event = try LocalStatusStore.set(db, idOrPrefix: idOrPrefix, status: nil, note: note, now: clock.now())
            return (event, try Self.rule(db, idOrPrefix: idOrPrefix).id)
        }
    }

    /// Rules with a local status, optionally only these statuses.
    public func localStatuses(_ statuses: [String] = []) throws -> [LocalStatus] {
        try writer.read { try LocalStatusStore.list($0, statuses: statuses) }
    }

    /// Finished import runs, newest first.
    public func importRuns(source: String? = nil, limit: Int? = nil) throws -> [ImportRunSummary] {
        try writer.read { try ImportRuns.list($0, source: source, limit: limit) }
    }

    /// The sync report for a window of import runs.
    public func changes(_ query: ChangeQuery) throws -> ChangeReport {
        try writer.read { try ChangeReport.build($0, query) }
    }

    /// A rule's lifecycle state and timeline, oldest event first.
    public func timeline(idOrPrefix: String) throws -> RuleTimeline {
        try writer.read { try RuleHistory.timeline($0, idOrPrefix: idOrPrefix) }
    }

    /// Rules not modified for a while, as `huntkb stale` lists them.
    public func staleRules(_ query: StaleQuery) throws -> StaleReport {
        try writer.read { try StaleReport.build($0, query) }
    }
}
