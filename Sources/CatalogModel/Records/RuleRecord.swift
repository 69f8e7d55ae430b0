import Foundation

/// A row of `rule`: one Sigma rule (or correlation/filter document) with its original text.
public struct RuleRecord: Codable, Sendable, Hashable {
    public var id: String
    public var kind: String
    public var title: String
    public var name: String?
    public var status: String?
    public var level: String?
    public var levelRank: Int
    public var description: String?
    public var author: String?
    public var license: String?
    public var taxonomy: String?
    public var date: String?
    public var modified: String?
    public var logsourceProduct: String?
    public var logsourceCategory: String?
    public var logsourceService: String?
    public var logsourceDefinition: String?
    /// JSON object.
    public var logsourceCustom: String
    /// JSON array.
    public var fields: String
    /// JSON array.
    public var scope: String
    /// JSON object of top-level keys outside the spec.
    public var custom: String
    /// The original file text: the detection is parsed from it when needed (the `detection_json` and
    /// `detection_text` columns of older rows are no longer written: see `RuleRowWriter`).
    public var yaml: String
    public var contentHash: String
    public var sourcePath: String
    public var importedAt: String

    /// Columns that change whenever the rule content changes (everything but bookkeeping).
    public func sameContent(as other: RuleRecord) -> Bool {
        var a = self, b = other
        a.importedAt = ""; b.importedAt = ""
        a.sourcePath = ""; b.sourcePath = ""
        return a == b
    }

    public init(id: String, kind: String, title: String, name: String? = nil, status: String? = nil, level: String? = nil, levelRank: Int, description: String? = nil, author: String? = nil, license: String? = nil, taxonomy: String? = nil, date: String? = nil, modified: String? = nil, logsourceProduct: String? = nil, logsourceCategory: String? = nil, logsourceService: String? = nil, logsourceDefinition: String? = nil, logsourceCustom: String, fields: String, scope: String, custom: String, yaml: String, contentHash: String, sourcePath: String, importedAt: String) {
        self.id = id
        self.kind = kind
        self.title = title
        self.name = name
        self.status = status
        self.level = level
        self.levelRank = levelRank
        self.description = description
        self.author = author
        self.license = license
        self.taxonomy = taxonomy
        self.date = date
        self.modified = modified
        self.logsourceProduct = logsourceProduct
        self.logsourceCategory = logsourceCategory
        self.logsourceService = logsourceService
        self.logsourceDefinition = logsourceDefinition
        self.logsourceCustom = logsourceCustom
        self.fields = fields
        self.scope = scope
        self.custom = custom
        self.yaml = yaml
        self.contentHash = contentHash
        self.sourcePath = sourcePath
        self.importedAt = importedAt
    }
}
