import GRDB

/// The ADS-style sections of rules (`guide_ads`), imported with notes from guide files.
enum ADSStore {
    static func upsert(_ db: Database, rule: String, _ ads: GuideADS) throws -> GuideImportSummary {
        let before = try all(db, rule: rule)[rule]
        if before == ads { return GuideImportSummary(unchanged: 1) }
        if ads.isEmpty {
            try db.execute(sql: "DELETE FROM guide_ads WHERE rule_id = ?", arguments: [rule])
        } else {
            try db.execute(sql: """
                INSERT INTO guide_ads (rule_id, goal, blind_spots, validation, response, priority) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (rule_id) DO UPDATE SET goal = excluded.goal, blind_spots = excluded.blind_spots,
                  validation = excluded.validation, response = excluded.response, priority = excluded.priority
                """, arguments: [rule, ads.goal, ads.blindSpots, ads.validation, ads.response, ads.priority])
        }
        return before == nil ? GuideImportSummary(added: 1) : GuideImportSummary(updated: 1)
    }

    /// Sections by rule id (one rule, or all).
    static func all(_ db: Database, rule: String? = nil) throws -> [String: GuideADS] {
        let sql = "SELECT * FROM guide_ads" + (rule == nil ? "" : " WHERE rule_id = ?")
        var out: [String: GuideADS] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: rule.map { [$0] } ?? []) {
            out[row["rule_id"]] = GuideADS(goal: row["goal"], blindSpots: row["blind_spots"], validation: row["validation"],
                                           response: row["response"], priority: row["priority"])
        }
        return out
    }
}
