import Foundation
import GRDB
import SigmaConvert
import SigmaKit

/// Which rules a hunt guide covers and how.
public struct GuideSelection: Sendable, Hashable {
    /// The guide's subject.
    public enum Scope: Sendable, Hashable {
        case rule(String)
        /// A technique; a parent technique includes its sub-techniques.
        case technique(String)
        /// A tactic by id (TA0003), short name (persistence) or name (Privilege Escalation).
        case tactic(String)
        case all
    }

    public var scope: Scope
    /// Allowed statuses; empty allows all.
    public var statuses: [String]
    /// Lowest level included.
    public var minLevel: RuleLevel?
    /// Conversion targets shown, in order; nil shows every target stored for the selected rules (all targets
    /// when the catalog stores none).
    public var targets: [TargetDescription]?

    /// Include rules that disappeared from their source (always true for `.rule`: asked for by id).
    public var includeRemoved: Bool
    /// Include deprecated and unsupported rules (left out by default unless `statuses` names them).
    public var includeDeprecated: Bool

    public init(scope: Scope, statuses: [String] = [], minLevel: RuleLevel? = nil, targets: [TargetDescription]? = nil,
                includeRemoved: Bool = false, includeDeprecated: Bool = false) {
        self.includeRemoved = includeRemoved
        self.includeDeprecated = includeDeprecated
        self.scope = scope
        self.statuses = statuses
        self.minLevel = minLevel
        self.targets = targets
    }
}

/// The loaded guide input plus what the selection resolved to.
public struct GuideLoad: Sendable {
    public var corpus: GuideCorpus
    /// The resolved rule id, technique id or tactic of the scope (for titles and file names).
    public var subject: String
    /// The tactic's display name for `--tactic`.
    public var subjectName: String?
}

extension AppDatabase {
    /// Reads everything a hunt guide needs for a selection, converting each rule for the chosen targets.
    public func guideCorpus(_ selection: GuideSelection) throws -> GuideLoad {
        try writer.read { db in try GuideLoader.load(db, selection) }
    }
}

/// Builds a `GuideCorpus` with a fixed number of queries, whatever the number of rules.
public enum GuideLoader {
    /// ATT&CK matrix order of the enterprise tactics, by short name.
    static let tacticOrder = ["reconnaissance", "resource-development", "initial-access", "execution", "persistence",
                              "privilege-escalation", "defense-evasion", "credential-access", "discovery",
                              "lateral-movement", "collection", "command-and-control", "exfiltration", "impact"]

    public static func load(_ db: Database, _ selection: GuideSelection) throws -> GuideLoad {
        let tactics = try loadTactics(db)
        var subject = ""
        var subjectName: String?
        var ruleFilter = "r.kind = 'rule'"
        var arguments: StatementArguments = []
        var techniqueFilter: String?
        switch selection.scope {
        case .rule(let text):
            let id = try ScenarioStore.resolveRule(db, text)
            subject = id
            ruleFilter += " AND r.id = ?"
            arguments += [id]
        case .technique(let text):
            let id = try resolveTechnique(db, text)
            subject = id
            techniqueFilter = id
            ruleFilter += " AND r.id IN (SELECT rule_id FROM rule_tag WHERE technique = ? OR technique LIKE ?)"
            arguments += [id, id + ".%"]
        case .tactic(let text):
            let tactic = try resolveTactic(db, text, tactics: tactics)
            subject = tactic.shortName
            subjectName = tactic.id == tactic.shortName ? "\(tactic.name) (unknown to the loaded ATT&CK release)" : "\(tactic.name) (\(tactic.id))"
            ruleFilter += """
                 AND r.id IN (SELECT rule_id FROM rule_tag WHERE tactic = ?
                   UNION SELECT t.rule_id FROM rule_tag t JOIN attack_technique_tactic a ON a.technique_id = t.technique
                   WHERE a.tactic = ?)
                """
            arguments += [tactic.shortName, tactic.shortName]
        case .all:
            subject = "all"
        }
        if !selection.statuses.isEmpty {
            ruleFilter += " AND r.status IN (\(selection.statuses.map { _ in "?" }.joined(separator: ", ")))"
            arguments += StatementArguments(selection.statuses.map { $0.lowercased() })
        }
        if case .rule = selection.scope {} else if !selection.includeDeprecated && selection.statuses.isEmpty {
            ruleFilter += " AND coalesce(r.status, '') NOT IN ('deprecated', 'unsupported')"
        }
        if case .rule = selection.scope {} else if !selection.includeRemoved {
            ruleFilter += " AND " + LifecycleFilter.notRemoved(alias: "r")
        }
        if let minLevel = selection.minLevel {
            ruleFilter += " AND r.level_rank >= ?"
            arguments += [minLevel.rank + 1]
        }

        let rows = try ExactText.rows(db, sql: """
            SELECT r.id, r.title, r.status, r.level, r.author, r.date, r.modified, r.description, r.yaml, r.source_path,
                   r.content_hash,
                   r.logsource_product, r.logsource_category, r.logsource_service, r.logsource_definition, r.logsource_custom
            FROM rule r WHERE \(ruleFilter) ORDER BY r.id
            """, arguments: arguments)
        let ids = rows.map { $0["id"] as String }
        let selected = Set(ids)
        // Child rows for every selected rule, in one query each (the selection may be the whole catalog).
        let scope = "SELECT r.id FROM rule r WHERE \(ruleFilter)"
        let args = arguments
        var tags: [String: [(technique: String?, tactic: String?)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rule_id, technique, tactic FROM rule_tag WHERE rule_id IN (\(scope)) ORDER BY rule_id, position", arguments: args) {
            tags[row["rule_id"], default: []].append((row["technique"], row["tactic"]))
        }
        var references: [String: [String]] = [:]
        for row in try ExactText.rows(db, sql: "SELECT rule_id, url FROM rule_reference WHERE rule_id IN (\(scope)) ORDER BY rule_id, position", arguments: args) {
            references[row["rule_id"], default: []].append(row["url"])
        }
        var falsepositives: [String: [String]] = [:]
        for row in try ExactText.rows(db, sql: "SELECT rule_id, text FROM rule_falsepositive WHERE rule_id IN (\(scope)) ORDER BY rule_id, position", arguments: args) {
            falsepositives[row["rule_id"], default: []].append(row["text"])
        }
        // Stored queries, used when generated from the current rule text by the current generator.
        var stored: [String: [String: (query: String?, error: String?)]] = [:]
        var storedKeys = Set<String>()
        for row in try Row.fetchAll(db, sql: """
            SELECT q.rule_id, q.target, q.pipeline, q.query, q.error, q.generator_version, q.rule_hash, r.content_hash
            FROM rule_query q JOIN rule r ON r.id = q.rule_id WHERE q.rule_id IN (\(scope))
            """, arguments: args) {
            let pipeline: String = row["pipeline"]
            let target: String = row["target"]
            let key = pipeline.isEmpty ? target : "\(target)/\(pipeline)"
            storedKeys.insert(key)
            let version: String = row["generator_version"]
            let hash: String = row["rule_hash"]
            let current: String = row["content_hash"]
            guard version == Converter.generatorVersion, hash == current else { continue }
            stored[row["rule_id"], default: [:]][key] = (row["query"], row["error"])
        }
        let targets: [TargetDescription]
        if let chosen = selection.targets {
            targets = chosen
        } else {
            let known = Converter.targets.filter { storedKeys.contains($0.key) }
            targets = known.isEmpty ? Converter.targets : known
        }
        var scenarios: [String: [ScenarioRecord]] = [:]
        for record in try ScenarioRecord.fetchAll(db, sql: "SELECT * FROM fp_scenario ORDER BY rule_id, position, id")
        where selected.contains(record.ruleId) {
            scenarios[record.ruleId, default: []].append(record)
        }
        let adsByRule = try ADSStore.all(db)
        let validations = try RuleTestStore.guideValidations(db)
        var replacedBy: [String: [GuideReplacement]] = [:]
        // A newer rule names the one it replaces in `related:` (obsolete, merged, renamed).
        for row in try Row.fetchAll(db, sql: """
            SELECT x.related_id, x.rule_id, r.title FROM rule_related x JOIN rule r ON r.id = x.rule_id
            WHERE x.type IN ('obsolete', 'merged', 'renamed') AND x.related_id IN (\(scope)) ORDER BY x.related_id, x.rule_id
            """, arguments: args) {
            replacedBy[row["related_id"], default: []].append(GuideReplacement(id: row["rule_id"], title: row["title"]))
        }
        let attackVersion = try AttackStore.version(db)
        let planner = HuntPlanner()
        var ruleNotes: [String: String] = [:]
        var techniqueNotes: [String: String] = [:]
        for note in try NoteStore.all(db) {
            switch note.subjectKind {
            case .rule: ruleNotes[note.subject] = note.text
            case .technique: techniqueNotes[note.subject] = note.text
            }
        }

        // ATT&CK names for every technique the rules carry, plus their parents.
        var techniqueIDs = Set<String>()
        for list in tags.values { for tag in list { if let t = tag.technique { techniqueIDs.insert(t) } } }
        for id in Array(techniqueIDs) where id.count > 5 { techniqueIDs.insert(String(id.prefix(5))) }
        if let techniqueFilter { techniqueIDs.insert(techniqueFilter) }
        var techniques: [String: GuideTechniqueInfo] = [:]
        let tacticByShort = Dictionary(tactics.map { ($0.shortName, $0) }, uniquingKeysWith: { a, _ in a })
        if !techniqueIDs.isEmpty {
            var tacticsOf: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT technique_id, tactic FROM attack_technique_tactic") {
                let id: String = row["technique_id"]
                guard techniqueIDs.contains(id) else { continue }
                let short: String = row["tactic"]
                tacticsOf[id, default: []].append(tacticByShort[short]?.id ?? short)
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, name, url FROM attack_technique") {
                let id: String = row["id"]
                guard techniqueIDs.contains(id) else { continue }
                techniques[id] = GuideTechniqueInfo(id: id, name: row["name"], url: row["url"] ?? attackURL(id),
                                                    tactics: (tacticsOf[id] ?? []).sorted(), note: techniqueNotes[id])
            }
            for id in techniqueIDs where techniques[id] == nil {
                techniques[id] = GuideTechniqueInfo(id: id, name: id, url: attackURL(id), note: techniqueNotes[id])
            }
        }

        let converters = targets.map { target in (target, Result { () throws(ConversionError) in try Converter(key: target.key) }) }
        var rules: [GuideRule] = []
        rules.reserveCapacity(rows.count)
        for row in rows {
            let id: String = row["id"]
            var rule = GuideRule(id: id, title: row["title"])
            rule.status = row["status"]
            rule.level = row["level"]
            rule.author = row["author"]
            rule.date = row["date"]
            rule.modified = row["modified"]
            rule.description = row["description"]
            rule.note = ruleNotes[id]
            rule.yaml = row["yaml"]
            rule.logsource = logsourcePairs(row)
            var seenTactic = Set<String>()
            var seenTechnique = Set<String>()
            for tag in tags[id] ?? [] {
                if let short = tag.tactic, !seenTactic.contains(short) {
                    seenTactic.insert(short)
                    if let t = tacticByShort[short] {
                        rule.tactics.append(GuideAttackRef(id: t.id, name: t.name, url: t.url))
                    } else {
                        rule.tactics.append(GuideAttackRef(id: short, name: displayName(tactic: short)))
                    }
                }
                if let technique = tag.technique, !seenTechnique.contains(technique) {
                    seenTechnique.insert(technique)
                    let info = techniques[technique]
                    rule.techniques.append(GuideAttackRef(id: technique, name: info?.name ?? technique,
                                                          url: info?.url ?? attackURL(technique)))
                }
            }
            rule.references = references[id] ?? []
            rule.sourcePath = row["source_path"]
            rule.ads = adsByRule[id]
            rule.validation = validations[id.lowercased()]
            rule.validatedEvents = rule.validation?.events
            rule.replacedBy = replacedBy[id] ?? []
            rule.atomicTests = atomicTests(rule.references)
            rule.falsepositives = falsepositives[id] ?? []

            let storedForRule = stored[id] ?? [:]
            let ruleScenarios = scenarios[id] ?? []
            // Parse the rule only when a query must be generated here (missing or stale, or a tuned query).
            // Hunt plans need the parsed rule (its fields and log source), so every rule is parsed.
            let sigmaRule = parseRule(text: rule.yaml, id: id, path: row["source_path"] ?? id)
            let product: String? = row["logsource_product"]
            rule.prerequisites = DataPrerequisites.lines(product: product, category: row["logsource_category"],
                                                         service: row["logsource_service"],
                                                         eventIDs: sigmaRule.map(DataPrerequisites.eventIDs) ?? [])
            for (target, converter) in converters {
                if let hit = storedForRule[target.key] {
                    if let query = hit.query {
                        rule.queries.append(GuideQuery(target: target.key, siem: target.siemName, language: target.language,
                                                       fence: target.fence, text: query))
                    } else {
                        rule.queryProblems.append("\(target.siemName): not converted: \(hit.error ?? "unknown error")")
                    }
                    continue
                }
                guard let sigmaRule else {
                    rule.queryProblems.append("\(target.siemName): the stored rule text no longer parses")
                    continue
                }
                switch converter {
                case .failure(let error):
                    rule.queryProblems.append("\(target.siemName): \(error)")
                case .success(let converter):
                    switch converter.convert(sigmaRule) {
                    case .success(let text):
                        rule.queries.append(GuideQuery(target: target.key, siem: target.siemName, language: target.language,
                                                       fence: target.fence, text: text))
                    case .failure(let error):
                        rule.queryProblems.append("\(target.siemName): not converted: \(error)")
                    }
                }
            }
            var runnable: [GuideQuery] = []
            var unrunnableTargets = Set<String>()
            for query in rule.queries {
                let target = targets.first { $0.key == query.target }!
                let converter = converters.first { $0.0.key == query.target }.flatMap { try? $0.1.get() }
                var unrunnable: String?
                let plan = planner.plan(rule: sigmaRule, query: query.text, target: target, converter: converter,
                                        product: product, unrunnable: &unrunnable)
                if let unrunnable {
                    // A query that can never match is not printed: its reason is.
                    rule.queryProblems.append("\(target.siemName): \(unrunnable)")
                    unrunnableTargets.insert(target.key)
                } else {
                    runnable.append(query)
                    rule.plans.append(plan)
                }
            }
            rule.queries = runnable
            rule.queryProblems = rule.queryProblems.map(oneLine)
            for record in ruleScenarios {
                var scenario = GuideScenario(title: record.title, description: record.description, exclusion: record.exclusion,
                                             exampleFilter: record.exampleFilter, exampleLanguage: record.exampleLanguage,
                                             filterYAML: record.filterYaml, author: record.author, created: record.created,
                                             updated: record.updated)
                scenario.completedFields = record.completedFields.split(separator: " ").map(String.init)
                scenario.translationNote = record.translationNote
                let parsedFilter = record.filterYaml.flatMap { try? GuideFile.checkFilter($0, rule: id, path: "scenario", line: 0) }
                scenario.findings = ExclusionLint.check(filter: parsedFilter, exampleFilter: record.exampleFilter, rule: sigmaRule)
                if let yaml = record.filterYaml, let sigmaRule {
                    let filter = try? GuideFile.checkFilter(yaml, rule: id, path: "scenario", line: 0)
                    for (target, converter) in converters {
                        guard let filter else {
                            scenario.tuningProblems.append("\(target.siemName): the scenario's Sigma filter does not parse")
                            break
                        }
                        guard case .success(let converter) = converter, !unrunnableTargets.contains(target.key) else { continue }
                        switch converter.convert(sigmaRule, excluding: [filter]) {
                        case .success(let text):
                            scenario.tunedQueries.append(GuideQuery(target: target.key, siem: target.siemName,
                                                                    language: target.language, fence: target.fence, text: text))
                        case .failure(let error):
                            scenario.tuningProblems.append("\(target.siemName): tuned query not converted: \(error)")
                        }
                    }
                }
                rule.scenarios.append(scenario)
            }
            rules.append(rule)
        }

        var tacticRefs = tactics.map { GuideAttackRef(id: $0.id, name: $0.name, url: $0.url) }
        if tacticRefs.isEmpty {
            // No ATT&CK catalog: order the rules' tactic short names by the matrix.
            let shorts = Set(rules.flatMap { $0.tactics.map(\.id) })
            tacticRefs = shorts.sorted { (tacticOrder.firstIndex(of: $0) ?? 99, $0) < (tacticOrder.firstIndex(of: $1) ?? 99, $1) }
                .map { GuideAttackRef(id: $0, name: displayName(tactic: $0)) }
        }
        var corpus = GuideCorpus(rules: rules, techniques: techniques, tactics: tacticRefs)
        corpus.attackVersion = attackVersion
        if case .technique = selection.scope {
            // Only the asked technique and its sub-techniques get pages, not every technique its rules touch.
            let wanted = Set(techniques.keys.filter { $0 == subject || $0.hasPrefix(subject + ".") })
            corpus.onlyTechniques = wanted.isEmpty ? [subject] : wanted
        }
        if case .tactic = selection.scope {
            // Only the techniques of this tactic get sections; rules keep their full tag list in their tables.
            var wanted = Set(techniques.values.filter { info in
                info.tactics.contains { $0 == tacticByShort[subject]?.id || $0 == subject }
            }.map(\.id))
            if wanted.isEmpty {
                // A tactic unknown to ATT&CK: the techniques of the rules tagged with it.
                wanted = Set(rules.filter { $0.tactics.contains { $0.id == subject } }.flatMap { $0.techniques.map(\.id) })
            }
            corpus.onlyTechniques = wanted.isEmpty ? nil : wanted
        }
        return GuideLoad(corpus: corpus, subject: subject, subjectName: subjectName)
    }

    /// Conversion errors keep their first line only, so a missing query costs one line on the page.
    static func oneLine(_ text: String) -> String {
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return first.count > 240 ? String(first.prefix(237)) + "..." : first
    }

    /// Atomic Red Team tests named by references such as `.../atomic-red-team/.../atomics/T1053.003/T1053.003.md`.
    static func atomicTests(_ references: [String]) -> [String] {
        var out: [String] = []
        for url in references where url.lowercased().contains("atomic-red-team") {
            if let m = url.firstMatch(of: /atomics\/(T[0-9]{4}(?:\.[0-9]{3})?)/), !out.contains(String(m.1)) { out.append(String(m.1)) }
        }
        return out
    }

    /// The document of `id` in a stored file text (the first rule when ids do not match), nil if it does not parse.
    static func parseRule(text: String, id: String, path: String) -> SigmaRule? {
        let file = SigmaParser.parse(text: text, path: path)
        let rules = file.rules
        return rules.first { $0.id?.lowercased() == id } ?? (rules.count == 1 ? rules.first : nil)
    }

    static func logsourcePairs(_ row: Row) -> [GuidePair] {
        var pairs: [GuidePair] = []
        for key in ["product", "category", "service", "definition"] {
            if let value: String = row["logsource_\(key)"], !value.isEmpty { pairs.append(GuidePair(key: key, value: value)) }
        }
        if let custom: String = row["logsource_custom"], let data = custom.data(using: .utf8),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for key in object.keys.sorted() {
                pairs.append(GuidePair(key: key, value: object[key].map { "\($0)" } ?? ""))
            }
        }
        return pairs
    }

    /// "defense-impairment" -> "Defense Impairment", for tactics the loaded ATT&CK catalog does not know.
    static func displayName(tactic short: String) -> String {
        short.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    static func attackURL(_ id: String) -> String? {
        guard GuideFile.isTechniqueID(id) else { return nil }
        return "https://attack.mitre.org/techniques/" + id.replacingOccurrences(of: ".", with: "/") + "/"
    }

    struct Tactic {
        var id: String
        var shortName: String
        var name: String
        var url: String?
    }

    static func loadTactics(_ db: Database) throws -> [Tactic] {
        let rows = try Row.fetchAll(db, sql: "SELECT id, short_name, name, url FROM attack_tactic")
        let tactics = rows.map { Tactic(id: $0["id"], shortName: $0["short_name"], name: $0["name"], url: $0["url"]) }
        return tactics.sorted {
            (tacticOrder.firstIndex(of: $0.shortName) ?? 99, $0.id) < (tacticOrder.firstIndex(of: $1.shortName) ?? 99, $1.id)
        }
    }

    /// A technique id known to ATT&CK or carried by a rule; otherwise an error naming the closest one.
    static func resolveTechnique(_ db: Database, _ text: String) throws -> String {
        // Same spellings as `search --technique`: any case, with or without the `attack.` tag prefix.
        let id = TagNormalizer.techniqueID(text) ?? text.trimmingCharacters(in: .whitespaces).uppercased()
        if GuideFile.isTechniqueID(id) {
            if try String.fetchOne(db, sql: "SELECT id FROM attack_technique WHERE id = ?", arguments: [id]) != nil { return id }
            if try String.fetchOne(db, sql: "SELECT technique FROM rule_tag WHERE technique = ? OR technique LIKE ? LIMIT 1",
                                   arguments: [id, id + ".%"]) != nil { return id }
        }
        var suggestion = try NoteStore.suggestTechnique(db, id)
        if suggestion == nil {
            // By name: "cron" -> T1053.003 (Cron).
            if let row = try Row.fetchOne(db, sql: "SELECT id, name FROM attack_technique WHERE lower(name) = lower(?) ORDER BY id LIMIT 1",
                                          arguments: [text.trimmingCharacters(in: .whitespaces)]) {
                suggestion = "\(row["id"] as String) (\(row["name"] as String))"
            }
        }
        throw GuideStoreError.unknownTechnique(text, suggestion: suggestion)
    }

    static func resolveTactic(_ db: Database, _ text: String, tactics: [Tactic]) throws -> Tactic {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        let dashed = wanted.replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
        if let found = tactics.first(where: { $0.id.lowercased() == wanted || $0.shortName == dashed || $0.name.lowercased() == wanted }) {
            return found
        }
        // A tactic the loaded ATT&CK lacks (ATT&CK v19's stealth, defense-impairment) works as tagged, as in search.
        if try String.fetchOne(db, sql: "SELECT tactic FROM rule_tag WHERE tactic = ? LIMIT 1", arguments: [dashed]) != nil {
            return Tactic(id: dashed, shortName: dashed, name: displayName(tactic: dashed), url: nil)
        }
        var best: (Int, String)?
        for tactic in tactics {
            let d = min(Suggestion.distance(dashed, tactic.shortName, limit: 3), Suggestion.distance(wanted, tactic.id.lowercased(), limit: 3))
            if d <= 3, d < (best?.0 ?? Int.max) { best = (d, tactic.shortName) }
        }
        let hint = best.map { " (did you mean \($0.1)?)" } ?? ""
        throw GuideStoreError.invalid("unknown ATT&CK tactic '\(text)'\(hint)")
    }
}
