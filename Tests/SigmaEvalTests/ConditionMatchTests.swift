import Testing
import SigmaEval
import SigmaKit

@Suite("Conditions, field names, keywords and log sources")
struct ConditionMatchTests {
    @Test func fieldNamesAreExactCase() throws {
        let r = selection("Image|endswith: '.exe'")
        #expect(try matches(r, ["Image": "a.exe"]))
        #expect(try !matches(r, ["image": "a.exe"]))
    }

    @Test func notOnAnAbsentFieldIsTrue() throws {
        // SQL's three-valued logic makes NOT (absent = x) unknown, so the event is lost there.
        let r = rule("""
                selection:
                    Image|endswith: '.exe'
                filter:
                    ParentImage: 'C:\\explorer.exe'
                condition: selection and not filter
            """)
        #expect(try matches(r, ["Image": "a.exe"]))
        #expect(try !matches(r, ["Image": "a.exe", "ParentImage": "c:\\EXPLORER.exe"]))
    }

    @Test func listsAreOrMapsAreAnd() throws {
        let r = rule("""
                selection:
                    - Image|endswith: '\\a.exe'
                      CommandLine|contains: 'x'
                    - Image|endswith: '\\b.exe'
                condition: selection
            """)
        #expect(try matches(r, ["Image": "c:\\a.exe", "CommandLine": "-x"]))
        #expect(try !matches(r, ["Image": "c:\\a.exe", "CommandLine": "-y"]))
        #expect(try matches(r, ["Image": "c:\\b.exe"]))
    }

    @Test func oneOfAndAllOfPatterns() throws {
        let detection = """
                selection_a:
                    A: '1'
                selection_b:
                    B: '2'
                other:
                    C: '3'
            """
        let oneOf = rule(detection + "\n    condition: 1 of selection_*")
        #expect(try matches(oneOf, ["B": "2"]))
        #expect(try !matches(oneOf, ["C": "3"]))
        let allOf = rule(detection + "\n    condition: all of selection_* and not other")
        #expect(try matches(allOf, ["A": "1", "B": "2"]))
        #expect(try !matches(allOf, ["A": "1", "B": "2", "C": "3"]))
        let them = rule(detection + "\n    condition: all of them")
        #expect(try matches(them, ["A": "1", "B": "2", "C": "3"]))
        #expect(try !matches(them, ["A": "1", "B": "2"]))
    }

    @Test func keywordsSearchEveryField() throws {
        let r = rule("""
                keywords:
                    - 'mimikatz'
                    - 'sekurlsa'
                condition: keywords
            """)
        #expect(try matches(r, ["Message": "ran MIMIKATZ.exe"]))
        #expect(try !matches(r, ["Message": "benign"]))
    }

    @Test func logsourceModeAddsChannelAndEventID() throws {
        let r = selection("Image|endswith: '\\cmd.exe'")
        let sysmon = ["Image": "c:\\cmd.exe", "EventID": "1", "Channel": "Microsoft-Windows-Sysmon/Operational"]
        #expect(try matches(r, sysmon, mode: .logsource))
        #expect(try !matches(r, sysmon.merging(["EventID": "4688"]) { $1 }, mode: .logsource))
        #expect(try matches(r, ["Image": "c:\\cmd.exe"], mode: .detection))
        #expect(try !matches(r, ["Image": "c:\\cmd.exe"], mode: .logsource))
    }

    @Test func logsourceMapping() {
        typealias M = LogsourceMapping
        #expect(M.outcome(for: LogSource(product: "windows", service: "security"))
                == .conditions([.init(field: "Channel", values: ["Security"])]))
        #expect(M.outcome(for: LogSource(category: "ps_script", product: "windows"))
                == .conditions([.init(field: "EventID", values: ["4104"]),
                                .init(field: "Channel", values: ["Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational"])]))
        #expect(M.outcome(for: LogSource(category: "antivirus", product: "windows")) == .notMapped)
        #expect(M.outcome(for: LogSource(category: "process_creation", product: "linux")) == .notWindows)
    }

    @Test func ruleSetIndexesAndFindsCandidates() throws {
        let a = selection("OriginalFileName: 'whoami.exe'")
        let b = selection("Image|endswith: '\\net.exe'")
        let c = selection("CommandLine|contains: 'user'")
        let d = rule("""
                selection_img:
                    - Image|endswith: '\\rundll32.exe'
                    - OriginalFileName: 'RUNDLL32.EXE'
                selection_cli:
                    CommandLine|contains: 'javascript:'
                condition: all of selection_*
            """)
        let set = RuleSet(rules: [a, b, c, d], mode: .logsource)
        #expect(set.rules.count == 4)
        #expect(set.unindexedCount == 0)
        let event = Event(fields: ["EventID": "1", "Channel": "Microsoft-Windows-Sysmon/Operational",
                                   "OriginalFileName": "WHOAMI.EXE", "Image": "c:\\net.exe", "CommandLine": "net user"])
        #expect(set.matches(event) == [0, 1, 2])
        #expect(set.matches(Event(fields: ["OriginalFileName": "whoami.exe"])) == [])
        let rundll = Event(fields: ["EventID": "1", "Channel": "Microsoft-Windows-Sysmon/Operational",
                                    "OriginalFileName": "RUNDLL32.EXE", "Image": "c:\\x\\renamed.exe", "CommandLine": "javascript:alert"])
        #expect(set.matches(rundll) == [3])
        let detection = RuleSet(rules: [a, b, c, d], mode: .detection)
        // Without the log source, rule c is filed under the substring it requires.
        #expect(detection.unindexedCount == 0)
        #expect(detection.matches(Event(fields: ["OriginalFileName": "whoami.exe", "CommandLine": "USER"])) == [0, 2])
        #expect(detection.matches(Event(fields: ["Image": "C:\\Windows\\NET.EXE"])) == [1])
        #expect(detection.matches(Event(fields: ["Image": "C:\\Windows\\rundll32.exe", "CommandLine": "javascript:x"])) == [3])
    }
}
