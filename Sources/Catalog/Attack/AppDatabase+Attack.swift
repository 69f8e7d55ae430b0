import GRDB

extension AppDatabase {
    /// Replaces the stored ATT&CK catalog with `catalog`, in one write transaction.
    public func replaceAttack(with catalog: AttackCatalog) throws {
        try writer.write { try AttackStore.replace($0, with: catalog) }
    }

    /// One technique (`T1059.001`) with its names, tactics and sub-techniques.
    public func attackTechnique(id: String) throws -> AttackTechniqueInfo {
        try writer.read { try AttackStore.technique($0, id: id) }
    }

    /// One tactic by id (`TA0003`) or short name, nil when the loaded catalog does not know it.
    public func attackTactic(id: String) throws -> AttackTacticRecord? {
        try writer.read { db in
            guard let short = try AttackStore.tacticShortName(db, id) else { return nil }
            return try AttackStore.tactics(db)[short]
        }
    }
}
