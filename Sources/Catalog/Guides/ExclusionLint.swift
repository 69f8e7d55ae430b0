import Foundation
import SigmaKit

/// Checks scenario exclusions (the Sigma filter and the example filter text) for patterns an attacker can satisfy.
public enum ExclusionLint {
    public static let privilegedAccount = "fp-privileged-account"
    public static let parentOnly = "fp-parent-only"
    public static let bareContains = "fp-bare-contains"
    public static let wildcardOnly = "fp-wildcard-only"
    public static let excludesEverything = "fp-excludes-everything"

    /// Every code with its one-line meaning (for `fp lint --help` and the README).
    public static let codes: [(code: String, meaning: String)] = [
        (privilegedAccount, "excludes a whole privileged account (root, SYSTEM, administrator, sudo)"),
        (parentOnly, "excludes by parent process alone"),
        (bareContains, "a bare contains on a field the attacker controls (command line, script text)"),
        (wildcardOnly, "a value made only of wildcards"),
        (excludesEverything, "the filter removes every event the rule matches"),
    ]

    static let privilegedNames: Set<String> = ["root", "system", "nt authority\\system", "administrator", "admin", "sudo",
                                              "localsystem", "local system", "nt authority\\\\system"]
    static let userFields: Set<String> = ["user", "username", "user_id", "userid", "targetusername", "subjectusername",
                                          "accountname", "account", "initiatingprocessaccountname", "actorusername",
                                          "user.name", "uid", "euid", "auid"]
    static let parentFields: Set<String> = ["parentimage", "parentcommandline", "parentprocessname", "parentprocess",
                                            "parentuser", "initiatingprocessfilename", "initiatingprocessfolderpath",
                                            "actingprocessname", "parentprocessid"]
    static let attackerFields: Set<String> = ["commandline", "parentcommandline", "scriptblocktext", "payload",
                                              "processcommandline", "targetprocesscommandline", "initiatingprocesscommandline",
                                              "query", "queryname", "url", "c-uri", "cs-uri-query", "originalfilename", "description"]

    /// Findings of one scenario; `rule` enables the check that the filter removes everything.
    public static func check(filter: SigmaFilter?, exampleFilter: String, rule: SigmaRule?) -> [ExclusionFinding] {
        var out: [ExclusionFinding] = []
        if let filter { out += checkFilter(filter, rule: rule) }
        out += checkText(exampleFilter)
        var seen = Set<String>()
        return out.filter { seen.insert($0.code + "|" + $0.subject).inserted }
    }

    // MARK: Sigma filters

    static func items(_ group: DetectionGroup) -> [DetectionItem] {
        group.nodes.flatMap { node -> [DetectionItem] in
            switch node {
            case .item(let item): [item]
            case .group(let inner): items(inner)
            }
        }
    }

    static func checkFilter(_ filter: SigmaFilter, rule: SigmaRule?) -> [ExclusionFinding] {
        var out: [ExclusionFinding] = []
        for named in filter.detection.named {
            let list = items(named.body)
            let fields = Set(list.compactMap { $0.field?.lowercased() })
            for item in list {
                let field = item.field ?? "(keywords)"
                let subject = "Sigma filter \(named.name).\(field)"
                let strings = item.rawValues.compactMap { raw -> String? in if case .string(let s) = raw { s } else { nil } }
                if let f = item.field?.lowercased(), userFields.contains(f),
                   strings.contains(where: { privilegedNames.contains($0.lowercased()) }) {
                    out.append(privileged(subject))
                }
                if !strings.isEmpty, strings.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "*?%".contains($0) } }) {
                    out.append(wildcard(subject))
                }
                if item.modifiers.contains(.contains), let f = item.field?.lowercased(), attackerFields.contains(f),
                   fields.subtracting([f]).isEmpty {
                    out.append(ExclusionFinding(code: bareContains, subject: subject,
                        reason: "a bare contains on \(field), which the attacker writes: any command line with that text is hidden",
                        safer: "anchor it to the process path, account and host of the benign job (all in one selection), or match the full command line with a fixed prefix"))
                }
            }
            if !fields.isEmpty, fields.isSubset(of: parentFields) {
                out.append(ExclusionFinding(code: parentOnly, subject: "Sigma filter \(named.name)",
                    reason: "excludes by parent process alone: anything the attacker starts from that parent (or a binary of that name) is hidden",
                    safer: "combine the parent with the exact child command line or file path and the account it runs as"))
            }
        }
        if let rule, removesEverything(filter, rule: rule) {
            out.append(ExclusionFinding(code: excludesEverything, subject: "Sigma filter",
                reason: "the filter's selection is the rule's own selection: the tuned query can never match",
                safer: "describe only the benign activity: add the account, parent process or path that tells it apart"))
        }
        return out
    }

    /// True when some filter selection only repeats items of a rule selection that alone satisfies the condition.
    static func removesEverything(_ filter: SigmaFilter, rule: SigmaRule) -> Bool {
        guard rule.detection.conditions.count == 1, case .identifier(let name)? = rule.detection.conditions.first,
              let selection = rule.detection.named.first(where: { $0.name == name }), selection.body.linking == .and
        else { return false }
        let ruleItems = Set(items(selection.body).map(key))
        return filter.detection.named.contains { named in
            let filterItems = items(named.body)
            return !filterItems.isEmpty && Set(filterItems.map(key)).isSubset(of: ruleItems)
        }
    }

    static func key(_ item: DetectionItem) -> String {
        "\(item.field?.lowercased() ?? "")|\(item.modifiers.map(\.rawValue).joined(separator: "|"))|\(item.rawValues)"
    }

    // MARK: Example filter text

    static func checkText(_ text: String) -> [ExclusionFinding] {
        let lower = text.lowercased()
        guard !lower.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        var out: [ExclusionFinding] = []
        // field = value, field == "value", field =~ "value", field: value, field in ("a", "b")
        let names = privilegedNames.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let fields = userFields.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let pattern = #"\b("# + fields + #")\b\s*(==|=~|=|:|!=|in~?\s*\(|like)\s*\(?\s*[^)\n]*?["']?\b("# + names + #")\b["']?"#
        if lower.range(of: pattern, options: .regularExpression) != nil {
            out.append(privileged("example filter"))
        }
        if lower.range(of: #"(like|=|==|:)\s*["']?[%*]+["']?(\s|$|\))"#, options: .regularExpression) != nil {
            out.append(wildcard("example filter"))
        }
        return out
    }

    static func privileged(_ subject: String) -> ExclusionFinding {
        ExclusionFinding(code: privilegedAccount, subject: subject,
            reason: "excludes a whole privileged account (root, SYSTEM, administrator or sudo): an intruder with that account runs the same command unseen",
            safer: "exclude named administrator accounts only together with the parent process, the exact path and the hosts they manage; keep root and SYSTEM in the hunt")
    }

    static func wildcard(_ subject: String) -> ExclusionFinding {
        ExclusionFinding(code: wildcardOnly, subject: subject,
            reason: "a value made only of wildcards matches any value, so the condition excludes more than the benign activity",
            safer: "use the literal value of the benign job (a fixed path or prefix)")
    }
}
