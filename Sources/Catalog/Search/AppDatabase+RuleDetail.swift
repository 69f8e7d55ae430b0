import Foundation
import GRDB

extension AppDatabase {
    /// The stored rule with this id or unique id prefix (case-insensitive).
    ///
    /// Used by `show`, `convert --rule` and every command that takes a rule id: `record.yaml` is the original
    /// text and `record.sourcePath` where it was imported from.
    public func rule(idOrPrefix: String) throws -> RuleRecord {
        try writer.read { db in try Self.rule(db, idOrPrefix: idOrPrefix) }
    }

    /// Same as `rule(idOrPrefix:)` inside an open database access.
    public static func rule(_ db: Database, idOrPrefix input: String) throws -> RuleRecord {
        let id = try RuleIDResolver.resolve(db, input)
        guard let record = try record(db, id: id) else { throw CatalogError.ruleNotFound(input) }
        return record
    }

    /// The row of `id`, its free text exact (a NUL inside a description is kept).
    static func record(_ db: Database, id: String) throws -> RuleRecord? {
        try ExactText.records(RuleRecord.self, db, sql: "SELECT * FROM rule WHERE id = ?", arguments: [id]).first
    }

    /// Everything about one rule.
    public func ruleDetail(idOrPrefix: String) throws -> RuleDetail {
        try writer.read { db in
            let record = try Self.rule(db, idOrPrefix: idOrPrefix)
            return try Self.detail(db, record)
        }
    }

    static func detail(_ db: Database, _ record: RuleRecord) throws -> RuleDetail {
        let tagRows = try RuleTagRecord.filter(Column("rule_id") == record.id).order(Column("position")).fetchAll(db)
        let techniques = try AttackStore.techniqueNames(db, ids: tagRows.compactMap(\.technique))
        let tactics = try AttackStore.tactics(db)
        var tags: [RuleDetail.Tag] = []
        for row in tagRows {
            var tag = RuleDetail.Tag(tag: row.tag, technique: row.technique, tactic: row.tactic, name: nil,
                                     unknownToAttack: false, deprecated: false, revoked: false, replacedBy: nil)
            if let id = row.technique {
                if let known = techniques[id] {
                    tag.name = try AttackStore.displayName(db, id: id) ?? known.name
                    tag.deprecated = known.deprecated
                    tag.revoked = known.revoked
                    if let replacement = known.revokedBy {
                        tag.replacedBy = AttackRef(id: replacement, name: try AttackStore.displayName(db, id: replacement))
                    }
                } else {
                    tag.unknownToAttack = true
                }
            } else if let tactic = row.tactic {
                if let known = tactics[tactic] { tag.name = known.name } else { tag.unknownToAttack = true }
            }
            tags.append(tag)
        }
        let references = try ExactText.strings(db, sql: "SELECT url FROM rule_reference WHERE rule_id = ? ORDER BY position", arguments: [record.id])
        let falsepositives = try ExactText.strings(db, sql: "SELECT text FROM rule_falsepositive WHERE rule_id = ? ORDER BY position", arguments: [record.id])
        let related = try Row.fetchAll(db, sql: """
            SELECT x.related_id, x.type, r.title FROM rule_related x LEFT JOIN rule r ON r.id = lower(x.related_id)
            WHERE x.rule_id = ? ORDER BY x.position
            """, arguments: [record.id])
            .map { RuleDetail.RelatedRule(id: $0[0], type: $0[1], title: $0[2]) }
        var detail = RuleDetail(rule: record, tags: tags, references: references, falsepositives: falsepositives,
                                related: related, attackVersion: try AttackStore.version(db),
                                queries: try QueryStore.queries(db, ruleID: record.id))
        detail.links = try RelatedRules.links(db, id: record.id)
        detail.localStatus = try LocalStatusStore.get(db, id: record.id)
        detail.warnings = try Row.fetchAll(db, sql: "SELECT code, message, line, \"column\" FROM rule_warning WHERE rule_id = ? ORDER BY position",
                                           arguments: [record.id])
            .map { RuleDetail.Warning(code: $0[0], message: $0[1], line: $0[2], column: $0[3]) }
        detail.huntingNote = try NoteStore.note(db, kind: .rule, subject: record.id)?.text
        detail.scenarios = try ScenarioStore.scenarios(db, rule: record.id).map(\.title)
        if let row = try Row.fetchOne(db, sql: "SELECT source, removed_run IS NOT NULL FROM rule_lifecycle WHERE rule_id = ?",
                                      arguments: [record.id]) {
            detail.source = row[0]
            detail.removed = row[1] ?? false
        }
        return detail
    }
}
