import GRDB

extension AppDatabase {
    /// Coverage per technique and tactic over the rules `query` selects, in one read transaction.
    public func coverage(_ query: CoverageQuery) throws -> CoverageReport {
        try writer.read { try CoverageBuilder.build($0, query) }
    }

    /// The techniques `query` covers that no rule with one of `localStatuses` covers (`--compare-local-status`).
    ///
    /// The result keeps the full catalog counts and rules of those techniques; the matrix shows only them.
    public func coverageLacking(localStatuses: [String], _ query: CoverageQuery) throws -> CoverageReport {
        try writer.read { db in
            let available = try CoverageBuilder.build(db, query)
            var narrowed = query
            narrowed.filter.localStatuses = localStatuses
            narrowed.gaps = false
            let present = try CoverageBuilder.build(db, narrowed)
            let covered = Set(present.techniques.filter { $0.score > 0 }.map(\.id))
            var report = available
            report.techniques = available.techniques.filter { $0.score > 0 && !covered.contains($0.id) }
            report.missingLocalStatus = localStatuses.map { $0.lowercased() }
            report.gaps = nil
            let lacking = Dictionary(uniqueKeysWithValues: report.techniques.map { ($0.id, $0) })
            for c in report.matrix.columns.indices {
                for i in report.matrix.columns[c].cells.indices {
                    let id = report.matrix.columns[c].cells[i].id
                    report.matrix.columns[c].cells[i].score = lacking[id]?.score ?? 0
                    let subs = report.techniques.filter { $0.parentID == id }
                    report.matrix.columns[c].cells[i].total = (lacking[id]?.score ?? 0) + subs.map(\.score).reduce(0, +)
                    report.matrix.columns[c].cells[i].coveredSubtechniques = subs.count
                }
            }
            return report
        }
    }

    /// What the import runs of `window` changed in coverage (the windows of `huntkb changes`).
    ///
    /// Throws `LifecycleError` for an unknown run, a reversed window or an unknown source.
    public func coverageDelta(window: ChangeQuery, _ query: CoverageQuery = CoverageQuery()) throws -> CoverageDelta {
        try writer.read { try CoverageDeltaBuilder.build($0, window: window, coverage: query) }
    }
}
