import Foundation
import GRDB

/// Loading and querying the ATT&CK tables.
public enum AttackStore {
    /// Replaces the whole ATT&CK catalog (one transaction: the caller's).
    public static func replace(_ db: Database, with catalog: AttackCatalog) throws {
        try db.execute(sql: "DELETE FROM attack_technique_tactic; DELETE FROM attack_technique; DELETE FROM attack_tactic;")
        for tactic in catalog.tactics {
            try AttackTacticRecord(id: tactic.id, shortName: tactic.shortName, name: tactic.name, url: tactic.url).insert(db, onConflict: .replace)
        }
        let encoder = JSONEncoder()
        for technique in catalog.techniques {
            let platforms = String(decoding: try encoder.encode(technique.platforms), as: UTF8.self)
            try AttackTechniqueRecord(
                id: technique.id, name: technique.name, parentId: technique.parentID,
                isSubtechnique: technique.parentID != nil, platforms: platforms, url: technique.url,
                deprecated: technique.deprecated, revoked: technique.revoked, revokedBy: technique.revokedBy
            ).insert(db, onConflict: .replace)
            for tactic in Set(technique.tactics) {
                try AttackTechniqueTacticRecord(techniqueId: technique.id, tactic: tactic).insert(db, onConflict: .ignore)
            }
        }
        try AppDatabase.setMeta(db, "attack.version", catalog.version)
        try AppDatabase.setMeta(db, "attack.source", catalog.source)
    }

    /// The loaded ATT&CK release (`18.1`), or nil when none is loaded.
    public static func version(_ db: Database) throws -> String? {
        try AppDatabase.meta(db, "attack.version")
    }

    /// Counts of loaded tactics and techniques.
    public static func counts(_ db: Database) throws -> (tactics: Int, techniques: Int) {
        (try AttackTacticRecord.fetchCount(db), try AttackTechniqueRecord.fetchCount(db))
    }

    /// Technique names by id, for the ids given.
    public static func techniqueNames(_ db: Database, ids: some Collection<String>) throws -> [String: AttackTechniqueRecord] {
        guard !ids.isEmpty else { return [:] }
        var out: [String: AttackTechniqueRecord] = [:]
        for chunk in Array(Set(ids)).chunked(500) {
            for row in try AttackTechniqueRecord.filter(chunk.contains(Column("id"))).fetchAll(db) {
                out[row.id] = row
            }
        }
        return out
    }

    /// The tactic short name of a TA id, or a user-typed name normalized.
    public static func tacticShortName(_ db: Database, _ input: String) throws -> String? {
        if let taID = TagNormalizer.tacticID(input) {
            return try String.fetchOne(db, sql: "SELECT short_name FROM attack_tactic WHERE id = ?", arguments: [taID])
        }
        return TagNormalizer.tacticName(input)
    }

    /// All tactics by short name.
    public static func tactics(_ db: Database) throws -> [String: AttackTacticRecord] {
        var out: [String: AttackTacticRecord] = [:]
        for row in try AttackTacticRecord.fetchAll(db) { out[row.shortName] = row }
        return out
    }

    /// A technique with resolved names.
    public static func technique(_ db: Database, id input: String) throws -> AttackTechniqueInfo {
        guard let id = TagNormalizer.techniqueID(input),
              let row = try AttackTechniqueRecord.fetchOne(db, key: id) else {
            throw CatalogError.attackNotFound(input)
        }
        let tacticsByName = try tactics(db)
        let tacticNames = try String.fetchAll(db, sql: "SELECT tactic FROM attack_technique_tactic WHERE technique_id = ?", arguments: [id])
        let order = ["reconnaissance", "resource-development", "initial-access", "execution", "persistence",
                     "privilege-escalation", "defense-evasion", "stealth", "defense-impairment", "credential-access",
                     "discovery", "lateral-movement", "collection", "command-and-control", "exfiltration", "impact"]
        let sortedTactics = tacticNames.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
        let refs = sortedTactics.map { name in
            AttackRef(id: tacticsByName[name]?.id ?? name, name: tacticsByName[name]?.name ?? name)
        }
        func ref(_ techniqueID: String?) throws -> AttackRef? {
            guard let techniqueID else { return nil }
            let name = try String.fetchOne(db, sql: "SELECT name FROM attack_technique WHERE id = ?", arguments: [techniqueID])
            return AttackRef(id: techniqueID, name: name)
        }
        let subs = try Row.fetchAll(db, sql: "SELECT id, name FROM attack_technique WHERE parent_id = ? ORDER BY id", arguments: [id])
            .map { AttackRef(id: $0["id"], name: $0["name"]) }
        let platforms = (try? JSONDecoder().decode([String].self, from: Data(row.platforms.utf8))) ?? []
        return AttackTechniqueInfo(
            id: row.id, name: row.name, parent: try ref(row.parentId), tactics: refs, platforms: platforms,
            url: row.url, deprecated: row.deprecated, revoked: row.revoked, revokedBy: try ref(row.revokedBy),
            subtechniques: subs, attackVersion: try version(db) ?? "none")
    }

    /// The full display name: `Scheduled Task/Job: Cron` for a sub-technique.
    public static func displayName(_ db: Database, id: String) throws -> String? {
        guard let row = try AttackTechniqueRecord.fetchOne(db, key: id) else { return nil }
        if let parent = row.parentId, let parentName = try String.fetchOne(db, sql: "SELECT name FROM attack_technique WHERE id = ?", arguments: [parent]) {
            return "\(parentName): \(row.name)"
        }
        return row.name
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
