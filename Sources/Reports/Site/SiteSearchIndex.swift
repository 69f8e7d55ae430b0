import CatalogModel
import Foundation

/// The client-side search index: one entry per rule and per technique page.
enum SiteSearchIndex {
    struct Entry: Encodable {
        var kind: String
        var id: String
        var title: String
        /// Relative to the site root; built from ids only.
        var url: String
        var level: String?
        var status: String?
        var techniques: [String]
        var tags: [String]
    }

    static func entries(_ c: SiteContext) -> [Entry] {
        var out: [Entry] = []
        for id in c.index.pageIDs {
            let tactics = c.index.tactics(of: id).flatMap { [$0.id, $0.name] }.map(DisplayText.line)
            out.append(Entry(kind: "technique", id: id, title: DisplayText.line("\(id) \(c.techniqueTitle(id))"),
                             url: SiteBuilder.techniqueFile(id), level: nil, status: nil, techniques: [id], tags: tactics))
        }
        for rule in c.input.corpus.rules.sorted(by: { $0.id < $1.id }) {
            var techniques: [String] = []
            for ref in rule.techniques where !techniques.contains(ref.id.uppercased()) { techniques.append(ref.id.uppercased()) }
            out.append(Entry(kind: "rule", id: DisplayText.line(rule.id), title: DisplayText.line(rule.title),
                             url: SiteBuilder.ruleFile(rule.id), level: rule.level.map(DisplayText.line),
                             status: rule.status.map(DisplayText.line), techniques: techniques,
                             tags: (c.input.extras.tags[rule.id] ?? []).map(DisplayText.line)))
        }
        return out
    }

    /// `{"generator":"huntkb site","version":1,"entries":[...]}`, one entry per line for readable diffs.
    static func json(_ c: SiteContext) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out = SiteBuilder.jsonMarker + #""version":1,"entries":["# + "\n"
        let entries = entries(c)
        for (i, entry) in entries.enumerated() {
            out += String(decoding: try encoder.encode(entry), as: UTF8.self) + (i == entries.count - 1 ? "\n" : ",\n")
        }
        return out + "]}\n"
    }

    /// The same JSON as a script, because browsers refuse to fetch a JSON file from a `file:` page.
    static func script(_ json: String) -> String {
        SiteBuilder.scriptMarker + "\nwindow.huntkbSearchIndex = " + json.trimmingCharacters(in: .newlines) + ";\n"
    }
}
