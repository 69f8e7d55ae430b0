import CatalogModel
import Foundation

/// The text layout of `attack show`.
public enum AttackText {
    /// A technique: names, tactics, platforms, link, deprecation and sub-techniques.
    public static func render(_ t: AttackTechniqueInfo) -> String {
        var out = "\(t.id) \(t.parent.map { "\($0.name ?? $0.id): " } ?? "")\(t.name)\n"
        func line(_ label: String, _ value: String) {
            guard !value.isEmpty else { return }
            out += (label + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + value + "\n"
        }
        line("Name", t.name)
        if let parent = t.parent { line("Parent", "\(parent.id)" + (parent.name.map { " \($0)" } ?? "")) }
        line("Tactics", t.tactics.map { "\($0.name ?? $0.id) (\($0.id))" }.joined(separator: ", "))
        line("Platforms", t.platforms.joined(separator: ", "))
        line("URL", t.url ?? "")
        if t.deprecated { line("Deprecated", "yes") }
        if t.revoked {
            line("Revoked", t.revokedBy.map { "yes, replaced by \($0.id)" + ($0.name.map { " \($0)" } ?? "") } ?? "yes")
        }
        if !t.subtechniques.isEmpty {
            out += "Sub-techniques:\n"
            for sub in t.subtechniques { out += "  \(sub.id) \(sub.name ?? "")\n" }
        }
        line("ATT&CK", t.attackVersion)
        return out
    }

    /// A tactic: id, name, short name and link.
    public static func tactic(id: String, name: String, shortName: String, url: String?) -> String {
        "\(id) \(name)\nShort name:   \(shortName)\nURL:          \(url ?? "")\n"
    }
}
