import SigmaEval
import SigmaKit
import Testing

/// The rule index files substring-only rules under their literals (one automaton pass per field): a rule is
/// a candidate exactly when a literal it requires occurs, and matching stays that of the rule alone.
@Suite struct RuleIndexTests {
    /// Every rule of `set` that matches `fields` on its own, for comparing with the indexed answer.
    func brute(_ rules: [SigmaRule], _ fields: [String: String]) throws -> [Int] {
        try rules.indices.filter { try matches(rules[$0], fields) }
    }

    @Test func overlappingLiteralsAreAllFound() throws {
        // The textbook case for failure links: "ushers" holds "she", "he" and "hers".
        let rules = ["he", "she", "his", "hers"].map { selection("CommandLine|contains: '\($0)'") }
        let set = RuleSet(rules: rules, mode: .detection)
        #expect(set.unindexedCount == 0)
        #expect(set.matches(Event(fields: ["CommandLine": "USHERS"])) == [0, 1, 3])
        #expect(set.matches(Event(fields: ["CommandLine": "this"])) == [2])
        #expect(set.matches(Event(fields: ["CommandLine": "xyz"])) == [])
        // The literal must be in the rule's own field.
        #expect(set.matches(Event(fields: ["Image": "ushers"])) == [])
    }

    @Test func shapesIndexedBySubstringAgreeWithTheRules() throws {
        let rules = [
            rule("""
                    selection:
                        CommandLine|contains|all:
                            - ' -enc '
                            - 'hidden'
                    condition: selection
                """),
            selection("CommandLine|startswith: 'rundll32'"),
            selection("CommandLine|endswith: '.ps1'"),
            selection("CommandLine: '*comsvcs*minidump*'"),
            selection("CommandLine|contains: 'ÄRGER'"),
            selection("CommandLine|contains|windash: '-urlcache'"),
            rule("""
                    selection:
                        CommandLine|contains: 'vssadmin'
                    filter:
                        CommandLine|contains: 'list'
                    condition: selection and not filter
                """),
            // Only a negation: nothing to file it under, so it is tested on every event.
            rule("""
                    filter:
                        CommandLine|contains: 'benign'
                    condition: not filter
                """),
        ]
        let set = RuleSet(rules: rules, mode: .detection)
        #expect(set.unindexedCount == 1)
        let events: [[String: String]] = [
            ["CommandLine": "powershell -w HIDDEN -enc AAAA"],
            ["CommandLine": "powershell -enc AAAA"],
            ["CommandLine": "RUNDLL32.EXE comsvcs.dll, MiniDump 624 out.dmp full"],
            ["CommandLine": "x rundll32"],
            ["CommandLine": "C:\\scripts\\a.PS1"],
            ["CommandLine": "echo ärger"],
            ["CommandLine": "certutil /urlcache -f http://x"],
            ["CommandLine": "vssadmin delete shadows"],
            ["CommandLine": "vssadmin list shadows benign"],
            ["Image": "c:\\x.exe"],
        ]
        for fields in events {
            #expect(set.matches(Event(fields: fields)) == (try brute(rules, fields)), "\(fields)")
        }
        #expect(set.matches(Event(fields: ["CommandLine": "certutil /urlcache -f http://x"])) == [5, 7])
    }

    @Test func manyRulesShareALiteral() throws {
        let rules = (0..<130).map { i in selection("CommandLine|contains: '\(i % 2 == 0 ? "mimikatz" : "sekurlsa::")'") }
        let set = RuleSet(rules: rules, mode: .detection)
        let hits = set.matches(Event(fields: ["CommandLine": "m.exe sekurlsa::logonpasswords"]))
        #expect(hits == Array(stride(from: 1, to: 130, by: 2)))
        #expect(set.matches(Event(fields: ["CommandLine": "MIMIKATZ sekurlsa::x"])).count == 130)
    }

    @Test func regexRulesAreFiledUnderTheTextTheyRequire() throws {
        let patterns = [
            #"\\rundll32\.exe\s+\S+,#\d+"#,        // the run "\\rundll32.exe"
            #"-e(nc|ncodedcommand)? [a-z0-9+/]{20,}"#, // only "-e" outside the group: too short, not filed
            #"abc+defg?h"#,                               // "abc": the repeated 'c' and the optional 'g' end runs
            #"^(?i)PowerShell"#,                          // inline flags: not filed
            #"foo|bar(baz|qux)"#,                         // "foo" or "bar"
            #"[xyz]{2}qwerty{1,3}"#,                     // "qwert", not the count
        ]
        let rules = patterns.map { selection("CommandLine|re: '\($0)'") }
        let set = RuleSet(rules: rules, mode: .detection)
        #expect(set.unindexedCount == 2)
        let values = ["C:\\x\\RUNDLL32.EXE a.dll,#1", "c:\\x\\rundll32.exe a.dll", "-enc AAAAAAAAAAAAAAAAAAAAAAAA", "abccdefh", "abcdefgh", "abdefh", "abcdeh",
                      "powershell", "xx foo", "barbaz", "barqux", "bar", "fo", "xyqwertyy", "qwerty", "xyQWERTY", "x2qwert"]
        for v in values {
            let fields = ["CommandLine": v]
            #expect(set.matches(Event(fields: fields)) == (try brute(rules, fields)), "\(v)")
        }
        #expect(set.matches(Event(fields: ["CommandLine": "abccdefh"])) == [2])
        #expect(set.matches(Event(fields: ["CommandLine": "xyqwertyy"])) == [5])
        #expect(set.matches(Event(fields: ["CommandLine": "a barqux"])) == [4])
        #expect(set.matches(Event(fields: ["CommandLine": "a bar"])) == [])
        #expect(set.matches(Event(fields: ["CommandLine": "C:\\x\\RUNDLL32.EXE a.dll,#1"])) == [])
        #expect(set.matches(Event(fields: ["CommandLine": "c:\\x\\rundll32.exe a.dll,#1"])) == [0])
    }
}
