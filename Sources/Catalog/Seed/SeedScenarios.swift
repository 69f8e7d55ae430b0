import GRDB

// Owned by the hunt-guide work (false-positive scenarios and hunting notes). Called by the seed loader after
// the seed rules are imported, inside the same transaction.
func seedScenariosAndNotes(_ db: Database, files: [(path: String, text: String)]) throws {
}
