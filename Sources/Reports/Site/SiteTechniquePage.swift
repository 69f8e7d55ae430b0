import CatalogModel

/// One page per technique: facts, sub-techniques, hunting note, extra guide sections, the rule table.
enum SiteTechniquePage {
    static func model(_ id: String, _ c: SiteContext) -> TechniquePageModel {
        let index = c.index
        let info = c.input.corpus.techniques[id]
        let parent = index.parent(of: id).flatMap { p in
            c.techniquePages.contains(p) ? LinkModel(href: "../" + SiteBuilder.techniqueFile(p), text: "\(p) \(c.techniqueTitle(p))") : nil
        }
        let subs = index.subtechniques(of: id).map { sub in
            LinkModel(href: "../" + SiteBuilder.techniqueFile(sub), text: "\(sub) \(c.shortName(sub))")
        }
        let tactics = index.tactics(of: id).map { DisplayText.line("\($0.name) (\($0.id))") }
        let rules = index.rules(for: id)
        let name = c.techniqueTitle(id)
        return TechniquePageModel(
            page: c.chrome("\(id) \(name)", root: "../"), id: id, name: name == id ? "" : name, parent: parent,
            tactics: tactics, attackURL: (info?.url ?? GuideBook.attackURL(id)).flatMap(DisplayText.webURL),
            ruleCount: "\(rules.count) rule\(rules.count == 1 ? "" : "s")", subtechniques: Items(subs),
            note: Paragraphs(info?.note), sections: SiteSections.models(c.input.techniqueSections[id] ?? [], prefix: "t"),
            rules: rules.map { row($0, c) })
    }

    static func untaggedModel(_ c: SiteContext) -> TechniquePageModel {
        let rules = c.index.untagged
        return TechniquePageModel(
            page: c.chrome("Rules without an ATT&CK technique", root: "../"), id: nil, name: "Rules without an ATT&CK technique",
            parent: nil, tactics: [], attackURL: nil, ruleCount: "\(rules.count) rule\(rules.count == 1 ? "" : "s")",
            subtechniques: nil, note: nil, sections: [], rules: rules.map { row($0, c) })
    }

    static func row(_ rule: GuideRule, _ c: SiteContext) -> RuleRowModel {
        var languages: [String] = []
        for query in rule.queries where !languages.contains(query.language) { languages.append(query.language) }
        return RuleRowModel(href: "../" + SiteBuilder.ruleFile(rule.id), id: DisplayText.line(rule.id),
                            title: DisplayText.line(rule.title), level: DisplayText.line(rule.level ?? "—"),
                            levelClass: SiteContext.levelClass(rule.level), status: DisplayText.line(rule.status ?? "—"),
                            queries: languages.isEmpty ? "—" : DisplayText.line(languages.joined(separator: ", ")))
    }
}

/// Generic sections turned into template models, with page-unique anchors.
enum SiteSections {
    static func models(_ sections: [SiteSection], prefix: String) -> [SectionModel] {
        sections.enumerated().map { i, section in
            let anchor = "\(prefix)\(i + 1)-" + SiteContext.anchor(section.anchor)
            return SectionModel(anchor: anchor, title: DisplayText.line(section.title),
                                paragraphs: section.paragraphs.map(DisplayText.line),
                                list: Items(section.items.map(DisplayText.line)),
                                codes: section.codes.enumerated().map { j, code in
                                    CodeModel(anchor: "\(anchor)-c\(j + 1)", label: DisplayText.line(code.label),
                                              languageClass: SiteContext.languageClass(code.language),
                                              text: SiteContext.codeText(code.text))
                                })
        }
    }
}
