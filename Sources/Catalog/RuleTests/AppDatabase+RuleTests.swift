import Foundation
import GRDB

extension AppDatabase {
    /// Attaches every folder under `folder` that holds an `info.yml` (SigmaHQ regression data, or HuntKB's
    /// benign samples) to its rules, replacing what the same folder attached before; one transaction.
    public func importRuleTestEvents(folder: String) throws -> RuleEventImportReport {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CatalogError.cannotOpen(path: folder, reason: "not a folder")
        }
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        var infos: [String] = []
        if fm.fileExists(atPath: root + "/info.yml") { infos.append(root) }
        if let walker = fm.enumerator(atPath: root) {
            while let rel = walker.nextObject() as? String {
                if (rel as NSString).lastPathComponent == "info.yml", rel != "info.yml" {
                    infos.append(root + "/" + (rel as NSString).deletingLastPathComponent)
                }
            }
        }
        infos.sort()
        // Reading happens before the write transaction.
        var folders: [(origin: String, info: String, files: [String: String])] = []
        var report = RuleEventImportReport()
        for dir in infos {
            guard let info = try? String(contentsOfFile: dir + "/info.yml", encoding: .utf8) else {
                report.problems.append("\(dir)/info.yml: cannot read"); continue
            }
            var files: [String: String] = [:]
            for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where name.lowercased().hasSuffix(".json") || name.lowercased().hasSuffix(".jsonl") {
                if let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8) { files[name] = text }
            }
            folders.append((dir, info, files))
        }
        let now = RuleTestStore.timestamp(clock)
        return try writer.write { db in
            var r = report
            for f in folders {
                try RuleTestStore.attach(db, infoText: f.info, origin: f.origin, now: now, read: { f.files[$0] },
                                         listJSON: { f.files.keys.sorted() }, report: &r)
            }
            return r
        }
    }

    /// The rules a search selects with their attack samples, scenarios, filters and benign samples.
    public func ruleTestInputs(matching query: RuleQuery) throws -> [RuleTestInput] {
        let rules = try ruleSources(matching: query)
        return try writer.read { db in try RuleTestStore.inputs(db, rules: rules) }
    }

    /// Stores test results (replacing earlier ones) with the engine version that produced them.
    public func saveRuleTestResults(_ results: [RuleTestResultRecord], engineVersion: String) throws {
        let now = RuleTestStore.timestamp(clock)
        try writer.write { db in try RuleTestStore.save(db, results, engineVersion: engineVersion, now: now) }
    }

    /// Whether a rule was validated on events: the guide's "validated on N events (date)" or "not validated".
    public func ruleValidationSummary(ruleID: String) throws -> RuleValidationSummary {
        try writer.read { db in try RuleTestStore.summary(db, ruleID: ruleID) }
    }
}

/// Called by the seed loader after the seed rules and scenarios, in the same transaction: attaches the
/// sample events under `seed/events/` (each folder an `info.yml` and its event files).
func seedRuleTestEvents(_ db: Database, files: [(path: String, text: String)], clock: LifecycleClock) throws {
    let infos = files.filter { $0.path.hasPrefix("seed/events/") && $0.path.hasSuffix("/info.yml") }
    var report = RuleEventImportReport()
    let now = RuleTestStore.timestamp(clock)
    for info in infos {
        let dir = String(info.path.dropLast("/info.yml".count))
        let inFolder = files.filter { ($0.path as NSString).deletingLastPathComponent == dir && $0.path.hasSuffix(".json") }
        try RuleTestStore.attach(db, infoText: info.text, origin: SeedLoader.sourcePrefix + dir, now: now,
                                 read: { name in inFolder.first { ($0.path as NSString).lastPathComponent == name }?.text },
                                 listJSON: { inFolder.map { ($0.path as NSString).lastPathComponent } }, report: &report)
    }
    if let problem = report.problems.first {
        throw CatalogError.cannotOpen(path: "seed/events", reason: "seed test events rejected: \(problem)")
    }
}
