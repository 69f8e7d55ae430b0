import CatalogModel

/// Everything a site shows, in plain values: the guide corpus plus history, related rules, search tags and
/// the latest changes.
public struct SiteInput: Sendable {
    public var corpus: GuideCorpus
    public var extras: SiteExtras
    /// The ATT&CK coverage heatmap (an SVG document from the coverage report), shown on the index as an image.
    public var coverageSVG: String?
    /// Extra sections per rule id, rendered after the description (hunt guide sections as they are added).
    public var ruleSections: [String: [SiteSection]]
    /// Extra sections per technique id, rendered before the rule table (a hunt plan, for instance).
    public var techniqueSections: [String: [SiteSection]]
    /// The generated-at line's timestamp; nil leaves it out (byte-identical output).
    public var generatedAt: String?
    public var title: String

    public init(corpus: GuideCorpus, extras: SiteExtras = SiteExtras(), coverageSVG: String? = nil,
                ruleSections: [String: [SiteSection]] = [:], techniqueSections: [String: [SiteSection]] = [:],
                generatedAt: String? = nil, title: String = "HuntKB hunt guides") {
        self.corpus = corpus
        self.extras = extras
        self.coverageSVG = coverageSVG
        self.ruleSections = ruleSections
        self.techniqueSections = techniqueSections
        self.generatedAt = generatedAt
        self.title = title
    }
}

/// A generic page section (title, paragraphs, a list, code blocks), so new guide content needs no new template.
public struct SiteSection: Sendable, Hashable {
    public var anchor: String
    public var title: String
    public var paragraphs: [String]
    public var items: [String]
    public var codes: [SiteCode]

    public init(anchor: String, title: String, paragraphs: [String] = [], items: [String] = [], codes: [SiteCode] = []) {
        self.anchor = anchor
        self.title = title
        self.paragraphs = paragraphs
        self.items = items
        self.codes = codes
    }
}

/// A code block with a label and a copy button.
public struct SiteCode: Sendable, Hashable {
    public var label: String
    /// Language tag, e.g. `kql`, `spl`, `yaml`.
    public var language: String
    public var text: String

    public init(label: String, language: String, text: String) {
        self.label = label
        self.language = language
        self.text = text
    }
}

/// One file of the site: its path relative to the output folder and its bytes.
public struct SiteFile: Sendable, Hashable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
