import Foundation
@testable import SigmaKit

/// Builds a minimal valid rule around a detection body (indented under `detection:`).
func ruleYAML(_ detection: String, condition: String = "sel", extra: String = "") -> String {
    let body = detection.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    return """
    title: Test rule
    id: 929a690e-bef0-4204-a928-ef5e620d6fcc
    status: test
    description: A test
    author: tester
    date: 2024-01-01
    level: low
    falsepositives:
        - none
    \(extra)logsource:
        product: windows
    detection:
    \(body)
        condition: \(condition)
    """
}

func parse(_ yaml: String, path: String = "test.yml") -> SigmaFile {
    SigmaParser.parse(text: yaml, path: path)
}

/// The only rule of a file that must parse without errors.
func parsedRule(_ yaml: String) throws -> SigmaRule {
    let file = parse(yaml)
    guard file.errors.isEmpty, let rule = file.rules.first else {
        throw TestFailure("expected a valid rule, got: \(file.diagnostics.map(\.description))")
    }
    return rule
}

/// The first item of the `sel` detection of a one-selection rule.
func item(_ selection: String) throws -> DetectionItem {
    let rule = try parsedRule(ruleYAML("sel:\n    " + selection))
    guard case .item(let item)? = rule.detection["sel"]?.body.nodes.first else {
        throw TestFailure("no item")
    }
    return item
}

/// The single error of a file (fails when there is not exactly one).
func singleError(_ yaml: String) throws -> Diagnostic {
    let errors = parse(yaml).errors
    guard errors.count == 1 else { throw TestFailure("expected one error, got \(errors.map(\.description))") }
    return errors[0]
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Shorthands for expected values.
func text(_ s: String) -> SigmaString.Part { .text(s) }
let star = SigmaString.Part.wildcardMulti
let qmark = SigmaString.Part.wildcardSingle
func str(_ parts: SigmaString.Part..., cased: Bool = false) -> SigmaValue {
    .string(SigmaString(parts: parts), cased: cased)
}
