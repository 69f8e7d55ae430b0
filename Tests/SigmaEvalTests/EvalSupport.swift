import SigmaEval
import SigmaKit

/// A rule from inline YAML with the given detection block (indented by 4) and log source.
func rule(_ detection: String, logsource: String = "product: windows\n    category: process_creation") -> SigmaRule {
    let text = """
        title: Test
        id: 11111111-2222-3333-4444-555555555555
        logsource:
            \(logsource)
        detection:
        \(detection)
        level: high
        """
    let file = SigmaParser.parseWithoutWarnings(text: text, path: "test.yml")
    precondition(file.errors.isEmpty, "test rule does not parse: \(file.errors)")
    return file.rules[0]
}

/// Whether the rule (detection mode unless told) matches the event.
func matches(_ rule: SigmaRule, _ fields: [String: String], mode: EvaluationMode = .detection) throws -> Bool {
    guard let compiled = try CompiledRule.compile(rule, mode: mode) else { return false }
    return compiled.matches(Event(fields: fields))
}

/// Shorthand: one selection item `field: value` plus `condition: selection`.
func selection(_ body: String, condition: String = "selection") -> SigmaRule {
    rule("""
            selection:
                \(body)
            condition: \(condition)
        """)
}
