import GRDB

/// Follows `related:` both ways, so a deprecated rule names its replacement (SigmaHQ writes `obsolete` on the
/// new rule, pointing at the old one).
public enum RelatedRules {
    public static func links(_ db: Database, id: String) throws -> [RelatedLink] {
        let key = id.lowercased()
        var links: [RelatedLink] = []
        let outgoing = try Row.fetchAll(db, sql: """
            SELECT lower(x.related_id) AS other, x.type, r.title, r.status,
                   EXISTS (SELECT 1 FROM rule_lifecycle l WHERE l.rule_id = r.id AND l.removed_run IS NOT NULL) AS removed
            FROM rule_related x LEFT JOIN rule r ON r.id = lower(x.related_id)
            WHERE x.rule_id = ? ORDER BY x.position
            """, arguments: [key])
        for row in outgoing {
            let type: String = row["type"]
            links.append(RelatedLink(id: row["other"], type: type, direction: "outgoing", phrase: phrase(type, outgoing: true),
                                     title: row["title"], status: row["status"], removed: row["removed"] ?? false))
        }
        let incoming = try Row.fetchAll(db, sql: """
            SELECT x.rule_id AS other, x.type, r.title, r.status,
                   EXISTS (SELECT 1 FROM rule_lifecycle l WHERE l.rule_id = r.id AND l.removed_run IS NOT NULL) AS removed
            FROM rule_related x JOIN rule r ON r.id = x.rule_id
            WHERE x.related_id IN (?, ?) AND x.rule_id <> ? ORDER BY r.title, x.rule_id
            """, arguments: [key, key.uppercased(), key])
        for row in incoming {
            let type: String = row["type"]
            links.append(RelatedLink(id: row["other"], type: type, direction: "incoming", phrase: phrase(type, outgoing: false),
                                     title: row["title"], status: row["status"], removed: row["removed"] ?? false))
        }
        return links
    }

    /// Rules that replace this one (incoming obsolete / merged / renamed links).
    public static func replacements(_ db: Database, id: String) throws -> [RelatedLink] {
        try links(db, id: id).filter { $0.direction == "incoming" && ["obsolete", "merged", "renamed"].contains($0.type) }
    }

    static func phrase(_ type: String, outgoing: Bool) -> String {
        switch (type.lowercased(), outgoing) {
        case ("derived", true): "derived from"
        case ("derived", false): "has derived rule"
        case ("obsolete", true): "replaces"
        case ("obsolete", false): "replaced by"
        case ("merged", true): "merged from"
        case ("merged", false): "merged into"
        case ("renamed", true): "renamed from"
        case ("renamed", false): "renamed to"
        case ("similar", _): "similar to"
        default: outgoing ? "related (\(type)) to" : "related (\(type)) from"
        }
    }
}
