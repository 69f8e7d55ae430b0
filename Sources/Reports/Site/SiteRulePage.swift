import CatalogModel

/// One page per rule: the hunt guide's rule section plus history and related rules.
enum SiteRulePage {
    static func model(_ rule: GuideRule, _ c: SiteContext) -> RulePageModel {
        let root = "../"
        let techniqueLinks = rule.techniques.compactMap { ref -> LinkModel? in
            let id = ref.id.uppercased()
            guard c.techniquePages.contains(id) else { return nil }
            return LinkModel(href: root + SiteBuilder.techniqueFile(id), text: "\(id) \(c.shortName(id))")
        }
        var facts: [FactModel] = []
        func fact(_ label: String, _ value: String?) {
            let text = DisplayText.line(value ?? "")
            facts.append(FactModel(label: label, value: text.isEmpty ? "—" : text, links: [], texts: []))
        }
        fact("ID", rule.id)
        fact("Status", rule.status)
        fact("Level", rule.level)
        fact("Author", rule.author)
        fact("Date", rule.date)
        fact("Modified", rule.modified)
        fact("Log source", rule.logsource.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        facts.append(attackFact("ATT&CK tactics", rule.tactics, c, root: root, pages: false))
        facts.append(attackFact("ATT&CK techniques", rule.techniques, c, root: root, pages: true))
        if let tags = c.input.extras.tags[rule.id], !tags.isEmpty {
            facts.append(FactModel(label: "Tags", value: nil, links: [], texts: tags.map(DisplayText.line)))
        }

        let queries = rule.queries.enumerated().map { i, query in
            CodeModel(anchor: "q\(i + 1)-" + SiteContext.anchor(query.target), label: DisplayText.line(RuleSection.queryTitle(query)),
                      languageClass: SiteContext.languageClass(query.language), text: SiteContext.codeText(query.text))
        }
        let scenarios = rule.scenarios.enumerated().map { scenario($0.element, number: $0.offset + 1) }
        let related = (c.input.extras.related[rule.id] ?? []).map { link in
            RelatedModel(phrase: DisplayText.line(link.phrase), href: c.ruleHref(link.id, root: root),
                         title: DisplayText.line(link.title ?? link.id), id: DisplayText.line(link.id),
                         linkNote: link.removed ? "removed from its source" : link.status.map(DisplayText.line))
        }
        let history = c.input.extras.histories[rule.id].map(history)
        let references = rule.references.map { url in
            ReferenceModel(href: DisplayText.webURL(url), text: DisplayText.line(url))
        }
        let sections = SiteSections.models(c.input.ruleSections[rule.id] ?? [], prefix: "s")

        var toc: [TocModel] = []
        if Paragraphs(rule.note) != nil { toc.append(TocModel(anchor: "hunting-note", text: "Hunting note")) }
        if Paragraphs(rule.description) != nil { toc.append(TocModel(anchor: "description", text: "Description")) }
        for section in sections { toc.append(TocModel(anchor: section.anchor, text: section.title)) }
        toc.append(TocModel(anchor: "queries", text: "Queries"))
        toc.append(TocModel(anchor: "false-positives", text: rule.scenarios.isEmpty ? "False positives" : "False positives and tuning"))
        if !related.isEmpty { toc.append(TocModel(anchor: "related", text: "Related rules")) }
        toc.append(TocModel(anchor: "history", text: "History"))
        if !references.isEmpty { toc.append(TocModel(anchor: "references", text: "References")) }
        toc.append(TocModel(anchor: "sigma", text: "Sigma rule"))

        let title = DisplayText.line(rule.title).isEmpty ? "(untitled)" : DisplayText.line(rule.title)
        return RulePageModel(
            page: c.chrome(title, root: root), techniqueLinks: techniqueLinks, banner: banner(rule, c), title: title,
            facts: facts, toc: toc, note: Paragraphs(rule.note), description: Paragraphs(rule.description),
            sections: sections, queries: queries, queryProblems: Items(rule.queryProblems.map(DisplayText.line)),
            falsepositives: Items(rule.falsepositives.map(DisplayText.line)), scenarios: scenarios,
            related: Items(related), history: history, references: Items(references),
            yaml: CodeModel(anchor: "sigma-yaml", label: "Sigma YAML", languageClass: "yaml", text: SiteContext.codeText(rule.yaml)))
    }

    static func attackFact(_ label: String, _ refs: [GuideAttackRef], _ c: SiteContext, root: String, pages: Bool) -> FactModel {
        guard !refs.isEmpty else { return FactModel(label: label, value: "—", links: [], texts: []) }
        var links: [LinkModel] = []
        var texts: [String] = []
        for ref in refs {
            let id = ref.id.uppercased()
            let text = DisplayText.line(ref.name.isEmpty || ref.name == ref.id ? ref.id : "\(ref.id) \(ref.name)")
            if pages, c.techniquePages.contains(id) {
                links.append(LinkModel(href: root + SiteBuilder.techniqueFile(id), text: text))
            } else if let url = ref.url.flatMap(DisplayText.webURL) {
                links.append(LinkModel(href: url, text: text, external: true))
            } else {
                texts.append(text)
            }
        }
        return FactModel(label: label, value: nil, links: links, texts: texts)
    }

    static func banner(_ rule: GuideRule, _ c: SiteContext) -> String? {
        let status = (rule.status ?? "").lowercased()
        guard status == "deprecated" || status == "unsupported" else { return nil }
        var text = "This rule is \(status)."
        let replacements = (c.input.extras.related[rule.id] ?? []).filter {
            $0.direction == "incoming" && ["obsolete", "merged", "renamed"].contains($0.type)
        }
        if !replacements.isEmpty {
            text += " Replaced by " + replacements.map { DisplayText.line($0.title ?? $0.id) + " (\($0.id))" }.joined(separator: ", ") + "."
        }
        return text
    }

    static func scenario(_ s: GuideScenario, number: Int) -> ScenarioModel {
        var codes: [CodeModel] = []
        let base = "scenario-\(number)"
        if !s.exampleFilter.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            codes.append(CodeModel(anchor: base + "-example", label: "Example filter (the author's sketch)",
                                   languageClass: SiteContext.languageClass(s.exampleLanguage), text: SiteContext.codeText(s.exampleFilter)))
        }
        if let yaml = s.filterYAML, !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            codes.append(CodeModel(anchor: base + "-filter", label: "Sigma filter", languageClass: "yaml", text: SiteContext.codeText(yaml)))
        }
        for (i, query) in s.tunedQueries.enumerated() {
            codes.append(CodeModel(anchor: base + "-tuned-\(i + 1)", label: "Tuned query — " + DisplayText.line(RuleSection.queryTitle(query)),
                                   languageClass: SiteContext.languageClass(query.language), text: SiteContext.codeText(query.text)))
        }
        var credits: [String] = []
        if let author = s.author.map(DisplayText.line), !author.isEmpty { credits.append("Author: " + author) }
        if let created = s.created.map(DisplayText.line), !created.isEmpty { credits.append("created " + created) }
        if let updated = s.updated.map(DisplayText.line), !updated.isEmpty, s.updated != s.created { credits.append("updated " + updated) }
        return ScenarioModel(anchor: base, number: number, title: DisplayText.line(s.title), scenarioDescription: Paragraphs(s.description),
                             scenarioExclusion: Paragraphs(s.exclusion), codes: codes, problems: Items(s.tuningProblems.map(DisplayText.line)),
                             credits: credits.isEmpty ? nil : credits.joined(separator: ", "))
    }

    static func history(_ t: RuleTimeline) -> HistoryModel {
        var facts = ["status \(t.status ?? "none")"]
        if let source = t.source { facts.append("source \(source)") }
        if t.removed { facts.append("removed from its source") }
        if let local = t.localStatus { facts.append("local status \(local)" + (t.localNote.map { " (\($0))" } ?? "")) }
        let rows = t.events.map { e in
            var commit = e.commit.map { String($0.prefix(12)) } ?? ""
            if let tag = e.tag { commit += commit.isEmpty ? tag : " (\(tag))" }
            return HistoryRowModel(date: String(e.at.prefix(10)), run: e.importRun.map { "#\($0)" } ?? "local",
                                   commit: DisplayText.line(commit), kind: DisplayText.line(e.kind),
                                   change: DisplayText.line(HistoryText.change(e)))
        }
        return HistoryModel(facts: DisplayText.line(facts.joined(separator: " · ")), events: Items(rows))
    }
}
