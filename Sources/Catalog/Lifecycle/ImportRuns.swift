import Foundation
import GRDB

extension ImportRunSummary {
    public init(_ run: ImportRunRecord) {
        self.init(id: run.id ?? 0, source: run.source, paths: run.pathList, scope: run.scope, commit: run.commitId,
                  commitDate: run.commitDate, tag: run.tag, startedAt: run.startedAt, finishedAt: run.finishedAt,
                  files: run.files, added: run.added, updated: run.updated, unchanged: run.unchanged,
                  removed: run.removed, restored: run.restored, rejected: run.rejected, events: run.events)
    }
}

/// Import runs, newest first.
public enum ImportRuns {
    public static func list(_ db: Database, source: String? = nil, limit: Int? = nil) throws -> [ImportRunSummary] {
        var request = ImportRunRecord.filter(Column("finished_at") != nil).order(Column("id").desc)
        if let source { request = request.filter(Column("source") == source.lowercased()) }
        if let limit { request = request.limit(limit) }
        return try request.fetchAll(db).map(ImportRunSummary.init)
    }

    public static func get(_ db: Database, id: Int64) throws -> ImportRunSummary? {
        try ImportRunRecord.fetchOne(db, key: id).map(ImportRunSummary.init)
    }
}
