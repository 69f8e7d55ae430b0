import Foundation
import GRDB
import SigmaKit

/// What the import's `SigmaValidator` needs from the catalog, read once per run before the parallel parse.
struct ImportValidation: Sendable {
    /// The loaded ATT&CK catalog (nil when none is loaded: the ATT&CK checks are then skipped).
    var attack: AttackKnowledge?
    /// Stored YAML and hash of rules that may be edited by this run (their stored hash is not among the files'
    /// hashes), by rule id: the previous version for the `missing-modified` check and the history's comparison.
    var previousYAML: [String: (yaml: String, hash: String)] = [:]

    static let none = ImportValidation(attack: nil)

    /// Reads the ATT&CK tables and the candidates for `missing-modified`.
    static func load(_ db: Database, fileHashes: Set<String>) throws -> ImportValidation {
        try load(db, fileHashes: fileHashes, attack: attackKnowledge(db))
    }

    /// As `load(_:fileHashes:)` for one batch of a large import: only `candidates` (the stored rules last imported
    /// from the batch's files) are read; an edited file that also moved is then compared as new.
    static func load(_ db: Database, fileHashes: Set<String>, candidates: [(id: String, hash: String)],
                     attack: AttackKnowledge?) throws -> ImportValidation {
        var validation = ImportValidation(attack: attack)
        let statement = try db.cachedStatement(sql: "SELECT yaml FROM rule WHERE id = ?")
        for (id, hash) in candidates where !fileHashes.contains(hash) {
            if let yaml = try String.fetchOne(statement, arguments: [id]) { validation.previousYAML[id] = (yaml, hash) }
        }
        return validation
    }

    private static func load(_ db: Database, fileHashes: Set<String>, attack: AttackKnowledge?) throws -> ImportValidation {
        var validation = ImportValidation(attack: attack)
        let edited = try Row.fetchAll(db, sql: "SELECT id, content_hash FROM rule")
            .compactMap { row -> (String, String)? in fileHashes.contains(row[1]) ? nil : (row[0], row[1]) }
        if !edited.isEmpty {
            let statement = try db.cachedStatement(sql: "SELECT yaml FROM rule WHERE id = ?")
            for (id, hash) in edited {
                if let yaml = try String.fetchOne(statement, arguments: [id]) { validation.previousYAML[id] = (yaml, hash) }
            }
        }
        return validation
    }

    /// The catalog's ATT&CK tables as validator input; nil when no technique is loaded.
    static func attackKnowledge(_ db: Database) throws -> AttackKnowledge? {
        var techniques: [String: Set<String>] = [:]
        var deprecated: Set<String> = []
        for row in try Row.fetchAll(db, sql: "SELECT id, deprecated OR revoked FROM attack_technique") {
            let id: String = row[0]
            techniques[id] = []
            if row[1] as Bool? ?? false { deprecated.insert(id) }
        }
        guard !techniques.isEmpty else { return nil }
        for row in try Row.fetchAll(db, sql: "SELECT technique_id, tactic FROM attack_technique_tactic") {
            techniques[row[0], default: []].insert(row[1])
        }
        let tactics = Set(try String.fetchAll(db, sql: "SELECT short_name FROM attack_tactic"))
        return AttackKnowledge(techniques: techniques, tactics: tactics, deprecated: deprecated,
                               version: try AttackStore.version(db))
    }

    /// Identifies the loaded ATT&CK catalog well enough to notice `huntkb attack import` (or its absence).
    static func attackFingerprint(_ db: Database) throws -> String {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM attack_tactic), (SELECT count(*) FROM attack_technique),
                   (SELECT count(*) FROM attack_technique WHERE deprecated OR revoked),
                   (SELECT count(*) FROM attack_technique_tactic)
            """)
        let counts = (0..<4).map { String(row?[$0] as Int? ?? 0) }.joined(separator: "/")
        return [try AttackStore.version(db) ?? "-", try AppDatabase.meta(db, "attack.source") ?? "-", counts].joined(separator: "|")
    }

    /// A stored version of a rule, parsed.
    struct PreviousVersion {
        var hash: String
        var file: SigmaFile
    }

    /// The stored versions of the file's rules that are stored under another hash, parsed once, by lower-cased id.
    func previousVersions(of sigma: SigmaFile) -> [String: PreviousVersion] {
        guard !previousYAML.isEmpty else { return [:] }
        var out: [String: PreviousVersion] = [:]
        for rule in sigma.documents.compactMap(Self.id) {
            guard out[rule] == nil, let stored = previousYAML[rule] else { continue }
            out[rule] = PreviousVersion(hash: stored.hash, file: SigmaParser.parseWithoutWarnings(text: stored.yaml, path: sigma.path))
        }
        return out
    }

    private static func id(_ document: SigmaDocument) -> String? {
        let id: String? = switch document {
        case .rule(let rule): rule.id
        case .correlation(let rule): rule.id
        case .filter(let filter): filter.id
        }
        return id?.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The validator for one parsed file, with the previous version of each of its rules stored under another
    /// hash (none for legacy collections: their documents share one id and one stored row).
    func validator(for sigma: SigmaFile, previous: [String: PreviousVersion]) -> SigmaValidator {
        var validator = SigmaValidator(attack: attack)
        guard !previous.isEmpty else { return validator }
        for rule in sigma.rules {
            guard let id = rule.id?.trimmingCharacters(in: .whitespaces).lowercased(), let stored = previous[id] else { continue }
            // The validator keys previous versions by the id as written in the new file.
            if let match = stored.file.rules.first(where: { $0.id?.trimmingCharacters(in: .whitespaces).lowercased() == id }), let key = rule.id {
                validator.previousVersions[key] = match
            }
        }
        return validator
    }

    /// Warnings of each document of a file, in document order (a legacy collection: all of them for its one row).
    static func warningsByDocument(_ sigma: SigmaFile, validator: SigmaValidator) -> [[Diagnostic]] {
        guard sigma.documents.count > 1 else { return [validator.warnings(for: sigma)] }
        return sigma.documents.map { document in
            var single = sigma
            single.documents = [document]
            return validator.warnings(for: single)
        }
    }
}
