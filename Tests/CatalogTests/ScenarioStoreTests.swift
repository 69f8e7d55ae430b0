@testable import Catalog
import SigmaConvert
import Foundation
import GRDB
import Testing

/// Inline fixtures for the scenario and note tests.
enum ScenarioFixtures {
    static let cronID = "6b14bac8-3e3a-4324-8109-42f0546a347f"
    static let otherID = "0e95725d-7320-415d-80f7-004da920fc11"

    static let otherRule = """
        title: Other Rule
        id: 0e95725d-7320-415d-80f7-004da920fc11
        status: stable
        logsource:
            category: process_creation
            product: linux
        detection:
            selection:
                Image|endswith: '/at'
            condition: selection
        level: high
        tags:
            - attack.t1053.002
        """

    static func filter(rule: String = cronID, user: String = "opsadmin") -> String {
        """
        title: Admins
        logsource:
            category: process_creation
            product: linux
        filter:
            rules:
                - \(rule)
            selection:
                User: \(user)
            condition: selection
        """
    }

    /// A seeded in-memory catalog plus a second rule.
    static func catalog() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.writer.write { db in
            _ = try RuleImporter().importTexts([(path: "other.yml", text: otherRule)], db: db)
        }
        return db
    }
}

@Suite struct ScenarioStoreTests {
    @Test func seedHasTheCronNoteAndFourScenarios() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.read { db in
            let scenarios = try ScenarioStore.scenarios(db, rule: ScenarioFixtures.cronID)
            #expect(scenarios.map(\.title) == [
                "System Administrator Updates Crontab via /tmp for Legitimate Job Scheduling",
                "Temporary Cron Job for System Maintenance Tool (e.g., logrotate)",
                "Backup cron job using /tmp as staging",
                "Cron Job for Automated Testing or CI/CD Pipeline Using /tmp",
            ])
            for scenario in scenarios {
                #expect(!scenario.description.isEmpty && !scenario.exclusion.isEmpty && !scenario.exampleFilter.isEmpty)
                #expect(scenario.filterYaml != nil)
            }
            // The seed author's example filter, as written; the fourth scenario is marked as completed by HuntKB.
            #expect(scenarios.first?.exampleFilter == "user_id = root OR user_id = admin AND job_name NOT LIKE '%malicious%'\n")
            #expect(scenarios.last?.completedFields.contains("description") == true)
            let note = try #require(try NoteStore.note(db, kind: .rule, subject: ScenarioFixtures.cronID))
            #expect(note.text == "Adversaries may leverage scheduled cron tasks to execute malicious payloads persistently or at specific intervals, often by uploading malicious scripts to the tmp directory. SOC teams should proactively hunt for this behavior in Azure Sentinel to identify potential initial access or persistence mechanisms used by threat actors.")
            let filters = try ScenarioStore.filters(db, rule: ScenarioFixtures.cronID)
            #expect(filters.count == 4)
            #expect(filters.allSatisfy { $0.filter.rules.contains(ScenarioFixtures.cronID) })
        }
    }

    @Test func addEditRemove() throws {
        let db = try ScenarioFixtures.catalog()
        try db.writer.write { db in
            let id = try ScenarioStore.resolveRule(db, "0E95725D")
            #expect(id == ScenarioFixtures.otherID)
            let added = try ScenarioStore.add(db, rule: id, ScenarioDraft(title: "  Patch window  ", description: "d"), today: "2026-01-02")
            #expect(added.title == "Patch window" && added.created == "2026-01-02" && added.updated == "2026-01-02" && added.position == 1)
            #expect(throws: GuideStoreError.scenarioExists(rule: id, title: "Patch window")) {
                try ScenarioStore.add(db, rule: id, ScenarioDraft(title: "Patch window"), today: "2026-01-02")
            }
            let second = try ScenarioStore.add(db, rule: id, ScenarioDraft(title: "Second"), today: "2026-01-02")
            #expect(second.position == 2)

            // No change: the updated date stays.
            let same = try ScenarioStore.edit(db, rule: id, scenario: "patch WINDOW", changes: ScenarioChanges(description: "d"), today: "2026-02-01")
            #expect(same.updated == "2026-01-02")
            let edited = try ScenarioStore.edit(db, rule: id, scenario: "1",
                                                changes: ScenarioChanges(title: "Patch window (monthly)", filter: .some(ScenarioFixtures.filter(rule: id))),
                                                today: "2026-02-01")
            #expect(edited.title == "Patch window (monthly)" && edited.updated == "2026-02-01" && edited.filterYaml != nil)
            #expect(throws: GuideStoreError.scenarioExists(rule: id, title: "Second")) {
                try ScenarioStore.edit(db, rule: id, scenario: "1", changes: ScenarioChanges(title: "Second"), today: "2026-02-01")
            }
            let cleared = try ScenarioStore.edit(db, rule: id, scenario: "1", changes: ScenarioChanges(filter: .some(nil)), today: "2026-02-02")
            #expect(cleared.filterYaml == nil)

            try ScenarioStore.remove(db, rule: id, scenario: "Second")
            #expect(try ScenarioStore.scenarios(db, rule: id).map(\.title) == ["Patch window (monthly)"])
            #expect(throws: GuideStoreError.scenarioNotFound(rule: id, title: "Nope", known: ["Patch window (monthly)"])) {
                try ScenarioStore.remove(db, rule: id, scenario: "Nope")
            }
            #expect(throws: GuideStoreError.scenarioNotFound(rule: id, title: "7", known: ["Patch window (monthly)"])) {
                try ScenarioStore.remove(db, rule: id, scenario: "7")
            }
        }
    }

    @Test func unknownAndAmbiguousRules() throws {
        let db = try ScenarioFixtures.catalog()
        try db.writer.read { db in
            // One character off in the first eight: suggested.
            #expect(throws: CatalogError.ruleNotFound("6b14bac9-0000", suggestion: ScenarioFixtures.cronID)) {
                try ScenarioStore.resolveRule(db, "6b14bac9-0000")
            }
            #expect(throws: CatalogError.ruleNotFound("zzzz")) { try ScenarioStore.resolveRule(db, "zzzz") }
            #expect(throws: CatalogError.ruleNotFound("  ")) { try ScenarioStore.resolveRule(db, "  ") }
            // Any unique prefix, as `show` takes it; a shared one lists the candidates.
            let prefixed = try ScenarioStore.resolveRule(db, "6B1")
            #expect(prefixed == ScenarioFixtures.cronID)
            #expect(throws: CatalogError.self) { try ScenarioStore.resolveRule(db, "%") }
        }
    }

    @Test func invalidFiltersAreRejected() throws {
        let db = try ScenarioFixtures.catalog()
        try db.writer.write { db in
            let id = ScenarioFixtures.otherID
            // Names another rule.
            #expect(throws: GuideFileError.self) {
                try ScenarioStore.add(db, rule: id, ScenarioDraft(title: "x", filter: ScenarioFixtures.filter(rule: ScenarioFixtures.cronID)), today: "2026-01-01")
            }
            // Not YAML, a rule instead of a filter, and a filter without a condition.
            for bad in ["title: [unclosed", "title: r\nlogsource: {product: linux}\ndetection:\n  sel: {a: b}\n  condition: sel\n",
                        "title: f\nlogsource: {product: linux}\nfilter:\n  rules: [\(id)]\n  selection: {User: x}\n"] {
                #expect(throws: GuideFileError.self) {
                    try ScenarioStore.add(db, rule: id, ScenarioDraft(title: "x", filter: bad), today: "2026-01-01")
                }
            }
            let left = try ScenarioStore.scenarios(db, rule: id)
            #expect(left.isEmpty)
        }
    }

    @Test func importIsIdempotentAndAllOrNothing() throws {
        let db = try ScenarioFixtures.catalog()
        let text = """
            rules:
              - rule: \(ScenarioFixtures.otherID.uppercased())
                note: Watch at jobs.
                scenarios:
                  - title: Patch window
                    description: Monthly patching schedules at jobs.
                    exclusion: Exclude the patch account.
                    example_filter: |
                      imProcessCreate
                      | where not(TargetUsername =~ "patch")
                    filter: |
                      \(ScenarioFixtures.filter(rule: ScenarioFixtures.otherID, user: "patch").replacingOccurrences(of: "\n", with: "\n          "))
                    created: 2026-01-01
            techniques:
              - technique: t1053.002
                note: At is rare on modern Linux.
            """
        let file = try GuideFile.parse(text: text, path: "g.yml")
        let first = try db.writer.write { db in try ScenarioStore.importFile(db, file, path: "g.yml", today: "2026-03-03") }
        #expect(first == GuideImportSummary(added: 3))
        let second = try db.writer.write { db in try ScenarioStore.importFile(db, file, path: "g.yml", today: "2026-04-04") }
        #expect(second == GuideImportSummary(unchanged: 3))
        try db.writer.read { db in
            let stored = try #require(try ScenarioStore.scenarios(db, rule: ScenarioFixtures.otherID).first)
            #expect(stored.created == "2026-01-01" && stored.updated == "2026-01-01")
            #expect(stored.filterYaml?.contains("User: patch") == true)
            #expect(try NoteStore.note(db, kind: .technique, subject: "T1053.002")?.text == "At is rare on modern Linux.")
        }

        // A file naming an unknown rule changes nothing, even for the rules it names correctly.
        let mixed = try GuideFile.parse(text: """
            rules:
              - rule: \(ScenarioFixtures.otherID)
                scenarios:
                  - title: New one
              - rule: 11111111-2222-3333-4444-555555555555
                scenarios:
                  - title: Orphan
            """, path: "bad.yml")
        do {
            _ = try db.writer.write { db in try ScenarioStore.importFile(db, mixed, path: "bad.yml", today: "2026-05-05") }
            Issue.record("expected an unknown-rule error")
        } catch let error as GuideFileError {
            #expect(error.description == "bad.yml:5:1: error: unknown rule '11111111-2222-3333-4444-555555555555': not in the catalog")
        }
        #expect(try db.writer.read { db in try ScenarioStore.scenarios(db, rule: ScenarioFixtures.otherID).count } == 1)
    }

    @Test func exportImportRoundTrip() throws {
        let source = try ScenarioFixtures.catalog()
        try source.writer.write { db in
            let hostile = ScenarioDraft(title: "yes", description: "multi\nline\n\n  indented\ttab\n", exclusion: "#not a comment: really",
                                        exampleFilter: "  leading spaces\nx", exampleLanguage: "spl", author: "O'Brien \"Q\"",
                                        created: "2025-12-31", updated: "2026-01-01")
            try ScenarioStore.add(db, rule: ScenarioFixtures.otherID, hostile, today: "2026-01-01")
            try ScenarioStore.add(db, rule: ScenarioFixtures.otherID, ScenarioDraft(title: "- dash: colon", description: String(repeating: "word ", count: 60) + "end"), today: "2026-01-01")
        }
        let exported = try source.writer.read { db in try ScenarioStore.export(db) }
        #expect(exported.rules.map(\.rule) == [ScenarioFixtures.otherID, ScenarioFixtures.cronID].sorted())
        let yaml = exported.render()

        let target = try AppDatabase.inMemory(seed: true)
        try target.writer.write { db in
            _ = try RuleImporter().importTexts([(path: "other.yml", text: ScenarioFixtures.otherRule)], db: db)
            // The seed already holds the cron scenarios: importing them again is a no-op.
            let summary = try ScenarioStore.importFile(db, try GuideFile.parse(text: yaml, path: "export.yml"), path: "export.yml", today: "2030-01-01")
            #expect(summary == GuideImportSummary(added: 2, unchanged: 4))
        }
        let again = try target.writer.read { db in try ScenarioStore.export(db) }
        #expect(again.render() == yaml)
        let a = try source.writer.read { db in try ScenarioStore.scenarios(db).map(\.draft) }
        let b = try target.writer.read { db in try ScenarioStore.scenarios(db).map(\.draft) }
        #expect(a == b)
    }
}

@Suite struct ScenarioFilterTests {
    @Test func scenarioFiltersForConvert() throws {
        let db = try AppDatabase.inMemory()
        let (id, filters) = try db.scenarioFilters(rule: "6B14BAC8")
        #expect(id == ScenarioFixtures.cronID)
        #expect(filters.map(\.scenario).first == "System Administrator Updates Crontab via /tmp for Legitimate Job Scheduling")
        #expect(filters.count == 4)
        #expect(filters[0].filter.detection.conditionTexts == ["selection"])
        #expect(throws: CatalogError.ruleNotFound("ffffffff")) { try db.scenarioFilters(rule: "ffffffff") }
    }
}

@Suite struct ScenarioTuningTests {
    @Test func tunedQueryIsTheRuleAndNotEachFilter() throws {
        let db = try AppDatabase.inMemory()
        let tunable = try db.tunableRule("6b14bac8")
        #expect(tunable.filters.count == 4)
        let asim = try Converter(key: "kusto/sentinel_asim")
        let plain = try tunable.convert(with: asim, withExclusions: false).get()
        #expect(plain == "imProcessCreate\n| where TargetProcessName endswith \"crontab\" and TargetProcessCommandLine contains \"/tmp/\"")
        let tuned = try tunable.convert(with: asim, withExclusions: true).get()
        #expect(tuned.hasPrefix("imProcessCreate\n| where (((("))
        #expect(tuned.contains("(TargetProcessName endswith \"crontab\" and TargetProcessCommandLine contains \"/tmp/\") and (not("))
        #expect(tuned.components(separatedBy: " and (not(").count - 1 == 4)
        for needle in ["\"opsadmin\"", "\"/tmp/logrotate.\"", "\"/tmp/backup-staging/\"", "\"gitlab-runner\""] {
            #expect(tuned.contains(needle))
        }
        #expect(throws: CatalogError.ruleNotFound("00000000-dead")) { try db.tunableRule("00000000-dead") }
    }
}
