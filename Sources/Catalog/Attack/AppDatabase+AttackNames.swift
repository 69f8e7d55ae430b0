import Foundation
import GRDB
import SigmaConvert

extension AppDatabase {
    /// Every ATT&CK tactic and technique name of the catalog, for output formats that carry a rule's ATT&CK
    /// mapping (Elastic's `siem_rule_ndjson`); empty when no ATT&CK data is loaded.
    public func attackNames() throws -> AttackNames {
        try writer.read { db in
            let tactics = try AttackTacticRecord.fetchAll(db).map {
                AttackTacticName(id: $0.id, shortName: $0.shortName, name: $0.name)
            }
            var tacticsOf: [String: [String]] = [:]
            // Tactic id order stands in for the matrix order (a technique under none of a rule's tactics joins its first).
            let sql = """
                SELECT tt.technique_id, tt.tactic FROM attack_technique_tactic tt
                LEFT JOIN attack_tactic t ON t.short_name = tt.tactic ORDER BY tt.technique_id, t.id
                """
            for row in try Row.fetchAll(db, sql: sql) {
                tacticsOf[row["technique_id"], default: []].append(row["tactic"])
            }
            let techniques = try AttackTechniqueRecord.fetchAll(db).map {
                AttackTechniqueName(id: $0.id, name: $0.name, tactics: tacticsOf[$0.id] ?? [])
            }
            return AttackNames(tactics: tactics, techniques: techniques)
        }
    }
}

extension AttackCatalog {
    /// The tactic and technique names, for output formats that carry a rule's ATT&CK mapping.
    public var names: AttackNames {
        AttackNames(tactics: tactics.map { AttackTacticName(id: $0.id, shortName: $0.shortName, name: $0.name) },
                    techniques: techniques.map { AttackTechniqueName(id: $0.id, name: $0.name, tactics: $0.tactics) })
    }

    /// The ATT&CK catalog compiled into the binary (what a new catalog is seeded with); nil if absent.
    public static var seed: AttackCatalog? {
        EmbeddedFiles.seed.first { $0.path.hasPrefix("seed/attack/") && $0.path.hasSuffix(".json") }
            .flatMap { try? JSONDecoder().decode(AttackCatalog.self, from: Data($0.text.utf8)) }
    }
}
