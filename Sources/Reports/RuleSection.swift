import Catalog
import Foundation

/// Renders one rule's section of a hunt guide.
public enum RuleSection {
    /// The rule section with its title at heading `level` (1...4); subsections go at most two levels deeper.
    public static func render(_ rule: GuideRule, level: Int) -> String {
        let h = max(1, min(level, 4))
        var out = heading(h, rule.title) + "\n"
        out += metadataTable(rule) + "\n"

        if let note = nonEmpty(rule.note) {
            out += heading(h + 1, "Hunting note") + "\n"
            out += Markdown.paragraphs(note) + "\n\n"
        }
        if let description = nonEmpty(rule.description) {
            out += heading(h + 1, "Description") + "\n"
            out += Markdown.paragraphs(description) + "\n\n"
        }

        out += heading(h + 1, "Sigma rule") + "\n"
        out += Markdown.fence(rule.yaml, info: "yaml") + "\n"

        if !rule.queries.isEmpty || !rule.queryProblems.isEmpty {
            out += heading(h + 1, "Queries") + "\n"
            for query in rule.queries {
                out += heading(h + 2, queryTitle(query)) + "\n"
                out += Markdown.fence(query.text, info: query.fence) + "\n"
            }
            for problem in rule.queryProblems {
                out += "- " + Markdown.inline(problem) + "\n"
            }
            if !rule.queryProblems.isEmpty { out += "\n" }
        }

        out += heading(h + 1, "False positives") + "\n"
        if rule.falsepositives.isEmpty {
            out += "The rule lists no false positives.\n\n"
        } else {
            out += "Listed by the rule:\n\n"
            for line in rule.falsepositives { out += "- " + Markdown.inline(line) + "\n" }
            out += "\n"
        }
        for (index, scenario) in rule.scenarios.enumerated() {
            out += scenarioSection(scenario, number: index + 1, level: h + 2)
        }

        if !rule.references.isEmpty {
            out += heading(h + 1, "References") + "\n"
            for reference in rule.references { out += "- " + Markdown.autolink(reference) + "\n" }
            out += "\n"
        }
        return out
    }

    /// "Microsoft Sentinel (ASIM) — KQL"
    public static func queryTitle(_ query: GuideQuery) -> String {
        "\(query.siem) — \(query.language)"
    }

    static func scenarioSection(_ scenario: GuideScenario, number: Int, level: Int) -> String {
        var out = heading(level, "Scenario \(number): \(scenario.title)") + "\n"
        out += "**Description:** " + (nonEmpty(scenario.description).map(Markdown.paragraphs) ?? "—") + "\n\n"
        out += "**Filter/Exclusion:** " + (nonEmpty(scenario.exclusion).map(Markdown.paragraphs) ?? "—") + "\n\n"
        if let example = nonEmpty(scenario.exampleFilter) {
            out += "**Example filter:**\n\n"
            out += Markdown.fence(example, info: scenario.exampleLanguage) + "\n"
        }
        if let filter = nonEmpty(scenario.filterYAML) {
            out += "**Sigma filter:**\n\n"
            out += Markdown.fence(filter, info: "yaml") + "\n"
        }
        for query in scenario.tunedQueries {
            out += "**Tuned query — " + Markdown.inline(queryTitle(query)) + ":**\n\n"
            out += Markdown.fence(query.text, info: query.fence) + "\n"
        }
        for problem in scenario.tuningProblems {
            out += "- " + Markdown.inline(problem) + "\n"
        }
        if !scenario.tuningProblems.isEmpty { out += "\n" }
        var credits: [String] = []
        if let author = nonEmpty(scenario.author) { credits.append("Author: " + Markdown.inline(author)) }
        if let created = nonEmpty(scenario.created) { credits.append("created " + Markdown.inline(created)) }
        if let updated = nonEmpty(scenario.updated), updated != scenario.created {
            credits.append("updated " + Markdown.inline(updated))
        }
        if !credits.isEmpty { out += "_" + credits.joined(separator: ", ") + "_\n\n" }
        return out
    }

    static func metadataTable(_ rule: GuideRule) -> String {
        var rows: [(String, String)] = []
        rows.append(("ID", Markdown.cell(rule.id)))
        rows.append(("Status", Markdown.cell(rule.status ?? "")))
        rows.append(("Level", Markdown.cell(rule.level ?? "")))
        rows.append(("Author", Markdown.cell(rule.author ?? "")))
        rows.append(("Date", Markdown.cell(rule.date ?? "")))
        rows.append(("Modified", Markdown.cell(rule.modified ?? "")))
        let logsource = rule.logsource.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        rows.append(("Log source", Markdown.cell(logsource)))
        rows.append(("ATT&CK tactics", attackList(rule.tactics)))
        rows.append(("ATT&CK techniques", attackList(rule.techniques)))
        var out = "| Field | Value |\n| --- | --- |\n"
        for (field, value) in rows { out += "| \(Markdown.inline(field)) | \(value) |\n" }
        return out
    }

    static func attackList(_ refs: [GuideAttackRef]) -> String {
        if refs.isEmpty { return "—" }
        return refs.map { ref in
            let label = ref.name.isEmpty || ref.name == ref.id ? ref.id : "\(ref.id) \(ref.name)"
            return Markdown.link(label, url: ref.url)
        }.joined(separator: ", ")
    }

    /// An ATX heading; the level is clamped to 1...6 and the text escaped.
    public static func heading(_ level: Int, _ text: String) -> String {
        let n = max(1, min(level, 6))
        let body = Markdown.inline(text)
        return String(repeating: "#", count: n) + " " + (body.isEmpty ? "(untitled)" : body) + "\n"
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }
}
