import CatalogModel

/// The index: summary, coverage image, tactics with their techniques, latest changes.
enum SiteIndexPage {
    /// Rows shown per change group; `huntkb changes` has the rest.
    static let changeRowsPerGroup = 25

    static func model(_ c: SiteContext) -> IndexModel {
        let index = c.index
        let corpus = c.input.corpus
        // Tactic order: the corpus's matrix order, then any other tactic seen, then techniques without one.
        var order: [GuideAttackRef] = corpus.tactics
        var seen = Set(order.map(\.id))
        var byTactic: [String: [String]] = [:]
        var noTactic: [String] = []
        for id in index.pageIDs {
            let tactics = index.tactics(of: id)
            if tactics.isEmpty { noTactic.append(id) }
            for tactic in tactics {
                byTactic[tactic.id, default: []].append(id)
                if !seen.contains(tactic.id) { seen.insert(tactic.id); order.append(tactic) }
            }
        }
        var tactics: [TacticModel] = []
        for tactic in order {
            guard let ids = byTactic[tactic.id] else { continue }
            tactics.append(tacticModel(anchor: "tactic-" + SiteContext.anchor(tactic.id), id: tactic.id,
                                       name: DisplayText.line(tactic.name), ids: ids, c))
        }
        if !noTactic.isEmpty {
            tactics.append(tacticModel(anchor: "tactic-none", id: nil, name: "Techniques without a known tactic",
                                       ids: noTactic, c))
        }
        let rules = corpus.rules.count
        let summary = "\(rules) rule\(rules == 1 ? "" : "s") on \(index.pageIDs.count) technique page"
            + "\(index.pageIDs.count == 1 ? "" : "s"). Search by title, rule id, technique or tag."
        let coverage = c.input.coverageSVG.map { _ in
            CoverageModel(file: SiteBuilder.coverageFile, alt: "ATT&CK matrix heatmap: techniques coloured by the number of rules")
        }
        let untagged = index.untagged.isEmpty ? nil
            : UntaggedModel(href: SiteBuilder.untaggedFile, text: "Rules without an ATT&CK technique", count: index.untagged.count)
        return IndexModel(page: c.chrome(c.input.title, root: ""), heading: DisplayText.line(c.input.title), summary: summary,
                          coverage: coverage, tactics: tactics, untagged: untagged,
                          changes: c.input.extras.latestChanges.map { changes($0, c) })
    }

    static func tacticModel(anchor: String, id: String?, name: String, ids: [String], _ c: SiteContext) -> TacticModel {
        let ruleCount = Set(ids.flatMap { id in
            (c.index.rules(for: id) + c.index.subtechniques(of: id).flatMap { c.index.rules(for: $0) }).map(\.id)
        }).count
        let links = ids.map { id in
            TechniqueLinkModel(href: SiteBuilder.techniqueFile(id), id: id,
                               name: c.shortName(id),
                               rules: c.ruleTotal(id), sub: c.index.parent(of: id) != nil)
        }
        return TacticModel(anchor: anchor, id: id.map(DisplayText.line), name: name, techniqueCount: ids.count,
                           ruleCount: ruleCount, techniques: links)
    }

    static func changes(_ report: ChangeReport, _ c: SiteContext) -> ChangesModel {
        let runs = report.runs.count > 1 ? report.runs.map { DisplayText.line(ChangeLabels.run($0)) } : []
        let summary: String
        if report.total == 0 {
            summary = "No rule changed."
        } else {
            let parts = report.groups.map { "\($0.count) \(ChangeReportMarkdown.summaryWord($0.kind, count: $0.count))" }
            summary = "\(report.total) change\(report.total == 1 ? "" : "s"): " + parts.joined(separator: ", ") + "."
        }
        let groups = report.groups.map { group in
            let rows = group.rules.prefix(changeRowsPerGroup).map { entry in
                ChangeRowModel(href: c.ruleHref(entry.id, root: ""), id: DisplayText.line(entry.id),
                               title: DisplayText.line(entry.title), change: DisplayText.line(change(entry, kind: group.kind)))
            }
            return ChangeGroupModel(title: ChangeLabels.title(group.kind), count: group.count,
                                    open: group.rules.count <= 10, rows: Array(rows),
                                    more: group.rules.count > changeRowsPerGroup ? group.rules.count - changeRowsPerGroup : nil)
        }
        return ChangesModel(window: DisplayText.line(ChangeLabels.window(report)) + ".", runs: Items(runs),
                            summary: summary, groups: groups)
    }

    static func change(_ e: ChangeEntry, kind: String) -> String {
        switch kind {
        case "added": return "status " + ChangeLabels.value(e.new)
        case "modified": return "\(ChangeLabels.value(e.old)) → \(ChangeLabels.value(e.new)); " + e.fields.joined(separator: ", ")
        case "deprecated": return ChangeLabels.deprecation(e)
        case "removed": return "was " + ChangeLabels.value(e.old) + (e.detail.map { ", last at \($0)" } ?? "")
        case "restored": return "back" + (e.detail.map { " at \($0)" } ?? "")
        default: return "\(ChangeLabels.value(e.old)) → \(ChangeLabels.value(e.new))"
        }
    }
}
