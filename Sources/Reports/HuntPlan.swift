import CatalogModel

/// The top of a technique page: contents, summary table, hunt plan, and the pivots shared by its rules.
enum HuntPlan {
    static func render(id: String, rules: [GuideRule], note: String?, level: Int) -> String {
        guard !rules.isEmpty else {
            var out = ""
            if let note = RuleSection.nonEmpty(note) {
                out += RuleSection.heading(level, "Hunting note") + "\n" + Markdown.paragraphs(note) + "\n\n"
            }
            return out
        }
        var out = "**Contents:** [Hunt plan](#hunt-plan-\(slug(id))) · [Rules](#rules-\(slug(id))) · "
            + "[Triage and pivots](#triage-\(slug(id)))\n\n"
        // Summary table = the contents of the rule details, in the page's order.
        out += "<a id=\"rules-\(slug(id))\"></a>\n\n"
        out += "| # | Level | Status | Rule | Queries |\n| --- | --- | --- | --- | --- |\n"
        for (i, rule) in rules.enumerated() {
            let queries = rule.queries.isEmpty ? "none" : rule.queries.map { "\($0.siem) (\($0.language))" }.joined(separator: ", ")
            out += "| \(i + 1) | \(Markdown.cell(rule.level ?? "")) | \(Markdown.cell(rule.status ?? "")) | "
                + "[\(Markdown.cell(rule.title))](#\(RuleSection.anchor(rule))) | \(Markdown.cell(queries)) |\n"
        }
        out += "\n<a id=\"hunt-plan-\(slug(id))\"></a>\n\n" + RuleSection.heading(level, "Hunt plan") + "\n"
        if let note = RuleSection.nonEmpty(note) {
            out += "**Hunting note:** " + Markdown.paragraphs(note) + "\n\n"
        } else if let ruleNote = rules.lazy.compactMap({ RuleSection.nonEmpty($0.note) }).first {
            out += "**Hunting note:** " + Markdown.paragraphs(ruleNote) + "\n\n"
        }
        var data: [String] = []
        for rule in rules { for line in rule.prerequisites where !data.contains(line) { data.append(line) } }
        out += "**Data the hunt needs:**\n\n"
        for line in data.prefix(12) { out += "- " + Markdown.inline(line) + "\n" }
        if data.count > 12 { out += "- … and \(data.count - 12) more, listed under each rule\n" }
        out += "\n**Time window:** the last 14 days for stacking (a baseline to find rare values), then ±1 h around each hit for triage.\n\n"

        let (first, apart) = ordered(rules)
        out += "**Start with** (threat-hunting rules, then stable or high-level rules):\n\n"
        for rule in first.prefix(15) { out += "1. " + link(rule) + "\n" }
        if first.count > 15 { out += "1. … \(first.count - 15) more in the table above\n" }
        if first.isEmpty { out += "- none: every rule of this technique is an IOC or low-level rule\n" }
        out += "\n"
        if !apart.isEmpty {
            out += "**Set apart** (emerging-threat IOC rules and low-level rules: run them as sweeps, not hunts): "
                + apart.prefix(20).map(link).joined(separator: ", ") + (apart.count > 20 ? ", …" : "") + "\n\n"
        }
        if let top = first.first ?? apart.first, !top.plans.isEmpty {
            out += "**Stacking queries for \(Markdown.inline(top.title))**, per target (least frequent first):\n\n"
            for plan in top.plans {
                if let stacking = plan.stacking {
                    out += "\(Markdown.inline(plan.siem)):\n\n" + Markdown.fence(stacking, info: plan.fence) + "\n"
                } else {
                    out += "\(Markdown.inline(plan.siem)): \(Markdown.inline(plan.stackingReason ?? "not available"))\n\n"
                }
            }
            out += "\n"
        }

        out += "<a id=\"triage-\(slug(id))\"></a>\n\n" + RuleSection.heading(level, "Triage and pivots") + "\n"
        out += "Replace HOST, USER and the hit time with the values of the row you are looking at.\n\n"
        var seen = Set<String>()
        for rule in rules {
            for plan in rule.plans where !plan.pivots.isEmpty {
                let key = RuleSection.pivotAnchor(plan)
                guard seen.insert(key).inserted else { continue }
                out += "<a id=\"\(key)\"></a>\n\n"
                out += "**\(Markdown.inline(plan.siem)) — \(Markdown.inline(plan.pivotGroup.isEmpty ? "any log source" : plan.pivotGroup))**\n\n"
                for pivot in plan.pivots {
                    out += Markdown.inline(pivot.title) + ":\n\n" + Markdown.fence(pivot.query, info: plan.fence) + "\n"
                }
            }
        }
        if seen.isEmpty { out += "No target of this page has pivot queries; each rule says why.\n\n" }
        return out
    }

    /// Hunting-grade rules first; emerging-threat IOC rules and low-level rules set apart. Stable within a tier.
    static func ordered(_ rules: [GuideRule]) -> (first: [GuideRule], apart: [GuideRule]) {
        func tier(_ r: GuideRule) -> Int {
            let path = r.sourcePath ?? ""
            if path.contains("rules-threat-hunting") { return 0 }
            if r.status == "stable" || ["high", "critical"].contains(r.level ?? "") { return 1 }
            return 2
        }
        let apart = rules.filter { ($0.sourcePath ?? "").contains("rules-emerging-threats") || ["low", "informational"].contains($0.level ?? "") }
        let apartIDs = Set(apart.map(\.id))
        let first = rules.filter { !apartIDs.contains($0.id) }.enumerated()
            .sorted { (tier($0.element), $0.offset) < (tier($1.element), $1.offset) }.map(\.element)
        return (first, apart)
    }

    static func link(_ rule: GuideRule) -> String {
        "[\(Markdown.inline(rule.title))](#\(RuleSection.anchor(rule))) (\(Markdown.inline(rule.level ?? "no level")), \(Markdown.inline(rule.status ?? "no status")))"
    }

    static func slug(_ id: String) -> String {
        id.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
    }
}
