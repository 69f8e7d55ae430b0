import SigmaKit

/// Elastic Security detection rules in NDJSON (sigma-cli's `siem_rule_ndjson` format): one rule object per
/// query, importable with Kibana → Security → Rules → Import, carrying the rule's MITRE ATT&CK mapping.
///
/// The fields, their order and their defaults are those of pySigma-backend-elasticsearch 2.1.1 for each
/// language. Where the reference would write a file Kibana refuses or that misstates the mapping, this one
/// differs, on purpose:
/// - `threat` comes from the ATT&CK data given (the reference pairs the n-th tactic tag with the n-th
///   technique tag and names tactics from their tags); each tactic the rule tags gets the techniques ATT&CK
///   lists under it, sub-techniques nested in their technique;
/// - `tags` keeps every tag (the reference drops the ATT&CK tags for Lucene and EQL once it built `threat`);
/// - an `informational` rule has severity `low` for Lucene too, which Kibana requires.
public enum ElasticRuleFile {
    /// The format's sigma-cli name.
    public static let formatName = "siem_rule_ndjson"

    /// The targets that have this format.
    public static let targets = ["lucene", "esql", "eql"]

    /// The index patterns of the reference's Lucene and EQL rules (its `index_names` default).
    public static let defaultIndexNames = [
        "apm-*-transaction*", "auditbeat-*", "endgame-*", "filebeat-*", "logs-*", "packetbeat-*",
        "traces-apm*", "winlogbeat-*", "-*elastic-cloud-logs-*",
    ]

    /// How often Kibana runs the rule and how far back it looks (the reference's `schedule_interval`).
    public struct Schedule: Sendable, Hashable {
        public var interval: Int
        /// `s`, `m`, `h` or `d`.
        public var unit: String

        public init(interval: Int = 5, unit: String = "m") {
            self.interval = interval
            self.unit = unit
        }
    }

    /// One NDJSON line per query of the rule (as converted for `target`), lines joined with newlines.
    /// - Parameters:
    ///   - target: `lucene`, `esql` or `eql`: the language of `queries`.
    ///   - queries: the rule's queries in the target's default output form.
    ///   - indexNames: the index patterns of Lucene and EQL rules (ES|QL names them in its `from` clause).
    public static func ndjson(rule: SigmaRule, queries: [String], target: String, attack: any AttackLookup,
                              indexNames: [String] = defaultIndexNames,
                              schedule: Schedule = Schedule()) throws(ConversionError) -> String {
        guard targets.contains(target) else {
            throw ConversionError(.unsupported,
                "output format '\(formatName)' is for \(targets.joined(separator: ", ")), not '\(target)'")
        }
        let threat = OrderedJSON.array(threatEntries(tags: rule.tags, attack: attack).map(\.json))
        return queries.map { query in
            ruleObject(rule: rule, query: query, target: target, threat: threat, indexNames: indexNames,
                       schedule: schedule).text
        }.joined(separator: "\n")
    }

    private static let riskScores: [RuleLevel: Int] = [
        .informational: 1, .low: 21, .medium: 47, .high: 73, .critical: 99,
    ]

    private static func ruleObject(rule: SigmaRule, query: String, target: String, threat: OrderedJSON,
                                   indexNames: [String], schedule: Schedule) -> OrderedJSON {
        let id = OrderedJSON.string(rule.id ?? "")
        let name = OrderedJSON.string("SIGMA - \(rule.title)")
        let interval = OrderedJSON.string("\(schedule.interval)\(schedule.unit)")
        let from = OrderedJSON.string("now-\(schedule.interval)\(schedule.unit)")
        let author = OrderedJSON.strings(rule.author.map { [$0] } ?? [])
        let description = OrderedJSON.string(rule.description ?? "No description")
        let license = OrderedJSON.string(rule.license ?? "DRL")
        let tags = OrderedJSON.strings(rule.tags.map(tagText))
        let severity = OrderedJSON.string(rule.level.map { $0 == .informational ? "low" : $0.rawValue } ?? "low")
        let meta = OrderedJSON.object([("from", .string("1m"))])
        let empty = OrderedJSON.array([])
        if target == "esql" {
            // ES|QL rules score informational 0 in the reference; they read the indexes of the query's `from`.
            let risk = rule.level.map { $0 == .informational ? 0 : riskScores[$0] ?? 21 } ?? 21
            return .object([
                ("id", id), ("name", name), ("tags", tags), ("interval", interval), ("enabled", .bool(true)),
                ("description", description), ("risk_score", .int(risk)), ("severity", severity),
                ("note", .string("")), ("license", license), ("output_index", .string("")), ("meta", meta),
                ("author", author), ("false_positives", .strings(rule.falsepositives)), ("from", from),
                ("rule_id", id), ("max_signals", .int(100)), ("risk_score_mapping", empty),
                ("severity_mapping", empty), ("threat", threat), ("to", .string("now")),
                ("references", .strings(rule.references)), ("version", .int(1)), ("exceptions_list", empty),
                ("immutable", .bool(false)), ("related_integrations", empty), ("required_fields", empty),
                ("setup", .string("")), ("type", .string("esql")), ("language", .string("esql")),
                ("query", .string(query)), ("actions", empty),
            ])
        }
        let risk = rule.level.map { riskScores[$0] ?? 21 } ?? 21
        return .object([
            ("id", id), ("name", name), ("enabled", .bool(true)), ("throttle", .string("no_actions")),
            ("interval", interval), ("author", author), ("description", description), ("rule_id", id),
            ("false_positives", .strings(rule.falsepositives)), ("from", from), ("immutable", .bool(false)),
            ("license", license), ("output_index", .string("")), ("meta", meta), ("max_signals", .int(100)),
            ("risk_score", .int(risk)), ("risk_score_mapping", empty), ("severity", severity),
            ("severity_mapping", empty), ("threat", threat), ("tags", tags), ("to", .string("now")),
            ("references", .strings(rule.references)), ("version", .int(1)), ("exceptions_list", empty),
            ("related_integrations", empty), ("required_fields", empty), ("setup", .string("")),
            ("type", .string(target == "eql" ? "eql" : "query")), ("language", .string(target)),
            ("index", .strings(indexNames)), ("query", .string(query)), ("filters", empty), ("actions", empty),
        ])
    }

    /// `attack.t1059.001` is written `attack-t1059.001`, as the reference does (namespace, dash, name).
    private static func tagText(_ tag: String) -> String {
        guard let dot = tag.firstIndex(of: ".") else { return tag }
        return tag[..<dot] + "-" + tag[tag.index(after: dot)...]
    }

    // MARK: ATT&CK mapping

    /// One entry of Elastic's `threat` list: a tactic and the rule's techniques under it.
    public struct ThreatEntry: Sendable, Hashable {
        public var tactic: AttackTacticName
        public var techniques: [ThreatTechnique]
    }

    /// A technique of a `ThreatEntry` with the rule's sub-techniques of it.
    public struct ThreatTechnique: Sendable, Hashable {
        public var id: String
        public var name: String
        public var subtechniques: [AttackTechniqueName]
    }

    /// The rule's ATT&CK mapping from its `attack.*` tags: one entry per tactic tag that ATT&CK knows, in tag
    /// order, holding the tagged techniques ATT&CK lists under that tactic. A technique under none of the
    /// tagged tactics joins its first ATT&CK tactic. Unknown ids, groups and software are left out.
    public static func threatEntries(tags: [String], attack: any AttackLookup) -> [ThreatEntry] {
        var tactics: [AttackTacticName] = []
        var techniques: [AttackTechniqueName] = []
        for tag in tags {
            let lower = tag.lowercased()
            guard lower.hasPrefix("attack.") else { continue }
            let name = String(lower.dropFirst("attack.".count))
            if isTechniqueID(name) {
                if let found = attack.technique(id: name.uppercased()), !techniques.contains(where: { $0.id == found.id }) {
                    techniques.append(found)
                }
            } else if let found = attack.tactic(shortName: name.replacing("_", with: "-")),
                      !tactics.contains(found) {
                tactics.append(found)
            }
        }
        var entries = tactics.map { ThreatEntry(tactic: $0, techniques: []) }
        for technique in techniques {
            let parentID = technique.id.split(separator: ".").first.map(String.init) ?? technique.id
            let parent = parentID == technique.id ? technique : attack.technique(id: parentID)
            let ownTactics = technique.tactics.isEmpty ? (parent?.tactics ?? []) : technique.tactics
            var targets = entries.indices.filter { ownTactics.contains(entries[$0].tactic.shortName) }
            if targets.isEmpty {
                guard let first = ownTactics.first(where: { attack.tactic(shortName: $0) != nil }),
                      let tactic = attack.tactic(shortName: first) else { continue }
                if let existing = entries.firstIndex(where: { $0.tactic == tactic }) {
                    targets = [existing]
                } else {
                    entries.append(ThreatEntry(tactic: tactic, techniques: []))
                    targets = [entries.count - 1]
                }
            }
            for index in targets {
                let name = parent?.name ?? technique.name
                var position = entries[index].techniques.firstIndex { $0.id == parentID }
                if position == nil {
                    entries[index].techniques.append(ThreatTechnique(id: parentID, name: name, subtechniques: []))
                    position = entries[index].techniques.count - 1
                }
                if technique.id != parentID, let p = position,
                   !entries[index].techniques[p].subtechniques.contains(technique) {
                    entries[index].techniques[p].subtechniques.append(technique)
                }
            }
        }
        return entries
    }

    /// `t1059`, `t1059.001`: the reference's `^[tT]\d{4}`.
    private static func isTechniqueID(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 5, scalars[0] == "t" else { return false }
        return scalars[1...4].allSatisfy { $0.value >= 48 && $0.value <= 57 }
    }
}

extension ElasticRuleFile.ThreatEntry {
    var json: OrderedJSON {
        .object([
            ("tactic", .object([
                ("id", .string(tactic.id)),
                ("reference", .string("https://attack.mitre.org/tactics/\(tactic.id)")),
                ("name", .string(tactic.name)),
            ])),
            ("framework", .string("MITRE ATT&CK")),
            ("technique", .array(techniques.map { technique in
                .object([
                    ("id", .string(technique.id)),
                    ("reference", .string("https://attack.mitre.org/techniques/\(technique.id)")),
                    ("name", .string(technique.name)),
                    ("subtechnique", .array(technique.subtechniques.map { sub in
                        .object([
                            ("id", .string(sub.id)),
                            ("reference", .string("https://attack.mitre.org/techniques/\(sub.id.replacing(".", with: "/"))")),
                            ("name", .string(sub.name)),
                        ])
                    })),
                ])
            })),
        ])
    }
}
