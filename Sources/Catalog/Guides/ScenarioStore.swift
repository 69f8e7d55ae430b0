import Foundation
import GRDB
import SigmaKit

/// What an import or edit changed, for the command's summary line.
public struct GuideImportSummary: Sendable, Hashable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0

    public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// Changes to apply to a stored scenario; nil fields stay as they are.
public struct ScenarioChanges: Sendable, Hashable {
    public var title: String?
    public var description: String?
    public var exclusion: String?
    public var exampleFilter: String?
    public var exampleLanguage: String?
    /// `.some(nil)` removes the Sigma filter.
    public var filter: String??
    public var author: String?

    public init(title: String? = nil, description: String? = nil, exclusion: String? = nil, exampleFilter: String? = nil,
                exampleLanguage: String? = nil, filter: String?? = nil, author: String? = nil) {
        self.title = title
        self.description = description
        self.exclusion = exclusion
        self.exampleFilter = exampleFilter
        self.exampleLanguage = exampleLanguage
        self.filter = filter
        self.author = author
    }
}

/// Errors of scenario and note commands, phrased for the user.
public enum GuideStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    case scenarioNotFound(rule: String, title: String, known: [String])
    case scenarioExists(rule: String, title: String)
    case unknownTechnique(String, suggestion: String?)
    case noteNotFound(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .scenarioNotFound(let rule, let title, let known):
            let list = known.isEmpty ? "it has no scenarios" : "its scenarios: " + known.map { "'\($0)'" }.joined(separator: ", ")
            return "rule \(rule) has no scenario titled '\(title)' (\(list))"
        case .scenarioExists(let rule, let title):
            return "rule \(rule) already has a scenario titled '\(title)' (use 'huntkb fp edit' to change it)"
        case .unknownTechnique(let id, let suggestion):
            return "unknown ATT&CK technique '\(id)'" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        case .noteNotFound(let subject):
            return "no hunting note for \(subject)"
        case .invalid(let message):
            return message
        }
    }
}

/// Scenario and note storage on a `Database` (usable inside any transaction, e.g. the seed loader's).
public enum ScenarioStore {
    /// The catalog id of a rule given by id or unique id prefix (case-insensitive).
    public static func resolveRule(_ db: Database, _ text: String) throws -> String {
        try RuleIDResolver.resolve(db, text)
    }

    /// Scenarios of one rule (or every rule), in display order.
    public static func scenarios(_ db: Database, rule: String? = nil) throws -> [ScenarioRecord] {
        if let rule {
            return try ExactText.records(ScenarioRecord.self, db, sql: "SELECT * FROM fp_scenario WHERE rule_id = ? ORDER BY position, id",
                                               arguments: [rule])
        }
        return try ExactText.records(ScenarioRecord.self, db, sql: "SELECT * FROM fp_scenario ORDER BY rule_id, position, id")
    }

    /// Adds a new scenario; its title must be new for the rule and its filter valid.
    @discardableResult
    public static func add(_ db: Database, rule: String, _ draft: ScenarioDraft, today: String) throws -> ScenarioRecord {
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw GuideStoreError.invalid("a scenario needs a non-empty title") }
        if try find(db, rule: rule, title: title) != nil { throw GuideStoreError.scenarioExists(rule: rule, title: title) }
        if let filter = draft.filter { _ = try GuideFile.checkFilter(filter, rule: rule, path: "<filter>", line: 0) }
        let position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM fp_scenario WHERE rule_id = ?", arguments: [rule]) ?? 0) + 1
        let created = draft.created ?? today
        var record = ScenarioRecord(ruleId: rule, title: title, description: draft.description, exclusion: draft.exclusion,
                                    exampleFilter: draft.exampleFilter, exampleLanguage: draft.exampleLanguage,
                                    filterYaml: draft.filter, author: draft.author, created: created,
                                    updated: draft.updated ?? created, position: position)
        record.completedFields = draft.completedFields.joined(separator: " ")
        record.translationNote = draft.translationNote
        try ExactText.insert(record, db)
        record.id = db.lastInsertedRowID
        return record
    }

    /// The scenario of `rule` with this title (exact, else case-insensitive).
    public static func find(_ db: Database, rule: String, title: String) throws -> ScenarioRecord? {
        if let exact = try ExactText.records(ScenarioRecord.self, db, sql: "SELECT * FROM fp_scenario WHERE rule_id = ? AND title = ?",
                                             arguments: [rule, title]).first {
            return exact
        }
        let folded = try ExactText.records(ScenarioRecord.self, db, sql: "SELECT * FROM fp_scenario WHERE rule_id = ? AND lower(title) = lower(?)",
                                                 arguments: [rule, title])
        return folded.count == 1 ? folded[0] : nil
    }

    /// A scenario by rule and title, or by its 1-based number in the rule's list (`2`).
    public static func locate(_ db: Database, rule: String, scenario: String) throws -> ScenarioRecord {
        if let found = try find(db, rule: rule, title: scenario) { return found }
        let all = try scenarios(db, rule: rule)
        if let n = Int(scenario), n >= 1, n <= all.count { return all[n - 1] }
        throw GuideStoreError.scenarioNotFound(rule: rule, title: scenario, known: all.map(\.title))
    }

    /// Applies changes to a stored scenario and bumps its `updated` date when anything changed.
    @discardableResult
    public static func edit(_ db: Database, rule: String, scenario: String, changes: ScenarioChanges, today: String) throws -> ScenarioRecord {
        var record = try locate(db, rule: rule, scenario: scenario)
        let before = record
        if let title = changes.title?.trimmingCharacters(in: .whitespacesAndNewlines) {
            guard !title.isEmpty else { throw GuideStoreError.invalid("a scenario needs a non-empty title") }
            if title != record.title, let other = try find(db, rule: rule, title: title), other.id != record.id {
                throw GuideStoreError.scenarioExists(rule: rule, title: title)
            }
            record.title = title
        }
        if let v = changes.description { record.description = v }
        if let v = changes.exclusion { record.exclusion = v }
        if let v = changes.exampleFilter { record.exampleFilter = v }
        if let v = changes.exampleLanguage { record.exampleLanguage = v }
        if let v = changes.author { record.author = v.isEmpty ? nil : v }
        if let filter = changes.filter {
            if let filter { _ = try GuideFile.checkFilter(filter, rule: rule, path: "<filter>", line: 0) }
            record.filterYaml = filter
        }
        if record != before {
            record.updated = today
            try ExactText.update(record, keys: ["id"], db)
        }
        return record
    }

    /// Deletes a scenario; returns the deleted row.
    @discardableResult
    public static func remove(_ db: Database, rule: String, scenario: String) throws -> ScenarioRecord {
        let record = try locate(db, rule: rule, scenario: scenario)
        _ = try record.delete(db)
        return record
    }

    /// Imports the scenarios (and, when asked, the notes) of a parsed guide file: all or nothing, idempotent.
    ///
    /// Every rule must be in the catalog; scenarios are matched by rule and title and updated in place.
    @discardableResult
    public static func importFile(_ db: Database, _ file: GuideFile, path: String, scenarios: Bool = true, notes: Bool = true,
                                  today: String) throws -> GuideImportSummary {
        var summary = GuideImportSummary()
        let attackLoaded = try Int.fetchOne(db, sql: "SELECT count(*) FROM attack_technique") ?? 0
        let checkTechniques = notes && !file.techniques.isEmpty && attackLoaded > 0
        for entry in file.rules where (scenarios && !entry.scenarios.isEmpty) || (notes && (entry.note != nil || entry.ads != nil)) {
            if try String.fetchOne(db, sql: "SELECT id FROM rule WHERE id = ?", arguments: [entry.rule]) == nil {
                let hint = try RuleIDResolver.suggestion(db, entry.rule).map { " (did you mean \($0)?)" } ?? ""
                throw GuideFileError(path: path, line: entry.line, column: 1, message: "unknown rule '\(entry.rule)': not in the catalog\(hint)")
            }
        }
        if checkTechniques {
            for entry in file.techniques where entry.note != nil {
                if try String.fetchOne(db, sql: "SELECT id FROM attack_technique WHERE id = ?", arguments: [entry.technique]) == nil {
                    let hint = try NoteStore.suggestTechnique(db, entry.technique).map { " (did you mean \($0)?)" } ?? ""
                    throw GuideFileError(path: path, line: entry.line, column: 1,
                                         message: "unknown ATT&CK technique '\(entry.technique)'\(hint)")
                }
            }
        }
        for entry in file.rules {
            if scenarios {
                for draft in entry.scenarios {
                    summary = try summary + upsert(db, rule: entry.rule, draft, today: today)
                }
            }
            if notes, let note = entry.note {
                summary = try summary + NoteStore.upsert(db, kind: .rule, subject: entry.rule, text: note, author: nil, today: today)
            }
            if notes, let ads = entry.ads {
                summary = try summary + ADSStore.upsert(db, rule: entry.rule, ads)
            }
        }
        if notes {
            for entry in file.techniques {
                guard let note = entry.note else { continue }
                summary = try summary + NoteStore.upsert(db, kind: .technique, subject: entry.technique, text: note,
                                                         author: nil, today: today)
            }
        }
        return summary
    }

    /// Inserts or updates one scenario from a file; unchanged fields leave the row (and its dates) untouched.
    static func upsert(_ db: Database, rule: String, _ draft: ScenarioDraft, today: String) throws -> GuideImportSummary {
        guard var record = try ExactText.records(ScenarioRecord.self, db, sql: "SELECT * FROM fp_scenario WHERE rule_id = ? AND title = ?",
                                                 arguments: [rule, draft.title]).first else {
            try add(db, rule: rule, draft, today: today)
            return GuideImportSummary(added: 1)
        }
        let before = record
        record.description = draft.description
        record.exclusion = draft.exclusion
        record.exampleFilter = draft.exampleFilter
        record.exampleLanguage = draft.exampleLanguage
        record.filterYaml = draft.filter
        record.author = draft.author
        record.completedFields = draft.completedFields.joined(separator: " ")
        record.translationNote = draft.translationNote
        if let created = draft.created { record.created = created }
        if record == before && (draft.updated == nil || draft.updated == record.updated) {
            return GuideImportSummary(unchanged: 1)
        }
        record.updated = draft.updated ?? today
        try ExactText.update(record, keys: ["id"], db)
        return GuideImportSummary(updated: 1)
    }

    /// The stored scenarios of one rule (or all rules) as a guide file, rules in id order, with their titles.
    public static func export(_ db: Database, rule: String? = nil) throws -> GuideFile {
        let records = try scenarios(db, rule: rule)
        var order: [String] = []
        var byRule: [String: [ScenarioDraft]] = [:]
        for record in records {
            if byRule[record.ruleId] == nil { order.append(record.ruleId) }
            byRule[record.ruleId, default: []].append(record.draft)
        }
        var file = GuideFile()
        for id in order.sorted() {
            let title = try String.fetchOne(db, sql: "SELECT title FROM rule WHERE id = ?", arguments: [id])
            file.rules.append(GuideFileRule(rule: id, title: title, scenarios: byRule[id] ?? []))
        }
        return file
    }

    /// The Sigma filters of a rule's scenarios, in display order (for `huntkb convert --with-exclusions`).
    public static func filters(_ db: Database, rule: String) throws -> [(scenario: String, filter: SigmaFilter)] {
        var out: [(scenario: String, filter: SigmaFilter)] = []
        for record in try scenarios(db, rule: rule) {
            guard let yaml = record.filterYaml else { continue }
            out.append((record.title, try GuideFile.checkFilter(yaml, rule: rule, path: "scenario '\(record.title)'", line: 0)))
        }
        return out
    }
}

extension GuideImportSummary {
    static func + (a: GuideImportSummary, b: GuideImportSummary) -> GuideImportSummary {
        GuideImportSummary(added: a.added + b.added, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged)
    }
}

extension AppDatabase {
    /// The rule (by id or unique id prefix) and the Sigma filters of its false-positive scenarios, in display
    /// order: what `huntkb convert --rule ID --with-exclusions` passes to `Converter.convert(_:excluding:)`.
    public func scenarioFilters(rule idOrPrefix: String) throws -> (ruleID: String, filters: [(scenario: String, filter: SigmaFilter)]) {
        try writer.read { db in
            let id = try ScenarioStore.resolveRule(db, idOrPrefix)
            return (id, try ScenarioStore.filters(db, rule: id))
        }
    }
}
