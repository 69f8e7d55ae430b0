import CatalogModel
import Foundation

/// Renders one rule's section of a hunt guide.
public enum RuleSection {
    /// The rule section with its title at heading `level` (1...4); subsections go at most two levels deeper.
    public static func render(_ rule: GuideRule, level: Int) -> String {
        let h = max(1, min(level, 4))
        var out = "<a id=\"\(anchor(rule))\"></a>\n\n" + heading(h, rule.title) + "\n"
        if let status = rule.status, ["deprecated", "unsupported"].contains(status) {
            out += "> **\(status == "deprecated" ? "Deprecated" : "Unsupported") rule** — not for new hunts."
            if !rule.replacedBy.isEmpty {
                out += " Replaced by " + rule.replacedBy.map { r in
                    "[\(Markdown.inline(r.title ?? r.id))](#\(anchor(id: r.id)))"
                }.joined(separator: ", ") + "."
            }
            out += "\n\n"
        }
        out += metadataTable(rule) + "\n"
        out += "**Completeness:** " + completeness(rule) + "\n\n"

        if let note = nonEmpty(rule.note) {
            out += heading(h + 1, "Hunting note") + "\n"
            out += Markdown.paragraphs(note) + "\n\n"
        }
        if let description = nonEmpty(rule.description) {
            out += heading(h + 1, "Description") + "\n"
            out += Markdown.paragraphs(description) + "\n\n"
        }

        if let ads = rule.ads, !ads.isEmpty {
            for section in ads.sections {
                out += heading(h + 1, section.title) + "\n" + Markdown.paragraphs(section.text) + "\n\n"
            }
        }

        out += heading(h + 1, "Data prerequisites") + "\n"
        for line in rule.prerequisites { out += "- " + Markdown.inline(line) + "\n" }
        if rule.prerequisites.isEmpty { out += "- The log source names nothing to collect.\n" }
        out += "\n"
        if !rule.atomicTests.isEmpty || rule.validation != nil || rule.validatedEvents != nil {
            out += heading(h + 1, "Validation") + "\n"
            for test in rule.atomicTests {
                out += "- Atomic Red Team test: " + Markdown.link(test, url: "https://github.com/redcanaryco/atomic-red-team/blob/master/atomics/\(test)/\(test).md") + " (run it on a test host and check the rule fires)\n"
            }
            if let v = rule.validation {
                out += "- " + validationLine(v) + "\n"
            } else if let n = rule.validatedEvents {
                out += "- Validated on \(n) regression event\(n == 1 ? "" : "s").\n"
            }
            out += "\n"
        }

        out += heading(h + 1, "Sigma rule") + "\n"
        out += Markdown.fence(rule.yaml, info: "yaml") + "\n"

        if !rule.queries.isEmpty || !rule.queryProblems.isEmpty {
            out += heading(h + 1, "Queries") + "\n"
            for query in rule.queries {
                out += heading(h + 2, queryTitle(query)) + "\n"
                out += Markdown.fence(query.text, info: query.fence) + "\n"
                if let plan = rule.plans.first(where: { $0.target == query.target }) {
                    out += planText(plan, query: query.text)
                }
            }
            if !rule.queryProblems.isEmpty { out += "**Not shown, and why:**\n\n" }
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
        if !rule.scenarios.isEmpty {
            out += "Scenarios below keep their author's words; fields marked _completed by HuntKB_ were missing from the source. "
                + "**Deploy the tuned query** (the rule AND NOT HuntKB's Sigma filter); the example filter is the author's sketch.\n\n"
        }
        for (index, scenario) in rule.scenarios.enumerated() {
            out += scenarioSection(scenario, number: index + 1, level: h + 2)
        }
        out += checklist(rule)

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
        let done = Set(scenario.completedFields)
        func mark(_ field: String) -> String { done.contains(field) ? " _(completed by HuntKB)_" : "" }
        var out = heading(level, "Scenario \(number): \(scenario.title)") + "\n"
        if done.contains("title") { out += "_Title completed by HuntKB._\n\n" }
        out += "**Description:**\(mark("description")) " + (nonEmpty(scenario.description).map(Markdown.paragraphs) ?? "—") + "\n\n"
        out += "**Filter/Exclusion:**\(mark("exclusion")) " + (nonEmpty(scenario.exclusion).map(Markdown.paragraphs) ?? "—") + "\n\n"
        if let example = nonEmpty(scenario.exampleFilter) {
            out += "**Example Filter:**\(mark("example_filter")) (the author's sketch, not a query to deploy)\n\n"
            out += Markdown.fence(example, info: scenario.exampleLanguage) + "\n"
        }
        for finding in scenario.findings {
            out += "> **Exclusion check `\(finding.code)`** (\(Markdown.inline(finding.subject))): \(Markdown.inline(finding.reason)). "
                + "Safer: \(Markdown.inline(finding.safer)).\n\n"
        }
        if nonEmpty(scenario.filterYAML) != nil || !scenario.tunedQueries.isEmpty || nonEmpty(scenario.translationNote) != nil {
            out += "**HuntKB's translation** (runnable; deploy the tuned query):\n\n"
        }
        if let note = nonEmpty(scenario.translationNote) { out += Markdown.paragraphs(note) + "\n\n" }
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

    /// The anchor of a rule's section: `rule-<id>` (ids are checked, so no markup reaches the attribute).
    public static func anchor(_ rule: GuideRule) -> String { anchor(id: rule.id) }

    public static func anchor(id: String) -> String {
        "rule-" + id.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// "Validated on 5 events (1 attack, 4 benign) by `huntkb test` on 2026-12-01: pass", with the first
    /// failing check after "fail".
    static func validationLine(_ v: GuideValidation) -> String {
        var line = "Validated on \(v.events) event\(v.events == 1 ? "" : "s")"
        if let a = v.attackEvents, let b = v.benignEvents { line += " (\(a) attack, \(b) benign)" }
        line += " by `huntkb test` on " + Markdown.inline(v.testedOn) + ": "
        if v.passed { return line + "pass" }
        return line + "fail" + (v.failure.map { " (" + Markdown.inline($0) + ")" } ?? "")
    }

    /// Which sections exist, in one line.
    static func completeness(_ rule: GuideRule) -> String {
        func has(_ ok: Bool, _ name: String) -> String { (ok ? "✓ " : "✗ ") + name }
        return [has(nonEmpty(rule.note) != nil, "hunting note"),
                has(!rule.scenarios.isEmpty, "\(rule.scenarios.count) scenario\(rule.scenarios.count == 1 ? "" : "s")"),
                has(rule.ads.map { !$0.isEmpty } ?? false, "ADS sections"),
                has(!rule.atomicTests.isEmpty, "Atomic Red Team test"),
                has(rule.validation.map(\.passed) ?? (rule.validatedEvents != nil), "validated on events"),
                has(!rule.queries.isEmpty, "\(rule.queries.count) runnable quer\(rule.queries.count == 1 ? "y" : "ies")")]
            .joined(separator: " · ")
    }

    /// What the query reads, its stacking query and where its pivots are, or why not.
    static func planText(_ plan: GuideTargetPlan, query: String) -> String {
        var out = "- Reads: " + Markdown.inline(plan.reads) + "\n"
        for left in plan.leftOut { out += "- Left out of the hunt: " + Markdown.inline(left) + "\n" }
        if plan.stacking == nil { out += "- Stacking: " + Markdown.inline(plan.stackingReason ?? "not available") + "\n" }
        if plan.pivots.isEmpty {
            out += "- Pivots: " + Markdown.inline(plan.pivotReason ?? "not available") + "\n"
        } else {
            out += "- Pivots: see [Triage and pivots](#\(pivotAnchor(plan))) (\(Markdown.inline(plan.pivotGroup)))\n"
        }
        out += "\n"
        if let stacking = plan.stacking {
            // The stacking query extends the query above; print only the added lines to keep pages small.
            if stacking.hasPrefix(query) {
                out += "Rarity stacking over the last 14 days (append to the query above; least frequent first):\n\n"
                out += Markdown.fence(String(stacking.dropFirst(query.count)).trimmingCharacters(in: .newlines), info: plan.fence) + "\n"
            } else {
                out += "Rarity stacking (least frequent first):\n\n" + Markdown.fence(stacking, info: plan.fence) + "\n"
            }
        }
        return out
    }

    public static func pivotAnchor(_ plan: GuideTargetPlan) -> String {
        "pivots-" + (plan.target + "-" + plan.pivotGroup).lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }.map(String.init).joined()
    }

    /// "What to check when it returns rows", from the rule's fields and false positives.
    static func checklist(_ rule: GuideRule) -> String {
        guard !rule.plans.isEmpty else { return "" }
        var out = "**When it returns rows, check:**\n\n"
        let fields = rule.plans.first?.keyFields ?? []
        if !fields.isEmpty {
            out += "- Whether " + fields.map { "`\($0)`" }.joined(separator: ", ") + " values are known on that host (rare values on few hosts first).\n"
        }
        out += "- The parent process and what ran after it on the same host (pivot: same host within ±1 h).\n"
        out += "- Whether the account normally does this (pivot: same user).\n"
        for fp in rule.falsepositives.prefix(3) { out += "- Whether it is a listed false positive: " + Markdown.inline(fp) + "\n" }
        if !rule.scenarios.isEmpty { out += "- Whether it matches a scenario above, and if so whether its tuned query is deployed.\n" }
        return out + "\n"
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
