@testable import Catalog
import SigmaKit
import Testing

/// History comparisons are made on typed values: layout is not a change, every key is compared on its own.
@Suite struct RuleDiffTests {
    static func document(_ yaml: String) throws -> SigmaDocument {
        let file = SigmaParser.parseWithoutWarnings(text: yaml, path: "r.yml")
        return try #require(file.documents.first, "\(file.diagnostics)")
    }

    static let base = Fixtures.rule(id: Fixtures.id(1), title: "Base", tags: ["attack.t1059"], extra: "custom_key: one\n")

    @Test func layoutAndCommentsAreNoChange() throws {
        let moved = "# a comment\n\n" + Self.base.replacingOccurrences(of: "    selection:\n        Image", with: "    selection:\n            Image")
        let diff = RuleDiff.compare(old: try Self.document(Self.base), new: try Self.document(moved))
        #expect(diff.fields.isEmpty)
        #expect(!diff.attackTagsChanged)
    }

    @Test func eachChangedKeyIsNamedInSpecOrder() throws {
        let edited = Fixtures.rule(id: Fixtures.id(1), title: "Edited", level: "high", tags: ["attack.t1053"],
                                   modified: "2024-01-01", extra: "custom_key: two\n", selection: "Image|endswith: '/cron'")
        let diff = RuleDiff.compare(old: try Self.document(Self.base), new: try Self.document(edited))
        #expect(diff.fields == ["title", "modified", "detection", "level", "tags", "custom_key"])
        #expect(diff.attackTagsChanged)
        #expect(diff.oldAttackTags == ["attack.t1059"] && diff.newAttackTags == ["attack.t1053"])
    }

    @Test func aMissingDocumentDiffersInEveryKey() throws {
        let diff = RuleDiff.compare(old: nil, new: try Self.document(Self.base))
        #expect(diff.fields.contains("title") && diff.fields.contains("detection") && !diff.fields.contains("id"))
    }
}
