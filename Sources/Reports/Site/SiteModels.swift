// View models handed to the mustache templates. Every string in them is plain text: the template engine
// escapes it. Every href is built here from ids (page names) or checked by DisplayText.webURL (external).

struct PageChrome {
    let title: String
    /// Prefix from the page to the site root: "" or "../".
    let root: String
    let generatedAt: String?
}

struct LinkModel {
    let href: String
    let text: String
    var external = false
}

struct Items<T> {
    let items: [T]
    init?(_ items: [T]) {
        guard !items.isEmpty else { return nil }
        self.items = items
    }
}

/// Free text as paragraphs; matched backtick pairs become code spans, as in the markdown guides.
struct Paragraphs {
    let paragraphs: [ParagraphModel]
    init?(_ text: String?) {
        guard let text else { return nil }
        var out: [String] = []
        var current: [String] = []
        for line in DisplayText.clean(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { out.append(current.joined(separator: " ")); current = [] }
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { out.append(current.joined(separator: " ")) }
        guard !out.isEmpty else { return nil }
        paragraphs = out.map { ParagraphModel(segments: Segment.split($0)) }
    }
}

struct ParagraphModel {
    let segments: [Segment]
}

struct Segment {
    let text: String
    let code: Bool

    /// "run `crontab -l` first" → text, code, text. An unmatched backtick stays text.
    static func split(_ line: String) -> [Segment] {
        var out: [Segment] = []
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "`") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "`"), close > after else { break }
            if open > rest.startIndex { out.append(Segment(text: String(rest[..<open]), code: false)) }
            out.append(Segment(text: String(rest[after..<close]), code: true))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { out.append(Segment(text: String(rest), code: false)) }
        return out
    }
}

struct CodeModel {
    let anchor: String
    let label: String
    let languageClass: String
    let text: String
}

struct SectionModel {
    let anchor: String
    let title: String
    let paragraphs: [String]
    let list: Items<String>?
    let codes: [CodeModel]
}

// MARK: Index

struct IndexModel {
    let page: PageChrome
    let heading: String
    let summary: String
    let coverage: CoverageModel?
    let tactics: [TacticModel]
    let untagged: UntaggedModel?
    let changes: ChangesModel?
}

struct CoverageModel {
    let file: String
    let alt: String
}

struct TacticModel {
    let anchor: String
    let id: String?
    let name: String
    let techniqueCount: Int
    let ruleCount: Int
    let techniques: [TechniqueLinkModel]
}

struct TechniqueLinkModel {
    let href: String
    let id: String
    let name: String
    let rules: Int
    let sub: Bool
}

struct UntaggedModel {
    let href: String
    let text: String
    let count: Int
}

struct ChangesModel {
    let window: String
    let runs: Items<String>?
    let summary: String
    let groups: [ChangeGroupModel]
}

struct ChangeGroupModel {
    let title: String
    let count: Int
    let open: Bool
    let rows: [ChangeRowModel]
    let more: Int?
}

struct ChangeRowModel {
    let href: String?
    let id: String
    let title: String
    let change: String
}

// MARK: Technique page

struct TechniquePageModel {
    let page: PageChrome
    let id: String?
    let name: String
    let parent: LinkModel?
    let tactics: [String]
    let attackURL: String?
    let ruleCount: String
    let subtechniques: Items<LinkModel>?
    let note: Paragraphs?
    let sections: [SectionModel]
    let rules: [RuleRowModel]
}

struct RuleRowModel {
    let href: String
    let id: String
    let title: String
    let level: String
    let levelClass: String
    let status: String
    let queries: String
}

// MARK: Rule page

struct RulePageModel {
    let page: PageChrome
    let techniqueLinks: [LinkModel]
    let banner: String?
    let title: String
    let facts: [FactModel]
    let toc: [TocModel]
    let note: Paragraphs?
    let description: Paragraphs?
    let sections: [SectionModel]
    let queries: [CodeModel]
    let queryProblems: Items<String>?
    let falsepositives: Items<String>?
    let scenarios: [ScenarioModel]
    let related: Items<RelatedModel>?
    let history: HistoryModel?
    let references: Items<ReferenceModel>?
    let yaml: CodeModel
}

struct FactModel {
    let label: String
    let value: String?
    let links: [LinkModel]
    let texts: [String]
}

struct TocModel {
    let anchor: String
    let text: String
}

struct ScenarioModel {
    let anchor: String
    let number: Int
    let title: String
    // Non-optional on purpose: a missing mustache key would be looked up on the enclosing page instead.
    let scenarioDescription: Paragraphs?
    let scenarioExclusion: Paragraphs?
    let codes: [CodeModel]
    let problems: Items<String>?
    let credits: String?
}

struct RelatedModel {
    let phrase: String
    let href: String?
    let title: String
    let id: String
    let linkNote: String?
}

struct HistoryModel {
    let facts: String
    let events: Items<HistoryRowModel>?
}

struct HistoryRowModel {
    let date: String
    let run: String
    let commit: String
    let kind: String
    let change: String
}

struct ReferenceModel {
    let href: String?
    let text: String
}
