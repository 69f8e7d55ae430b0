@testable import Catalog
import Foundation
import GRDB
import Testing

/// A search with a limit walks the rules in result order and stops; the result is the full result's start.
@Suite struct SearchOrderWalkTests {
    /// Rules of every level, sharing titles (so the id decides ties), over a parent technique and its subs.
    static func catalog() throws -> AppDatabase {
        let levels = ["informational", "low", "medium", "high", "critical"]
        let tags = [["attack.t1059"], ["attack.t1059.001"], ["attack.t1053.003"], ["attack.t1059.003", "attack.execution"], []]
        var rules: [(String, String)] = []
        for n in 1...40 {
            rules.append(("r\(n).yml", Fixtures.rule(id: Fixtures.id(n), title: "Rule \(n % 7)", level: levels[n % 5],
                                                     tags: tags[n % tags.count])))
        }
        return try Fixtures.catalog(rules, seed: true).0
    }

    @Test func aLimitedSearchIsTheStartOfTheFullOne() throws {
        let db = try Self.catalog()
        let queries: [(inout RuleQuery) -> Void] = [
            { $0.techniques = ["T1059"] },
            { $0.techniques = ["T1059.001", "T1053"] },
            { $0.tactics = ["execution"] },
            { $0.levels = ["high", "critical"] },
            { _ in },
        ]
        for configure in queries {
            let full = try Fixtures.ids(db, configure)
            #expect(!full.isEmpty)
            for limit in [0, 1, 3, 7, full.count, full.count + 5] {
                let limited = try Fixtures.ids(db) { configure(&$0); $0.limit = limit }
                #expect(limited == Array(full.prefix(limit)), "limit \(limit)")
            }
        }
        // A parent technique is itself and its sub-techniques, nothing else.
        #expect(try Fixtures.ids(db) { $0.techniques = ["T1059"] }.count == 24)
    }

    @Test func theWalkAndTheTechniqueRangeAreWhatSQLiteRuns() throws {
        let db = try Self.catalog()
        func plan(_ configure: (inout RuleQuery) -> Void) throws -> String {
            var query = RuleQuery()
            configure(&query)
            return try db.writer.read { db in
                let (sql, arguments) = try RuleSearch.statement(db, query)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String? ?? "" }.joined(separator: " | ")
            }
        }
        let limited = try plan { $0.techniques = ["T1059"]; $0.limit = 50 }
        #expect(limited.contains("SCAN r USING INDEX rule_rank_title_id") && !limited.contains("TEMP B-TREE FOR ORDER BY"), "\(limited)")
        // One index range per technique: an OR of ranges made SQLite collect tag keys in a temporary set.
        #expect(!limited.contains("MULTI-INDEX OR"), "\(limited)")
        let two = try plan { $0.techniques = ["T1059", "T1053.003"] }
        #expect(!two.contains("MULTI-INDEX OR"), "\(two)")
        // A text search keeps the planner's choice.
        let text = try plan { $0.text = "rule"; $0.limit = 5 }
        #expect(!text.contains("rule_rank_title_id"), "\(text)")
    }
}
