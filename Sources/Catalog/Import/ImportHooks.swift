import Foundation
import GRDB

/// The one place where an import run hands its changes to later features (rule history, lifecycle).
///
/// Called once per `RuleImporter.run`, inside the import transaction, after every file was written and before
/// the commit: `changes` holds added / updated (with the previous row) / unchanged rules in file order. A
/// throw aborts the whole import (nothing is committed). The history recorder compares each rule with its
/// lifecycle state and records events with the import run (see `HistoryRecorder`).
///
/// `run` is the import run the changes belong to (nil: a partial run is opened for them); `diffs` holds the
/// comparisons made while planning and `fileHashes` the hash of every file read, by absolute path.
func recordImportChanges(_ db: Database, report: ImportReport, sourcePaths: [String], run: inout ImportRunRecord?,
                         diffs: [String: RuleImporter.PreparedDiff], fileHashes: [String: String], now: Date) throws {
    try HistoryRecorder.record(db, report: report, sourcePaths: sourcePaths, run: &run, diffs: diffs, fileHashes: fileHashes,
                               now: now)
}
