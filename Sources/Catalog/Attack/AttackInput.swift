import Foundation
import GRDB

/// The one parser of ATT&CK techniques and tactics typed by a user, for every command (`search`, `guide`,
/// `coverage`...): the same spellings accepted, the same ones refused, the same suggestions.
///
/// Accepted: `T1053`, `T1053.003`, any case, with or without the `attack.` tag prefix; tactics as `TA0003`,
/// `persistence`, `Privilege Escalation`, `privilege_escalation`. A technique must be known to the loaded ATT&CK
/// catalog or carried by some rule, and so must a tactic.
public enum AttackInput {
    /// A refused technique or tactic, with the closest accepted spelling when there is one.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable { case technique, tactic }
        public var kind: Kind
        public var input: String
        /// The closest id (with its name for techniques), e.g. `T1053.003 (Cron)`.
        public var suggestion: String?
        /// True when the text is not even shaped like an id.
        public var malformed: Bool

        public var description: String {
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            switch kind {
            case .technique where malformed:
                return "'\(input)' is not an ATT&CK technique id (expected T1234 or T1234.567)\(hint)"
            case .technique:
                return "unknown ATT&CK technique '\(input)'\(hint)"
            case .tactic:
                return "unknown ATT&CK tactic '\(input)'\(hint)"
            }
        }
    }

    /// The canonical technique id (`T1053.003`) for what the user typed.
    public static func technique(_ db: Database, _ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = TagNormalizer.techniqueID(trimmed) {
            if try isKnownTechnique(db, id) { return id }
            throw Refusal(kind: .technique, input: trimmed, suggestion: try suggestTechnique(db, id), malformed: false)
        }
        // Misspelled shapes: "T1053.3" is T1053.003, "1053" is T1053. Suggest the padded id when it exists.
        var suggestion: String?
        if let padded = padded(trimmed), try isKnownTechnique(db, padded) {
            suggestion = try describe(db, padded)
        } else if let row = try Row.fetchOne(db, sql: "SELECT id FROM attack_technique WHERE lower(name) = lower(?) ORDER BY id LIMIT 1",
                                             arguments: [trimmed]) {
            // By name: "cron" -> T1053.003 (Cron).
            suggestion = try describe(db, row["id"])
        }
        throw Refusal(kind: .technique, input: trimmed, suggestion: suggestion, malformed: true)
    }

    /// The tactic short name (`persistence`) for what the user typed.
    public static func tactic(_ db: Database, _ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let tactics = try Row.fetchAll(db, sql: "SELECT id, short_name, name FROM attack_tactic ORDER BY id")
            .map { (id: $0["id"] as String, short: $0["short_name"] as String, name: $0["name"] as String) }
        let name = TagNormalizer.tacticName(trimmed)
        if let id = TagNormalizer.tacticID(trimmed), let found = tactics.first(where: { $0.id == id }) { return found.short }
        if let found = tactics.first(where: { $0.short == name || $0.name.lowercased() == trimmed.lowercased() }) { return found.short }
        // A tactic newer than the loaded ATT&CK (or with none loaded) that rules already carry.
        if TagNormalizer.tacticID(trimmed) == nil,
           try String.fetchOne(db, sql: "SELECT tactic FROM rule_tag WHERE tactic = ? LIMIT 1", arguments: [name]) != nil {
            return name
        }
        let candidates = tactics.map(\.short).isEmpty
            ? try String.fetchAll(db, sql: "SELECT DISTINCT tactic FROM rule_tag WHERE tactic IS NOT NULL ORDER BY tactic")
            : tactics.map(\.short)
        let suggestion = Suggestion.closest(to: name, among: candidates, maxDistance: 3)
            ?? tactics.first(where: { Suggestion.distance(trimmed, $0.id, limit: 1) <= 1 }).map { "\($0.id) (\($0.short))" }
        throw Refusal(kind: .tactic, input: trimmed, suggestion: suggestion, malformed: false)
    }

    static func isKnownTechnique(_ db: Database, _ id: String) throws -> Bool {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM attack_technique WHERE id = ?)", arguments: [id]) == true { return true }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM rule_tag WHERE technique = ? OR (technique > ? AND technique < ?))",
                                 arguments: [id, id + ".", id + "/"]) == true
    }

    /// `T1053.3` → `T1053.003`, `t1053.03` → `T1053.003`, `1053` → `T1053`; nil for anything else.
    static func padded(_ text: String) -> String? {
        var s = text.lowercased()
        if s.hasPrefix("attack.") { s.removeFirst("attack.".count) }
        if s.hasPrefix("t") { s.removeFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count <= 4, parts.count == 1 || parts[1].count <= 3 else { return nil }
        let parent = "T" + String(repeating: "0", count: 4 - parts[0].count) + parts[0]
        guard parts.count == 2 else { return parent }
        return parent + "." + String(repeating: "0", count: 3 - parts[1].count) + parts[1]
    }

    /// A well-formed but unknown id: first a sibling sub-technique or the parent, then any id one or two edits
    /// away (never a technique of another parent when the parent exists: T1053.009 suggests T1053.xxx, not T1033).
    static func suggestTechnique(_ db: Database, _ id: String) throws -> String? {
        let parent = String(id.prefix(5))
        if id.count > 5, try isKnownTechnique(db, parent) {
            let siblings = try String.fetchAll(db, sql: "SELECT id FROM attack_technique WHERE parent_id = ? AND revoked = 0 ORDER BY id",
                                               arguments: [parent])
            let near = Suggestion.closest(to: id, among: siblings, maxDistance: 1) ?? parent
            return try describe(db, near)
        }
        let all = try String.fetchAll(db, sql: "SELECT id FROM attack_technique WHERE revoked = 0 ORDER BY id")
        return try Suggestion.closest(to: id, among: all, maxDistance: 1).map { try describe(db, $0) }
    }

    /// `T1053.003 (Cron)`, or the bare id when ATT&CK does not name it.
    static func describe(_ db: Database, _ id: String) throws -> String {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM attack_technique WHERE id = ?", arguments: [id]) else { return id }
        return "\(id) (\(name))"
    }
}

extension AppDatabase {
    /// `AttackInput.technique` in its own read transaction.
    public func parseTechnique(_ text: String) throws -> String {
        try writer.read { try AttackInput.technique($0, text) }
    }

    /// `AttackInput.tactic` in its own read transaction.
    public func parseTactic(_ text: String) throws -> String {
        try writer.read { try AttackInput.tactic($0, text) }
    }
}
