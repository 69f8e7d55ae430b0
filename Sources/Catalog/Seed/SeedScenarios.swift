import GRDB

// Owned by the hunt-guide work (false-positive scenarios and hunting notes). Called by the seed loader after
// the seed rules are imported, inside the same transaction.
func seedScenariosAndNotes(_ db: Database, files: [(path: String, text: String)], today: String) throws {
    let guides = files.filter {
        $0.path.hasPrefix("seed/guides/") && ($0.path.hasSuffix(".yml") || $0.path.hasSuffix(".yaml"))
    }.sorted { $0.path < $1.path }
    for file in guides {
        let parsed = try GuideFile.parse(text: file.text, path: file.path)
        try ScenarioStore.importFile(db, parsed, path: file.path, today: today)
    }
}
