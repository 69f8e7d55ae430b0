@testable import Catalog
import Foundation
import GRDB

/// Inline Sigma rules and helpers shared by the catalog tests.
enum Fixtures {
    /// A minimal valid rule; every argument lands in the YAML.
    static func rule(id: String, title: String, status: String = "test", level: String = "medium",
                     tags: [String] = [], product: String = "linux", category: String? = "process_creation",
                     service: String? = nil, date: String = "2020-01-01", modified: String? = nil,
                     author: String = "Tester", description: String = "A test rule.",
                     falsepositives: [String] = ["Administrators"], extra: String = "",
                     selection: String = "Image|endswith: '/crontab'") -> String {
        var yaml = "title: \(title)\nid: \(id)\nstatus: \(status)\ndescription: \(description)\nauthor: \(author)\ndate: \(date)\n"
        if let modified { yaml += "modified: \(modified)\n" }
        if !tags.isEmpty { yaml += "tags:\n" + tags.map { "    - \($0)\n" }.joined() }
        yaml += "logsource:\n    product: \(product)\n"
        if let category { yaml += "    category: \(category)\n" }
        if let service { yaml += "    service: \(service)\n" }
        yaml += "detection:\n    selection:\n        \(selection)\n    condition: selection\n"
        if !falsepositives.isEmpty { yaml += "falsepositives:\n" + falsepositives.map { "    - \($0)\n" }.joined() }
        yaml += "level: \(level)\n" + extra
        return yaml
    }

    /// A deterministic UUID-shaped id from a small number.
    static func id(_ n: Int) -> String {
        String(format: "00000000-0000-4000-8000-%012d", n)
    }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL {
        try TemporaryFolders.make("huntkb-tests")
    }

    /// Writes `files` (name → text) under `dir`, creating subfolders.
    @discardableResult
    static func write(_ files: [String: String], in dir: URL) throws -> [String] {
        var paths: [String] = []
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        return paths
    }

    /// Imports texts into a new in-memory catalog (seeded unless `seed` is false).
    static func catalog(_ files: [(String, String)], seed: Bool = true) throws -> (AppDatabase, ImportReport) {
        let db = try AppDatabase.inMemory(seed: seed)
        let report = try db.writer.write { try RuleImporter().importTexts(files.map { (path: $0.0, text: $0.1) }, db: $0) }
        return (db, report)
    }

    /// Ids of a search, in result order.
    static func ids(_ db: AppDatabase, _ configure: (inout RuleQuery) -> Void) throws -> [String] {
        var query = RuleQuery()
        configure(&query)
        return try db.writer.read { try RuleSearch.search($0, query) }.map(\.id)
    }

    /// The package root (where Package.swift is), found from this source file.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `$HUNTKB_SHARED`, else `../shared` beside the package, when it holds the corpus.
    static var sharedRoot: URL? {
        let url = ProcessInfo.processInfo.environment["HUNTKB_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("corpus/sigma").path) ? url : nil
    }

    static let cronID = "6b14bac8-3e3a-4324-8109-42f0546a347f"
}
