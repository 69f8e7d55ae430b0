import ArgumentParser
import Catalog
@testable import huntkb
import Testing

/// `search` arguments read by hand (QuickSearch) mean what the argument parser makes of them; anything unusual
/// is left to the parser.
@Suite struct SearchQuickParseTests {
    /// The query, catalog and format the argument parser reads from `arguments`.
    static func parsed(_ arguments: [String]) throws -> (RuleQuery, String?, ListFormat?) {
        let command = try SearchCommand.parse(arguments)
        var query = try command.filters.query()
        query.limit = command.limit
        return (query, command.database.db, command.format)
    }

    @Test(arguments: [
        ["--technique", "T1059"],
        ["--technique", "T1059", "--limit", "50", "--format", "json"],
        ["crontab", "--format=csv", "--limit=5"],
        ["--tactic", "persistence", "--product", "linux", "--modified-since", "2024-06-01", "--format", "table"],
        ["--technique", "T1053", "--status", "stable", "--level", "high", "--level", "critical", "--include-removed"],
        ["--author", "Florian", "--category", "process_creation", "--service", "sysmon", "--modified-before", "2025-01-01"],
        ["--source", "sigma", "--local-status", "none", "--db", "/tmp/x.sqlite", "6b14"],
        ["--limit", "007", "--technique=attack.t1059.001"],
        [],
    ])
    func quickReadsWhatTheParserReads(_ arguments: [String]) throws {
        let quick = try #require(QuickSearch.parse(plain: arguments[...]))
        let (query, db, format) = try Self.parsed(arguments)
        #expect(quick.query == query)
        #expect(quick.db == db)
        #expect(quick.format == format)
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--technique"], ["--limit", "-1"], ["--limit", "x"], ["--format", "yaml"],
        ["a", "b"], ["--", "text"], ["--db", "a", "--db", "b"], ["--unknown", "x"], ["--include-removed=yes"],
        ["--technique", "--level"], ["-x"], [""], ["--technique="], ["--include-removed", "--include-removed"],
    ])
    func unusualArgumentsGoToTheParser(_ arguments: [String]) {
        #expect(QuickSearch.parse(plain: arguments[...]) == nil)
    }
}
