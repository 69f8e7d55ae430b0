import ArgumentParser
import Catalog
import Foundation
import Reports
import SigmaEval
import SigmaKit

/// `huntkb test`: proves rules and their false-positive exclusions on their sample events.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check rules on their sample events: attack samples match, exclusions remove only the benign ones.",
        discussion: """
            Per rule chosen by the search filters (default: every rule with sample events): each attack sample \
            matches with its match_count; the tuned rule (rule and not each scenario's filter) still matches \
            it; each scenario's benign samples are matched by the rule and removed by that scenario's filter. \
            The detection is evaluated alone (samples need not carry channel fields). Results are stored \
            with the engine version; a hunt guide then shows "validated on N events" with the date.

            Exit status 0 when every tested rule passes, 1 otherwise.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: SearchFilterOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    struct Report: Encodable {
        var rule: String
        var title: String
        var passed: Bool
        var events: Int
        var checks: [RuleTester.Check]
    }

    func run() throws {
        var failed = false
        try runReportingErrors {
            let db = try database.openCatalog()
            let inputs: [RuleTestInput]
            do { inputs = try db.ruleTestInputs(matching: try filters.query()) } catch let error as CatalogError {
                throw UsageError.mapping(error)
            }
            let tested = inputs.filter { !$0.attacks.isEmpty || $0.scenarios.contains { !$0.benign.isEmpty } }
            var reports: [Report] = []
            var records: [RuleTestResultRecord] = []
            let reader = EventFileReader()
            let tester = RuleTester()
            for input in tested {
                let file = SigmaParser.parseWithoutWarnings(text: input.rule.yaml, path: input.rule.sourcePath)
                guard let rule = file.rules.first(where: { $0.id == input.rule.id }) ?? file.rules.first else { continue }
                var checks: [RuleTester.Check] = []
                var attacks: [RuleTester.AttackSample] = []
                for a in input.attacks {
                    do { attacks.append(.init(name: a.name, events: try reader.events(text: a.eventsText, name: a.origin), matchCount: a.matchCount)) } catch {
                        checks.append(.init(check: "attack \"\(a.name)\"", passed: false, detail: "unreadable sample: \(error)"))
                    }
                }
                var scenarios: [RuleTester.Scenario] = []
                for s in input.scenarios {
                    var filter: SigmaFilter?
                    if let yaml = s.filterYAML {
                        let parsed = SigmaParser.parseWithoutWarnings(text: yaml, path: "scenario \"\(s.title)\"")
                        filter = parsed.documents.lazy.compactMap { if case .filter(let f) = $0 { f } else { nil } }.first
                    }
                    var benign: [Event] = []
                    for b in s.benign {
                        do { benign += try reader.events(text: b.eventsText, name: b.origin) } catch {
                            checks.append(.init(check: "benign \"\(s.title)\"", passed: false, detail: "unreadable sample: \(error)"))
                        }
                    }
                    scenarios.append(.init(title: s.title, filter: filter, benign: benign))
                }
                let outcome = tester.run(rule: rule, attacks: attacks, scenarios: scenarios)
                checks += outcome.checks
                let passed = !checks.isEmpty && checks.allSatisfy(\.passed)
                if !passed { failed = true }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                records.append(RuleTestResultRecord(ruleID: input.rule.id, passed: passed, eventCount: outcome.eventCount,
                                                    checksJSON: String(decoding: try encoder.encode(checks), as: UTF8.self)))
                reports.append(Report(rule: input.rule.id, title: rule.title, passed: passed, events: outcome.eventCount, checks: checks))
            }
            try db.saveRuleTestResults(records, engineVersion: SigmaEvalVersion.current)
            switch format {
            case .json:
                print(try ListRenderer.json(reports))
            case .text:
                for r in reports {
                    print("\(r.passed ? "PASS" : "FAIL") \(r.rule) \(r.title) (\(r.events) events)")
                    for c in r.checks { print("  \(c.passed ? "ok  " : "FAIL") \(c.check): \(c.detail)") }
                }
                let passedCount = reports.filter(\.passed).count
                print("\(passedCount) passed, \(reports.count - passedCount) failed, \(inputs.count - tested.count) without sample events")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
