import Foundation
import GRDB

/// Loads the compiled-in seed into a new catalog: the compact ATT&CK catalog, the seed rules, then the
/// false-positive scenarios and hunting notes, all in the caller's transaction.
enum SeedLoader {
    /// Seed rules are stored with this prefix as source path: they come from the binary, not from a file.
    static let sourcePrefix = "huntkb-seed:"

    static func load(_ db: Database, clock: LifecycleClock) throws {
        let files = EmbeddedFiles.seed
        for file in files where file.path.hasPrefix("seed/attack/") && file.path.hasSuffix(".json") {
            let catalog = try JSONDecoder().decode(AttackCatalog.self, from: Data(file.text.utf8))
            try AttackStore.replace(db, with: catalog)
        }
        let rules = files.filter { $0.path.hasPrefix("seed/rules/") }
            .map { (path: sourcePrefix + $0.path, text: $0.text) }
        var importer = RuleImporter()
        importer.clock = clock
        let report = try importer.importTexts(rules, db: db)
        if let rejection = report.rejections.first {
            // A broken seed is a build defect; failing loudly beats a silently empty catalog.
            throw CatalogError.cannotOpen(path: rejection.path, reason: "seed rule rejected: \(rejection.description)")
        }
        try seedScenariosAndNotes(db, files: files, today: LifecycleClock.day(clock.now()))
        try seedRuleTestEvents(db, files: files, clock: clock)
    }
}
