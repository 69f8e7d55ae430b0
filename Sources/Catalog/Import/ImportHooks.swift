import GRDB

/// The one place where an import run hands its changes to later features (rule history, lifecycle).
///
/// Called once per `RuleImporter.run`, inside the import transaction, after every file was written and before
/// the commit: `changes` holds added / updated (with the previous row) / unchanged rules in file order. A
/// throw aborts the whole import (nothing is committed). The history work replaces this body with its
/// `recordHistory(...)` call.
func recordImportChanges(_ db: Database, report: ImportReport, sourcePaths: [String]) throws {
}
