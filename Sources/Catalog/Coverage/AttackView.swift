import Foundation
import GRDB

/// The loaded ATT&CK catalog read once for coverage: names, tactics and platforms of every technique.
struct AttackView {
    var version: String?
    var techniques: [String: AttackTechniqueRecord]
    var tacticsOf: [String: [String]]
    var platformsOf: [String: [String]]
    /// Tactic records by short name.
    var tactics: [String: AttackTacticRecord]
    var subsOf: [String: [String]]

    init(_ db: Database) throws {
        version = try AttackStore.version(db)
        var techniques: [String: AttackTechniqueRecord] = [:]
        var platformsOf: [String: [String]] = [:]
        var subsOf: [String: [String]] = [:]
        let decoder = JSONDecoder()
        for row in try AttackTechniqueRecord.fetchAll(db) {
            techniques[row.id] = row
            platformsOf[row.id] = (try? decoder.decode([String].self, from: Data(row.platforms.utf8))) ?? []
            if let parent = row.parentId, Self.isLive(row) { subsOf[parent, default: []].append(row.id) }
        }
        var tacticsOf: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT technique_id, tactic FROM attack_technique_tactic") {
            tacticsOf[row[0], default: []].append(row[1])
        }
        self.techniques = techniques
        self.platformsOf = platformsOf
        self.tacticsOf = tacticsOf.mapValues { MatrixOrder.sorted($0) }
        self.subsOf = subsOf.mapValues { $0.sorted() }
        tactics = try AttackStore.tactics(db)
    }

    /// Part of the current matrix: neither revoked nor deprecated.
    static func isLive(_ row: AttackTechniqueRecord) -> Bool { !row.revoked && !row.deprecated }

    /// `Scheduled Task/Job: Cron` for a sub-technique, the name for a technique, nil when unknown.
    func displayName(_ id: String) -> String? {
        guard let row = techniques[id] else { return nil }
        if let parent = row.parentId, let parentName = techniques[parent]?.name { return "\(parentName): \(row.name)" }
        return row.name
    }

    /// Every platform the catalog names, sorted case-insensitively.
    var allPlatforms: [String] {
        Set(platformsOf.values.flatMap { $0 }).sorted { $0.lowercased() < $1.lowercased() }
    }

    /// User-typed platforms mapped to the catalog's spelling (`macos` → `macOS`, `network-devices` → `Network Devices`).
    func resolvePlatforms(_ inputs: [String]) throws -> [String] {
        func key(_ s: String) -> String {
            s.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
                .trimmingCharacters(in: .whitespaces)
        }
        let byKey = Dictionary(allPlatforms.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String] = []
        for input in inputs {
            guard let platform = byKey[key(input)] else {
                let valid = allPlatforms.map { $0.lowercased().replacingOccurrences(of: " ", with: "-") }
                throw CatalogError.invalidFilter("unknown platform '\(input)' (expected one of: \(valid.isEmpty ? "none: no ATT&CK catalog is loaded" : valid.joined(separator: ", ")))")
            }
            if !out.contains(platform) { out.append(platform) }
        }
        return out
    }
}
