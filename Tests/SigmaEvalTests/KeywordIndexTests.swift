import SigmaEval
import SigmaKit
import Testing

/// Keyword rules are filed under the substrings their keywords need in some field (one automaton pass
/// over every field), so they are no longer tested against every event; matching stays the rule's own.
@Suite struct KeywordIndexTests {
    func brute(_ rules: [SigmaRule], _ fields: [String: String]) throws -> [Int] {
        try rules.indices.filter { try matches(rules[$0], fields) }
    }

    let rules = [
        rule("""
                keywords:
                    - 'sekurlsa::'
                    - 'Kiwi Legit*Printer'
                condition: keywords
            """),
        rule("""
                keywords:
                    '|all':
                        - 'delete'
                        - 'shadows'
                condition: keywords
            """),
        rule("""
                keywords:
                    - 'mimikatz'
                filter:
                    EventID: 15
                condition: keywords and not filter
            """),
        // A cased keyword has no lower-case text to file it under: tested on every event.
        rule("""
                keywords:
                    '|cased':
                        - 'ÄRGER'
                condition: keywords
            """),
        // Keyword or field: either text holds the requirement.
        rule("""
                keywords:
                    - 'evil.ps1'
                selection:
                    Image|endswith: '\\\\good.exe'
                condition: keywords or selection
            """),
        // A number keyword: not filed.
        rule("""
                keywords:
                    - 4711
                condition: keywords
            """),
    ]

    @Test func keywordRulesAreIndexedAndAgreeWithTheRules() throws {
        let set = RuleSet(rules: rules, mode: .detection)
        #expect(set.refused.isEmpty)
        #expect(set.unindexedCount == 2)
        let events: [[String: String]] = [
            ["CommandLine": "m.exe SEKURLSA::logonpasswords"],
            ["Message": "a kiwi legit HP printer"],
            ["Message": "Kiwi Legit"],
            ["CommandLine": "vssadmin delete", "Details": "shadows"],
            ["CommandLine": "vssadmin delete shadows"],
            ["CommandLine": "vssadmin delete"],
            ["CommandLine": "MimiKatz", "EventID": "15"],
            ["CommandLine": "MimiKatz", "EventID": "1"],
            ["Unnamed": "der ÄRGER"],
            ["Unnamed": "der ärger"],
            ["ScriptBlockText": "iex evil.PS1"],
            ["Image": "C:\\x\\GOOD.exe"],
            ["Image": "C:\\x\\bad.exe"],
            ["Count": "4711"],
            ["Count": "47110"],
            ["Name": "\u{212A}iwi Legit printer"],
        ]
        for fields in events {
            #expect(set.matches(Event(fields: fields)) == (try brute(rules, fields)), "\(fields)")
        }
        #expect(set.matches(Event(fields: ["CommandLine": "vssadmin delete", "Details": "shadows"])) == [1])
        #expect(set.matches(Event(fields: ["CommandLine": "MimiKatz", "EventID": "1"])) == [2])
        #expect(set.matches(Event(fields: ["Unnamed": "der ÄRGER"])) == [3])
        #expect(set.matches(Event(fields: ["Count": "4711"])) == [5])
        #expect(set.matches(Event(fields: ["Image": "C:\\x\\GOOD.exe"])) == [4])
        // KELVIN SIGN lower-cases to 'k': the keyword matches, so the index must let it through.
        #expect(set.matches(Event(fields: ["Name": "\u{212A}iwi Legit printer"])) == [0])
    }

    @Test func keywordsInFlatRecordsSeeFieldsNoRuleNames() throws {
        let set = RuleSet(rules: rules, mode: .detection)
        var matcher = EventMatcher(set)
        // Fields no rule names are still searched by keywords, in the first record and later ones.
        #expect(matcher.matches(Event(fields: ["Zzz": "x sekurlsa::y"])) == [0])
        #expect(matcher.matches(Event(fields: ["Yyy": "evil.ps1", "Zzz": "q"])) == [4])
        #expect(matcher.matches(Event(fields: ["Zzz": "q"])) == [])
    }
}
