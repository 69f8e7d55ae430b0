import SigmaKit

/// A Sigma filter compiled for evaluation: its detection, applied as an exclusion.
public struct CompiledFilter: Sendable {
    let root: MatchNode
    let table: FieldTable
    let hasKeywords: Bool

    public init(_ filter: SigmaFilter) throws(RuleRefusal) {
        let tree = try CompiledRule.compileDetection(filter.detection)
        var table = FieldTable()
        root = tree.resolved(&table)
        self.table = table
        hasKeywords = tree.hasKeywords
    }

    public func matches(_ event: Event) -> Bool {
        CompiledRule.evaluate(root, table: table, allFields: hasKeywords, on: event)
    }
}

/// Proves a rule on sample events: the attack samples match (with their expected counts), the tuned rule
/// (rule and not any scenario filter) still matches them, and each scenario's benign samples are matched
/// by the rule and removed by that scenario's filter. The detection is evaluated alone (a test sample need
/// not carry the channel fields of a production log).
public struct RuleTester {
    public struct AttackSample: Sendable {
        public var name: String
        public var events: [Event]
        /// nil: at least one match.
        public var matchCount: Int?
        public init(name: String, events: [Event], matchCount: Int?) {
            self.name = name
            self.events = events
            self.matchCount = matchCount
        }
    }

    public struct Scenario: Sendable {
        public var title: String
        public var filter: SigmaFilter?
        public var benign: [Event]
        public init(title: String, filter: SigmaFilter?, benign: [Event]) {
            self.title = title
            self.filter = filter
            self.benign = benign
        }
    }

    /// One check and its outcome, worded for a report line.
    public struct Check: Sendable, Hashable, Codable {
        public var check: String
        public var passed: Bool
        public var detail: String
        /// Records the check evaluated (attack and benign checks), so a guide can say how many of each.
        public var events: Int?
        public init(check: String, passed: Bool, detail: String, events: Int? = nil) {
            self.check = check
            self.passed = passed
            self.detail = detail
            self.events = events
        }
    }

    public struct Outcome: Sendable {
        public var checks: [Check]
        public var eventCount: Int
        public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }
    }

    public init() {}

    public func run(rule: SigmaRule, attacks: [AttackSample], scenarios: [Scenario]) -> Outcome {
        let eventCount = attacks.reduce(0) { $0 + $1.events.count } + scenarios.reduce(0) { $0 + $1.benign.count }
        let compiled: CompiledRule
        do {
            guard let c = try CompiledRule.compile(rule, mode: .detection) else {
                return Outcome(checks: [Check(check: "compile", passed: false, detail: "the rule takes no event")], eventCount: eventCount)
            }
            compiled = c
        } catch {
            return Outcome(checks: [Check(check: "compile", passed: false, detail: "not evaluated: \(error.reason)")], eventCount: eventCount)
        }
        var checks: [Check] = []
        var filters: [(String, CompiledFilter)] = []
        for s in scenarios {
            guard let f = s.filter else { continue }
            do { filters.append((s.title, try CompiledFilter(f))) } catch {
                checks.append(Check(check: "filter \"\(s.title)\"", passed: false, detail: "not evaluated: \(error.reason)"))
            }
        }
        if attacks.isEmpty {
            checks.append(Check(check: "attack", passed: false, detail: "no attack sample"))
        }
        for a in attacks {
            let hits = a.events.filter(compiled.matches)
            let want = a.matchCount.map { "\($0)" } ?? "at least 1"
            let ok = a.matchCount.map { hits.count == $0 } ?? !hits.isEmpty
            checks.append(Check(check: "attack \"\(a.name)\"", passed: ok,
                                detail: "\(hits.count) of \(a.events.count) events match (expected \(want))", events: a.events.count))
            guard !filters.isEmpty else { continue }
            let removedBy = filters.filter { _, f in hits.contains(where: f.matches) }.map(\.0)
            checks.append(Check(check: "tuned \"\(a.name)\"", passed: removedBy.isEmpty && ok,
                                detail: removedBy.isEmpty ? "\(hits.count) matches kept by every scenario filter"
                                    : "removed by the filter of: \(removedBy.joined(separator: "; "))"))
        }
        for s in scenarios where !s.benign.isEmpty {
            let matched = s.benign.filter(compiled.matches).count
            guard let filter = filters.first(where: { $0.0 == s.title })?.1 else {
                checks.append(Check(check: "benign \"\(s.title)\"", passed: false,
                                    detail: "\(matched) of \(s.benign.count) benign events match; the scenario has no usable filter",
                                    events: s.benign.count))
                continue
            }
            let kept = s.benign.filter { compiled.matches($0) && !filter.matches($0) }.count
            let ok = matched == s.benign.count && kept == 0
            checks.append(Check(check: "benign \"\(s.title)\"", passed: ok,
                                detail: "\(matched) of \(s.benign.count) benign events match the rule, \(kept) left after the filter",
                                events: s.benign.count))
        }
        return Outcome(checks: checks, eventCount: eventCount)
    }
}
