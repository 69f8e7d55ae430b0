import Foundation
import Testing
@testable import SigmaKit

/// Errors for what the spec forbids, each with its exact message and position.
@Suite("Validation errors")
struct ValidationErrorTests {
    func error(_ yaml: String) throws -> (String, String, SourcePosition?) {
        let e = try singleError(yaml)
        return (e.code, e.message, e.position)
    }

    @Test func missingSections() throws {
        #expect(try error("logsource: {product: w}\ndetection:\n    sel: a\n    condition: sel\n") ==
                ("missing-title", "rule has no title", SourcePosition(line: 1, column: 1)))
        #expect(try error("title: t\ndetection:\n    sel: a\n    condition: sel\n") ==
                ("missing-logsource", "rule has no logsource", SourcePosition(line: 1, column: 1)))
        #expect(try error("title: t\nlogsource: {product: w}\n") ==
                ("missing-detection", "rule has no detection", SourcePosition(line: 1, column: 1)))
        #expect(try error("title: t\nlogsource: {product: w}\ndetection:\n    sel: a\n") ==
                ("missing-condition", "detection has no condition", SourcePosition(line: 4, column: 5)))
        #expect(try error("title: t\nlogsource: {foo: w}\ndetection:\n    sel: a\n    condition: sel\n") ==
                ("empty-logsource", "logsource needs at least one of category, product or service", SourcePosition(line: 2, column: 12)))
    }

    @Test func invalidMetadataValues() throws {
        let cases: [(String, String, String, SourcePosition)] = [
            ("id: not-a-uuid\n", "invalid-id", "'id' must be a UUID, 'not-a-uuid' is not one", SourcePosition(line: 10, column: 5)),
            ("status: done\n", "invalid-status", "'done' is not a valid status (stable, test, experimental, deprecated, unsupported)", SourcePosition(line: 10, column: 9)),
            ("level: severe\n", "invalid-level", "'severe' is not a valid level (informational, low, medium, high, critical)", SourcePosition(line: 10, column: 8)),
            ("modified: 2024-13-01\n", "invalid-date", "'modified' value '2024-13-01' is not a valid date, use YYYY-MM-DD", SourcePosition(line: 10, column: 11)),
            ("modified: '2024-1-1'\n", "invalid-date", "'modified' value '2024-1-1' is not a valid date, use YYYY-MM-DD", SourcePosition(line: 10, column: 11)),
            ("tags: [foo]\n", "invalid-tag", "tag 'foo' must be namespace.name (e.g. attack.t1059)", SourcePosition(line: 10, column: 8)),
            ("references: http://x\n", "wrong-type", "'references' must be a list, not a string", SourcePosition(line: 10, column: 13)),
            ("license: [x]\n", "wrong-type", "'license' must be a string, not a list", SourcePosition(line: 10, column: 10)),
            ("name: ''\n", "invalid-value", "'name' must not be empty", SourcePosition(line: 10, column: 7)),
            ("taxonomy: ''\n", "invalid-value", "'taxonomy' must not be empty", SourcePosition(line: 10, column: 11)),
            ("related:\n    - id: 12345678-1234-1234-1234-1234567890ab\n      type: foo\n", "invalid-related",
             "'related' type 'foo' is not one of correlation, derived, merged, obsolete, renamed, similar", SourcePosition(line: 12, column: 13)),
        ]
        for (extra, code, message, position) in cases {
            // `extra` keys come before logsource; the base rule already has id/status/level/date, so these replace them.
            let yaml = ruleYAML("sel: a", extra: extra)
                .replacingOccurrences(of: extra.hasPrefix("id:") ? "id: 929a690e-bef0-4204-a928-ef5e620d6fcc\n" : "\u{0}", with: "")
                .replacingOccurrences(of: extra.hasPrefix("status:") ? "status: test\n" : "\u{0}", with: "")
                .replacingOccurrences(of: extra.hasPrefix("level:") ? "level: low\n" : "\u{0}", with: "")
            let shift = (extra.hasPrefix("id:") || extra.hasPrefix("status:") || extra.hasPrefix("level:")) ? 1 : 0
            let e = try singleError(yaml)
            #expect(e.code == code, "\(extra)")
            #expect(e.message == message, "\(extra)")
            #expect(e.position == SourcePosition(line: position.line - shift, column: position.column), "\(extra)")
        }
    }

    @Test func titleLimits() throws {
        let long = String(repeating: "x", count: 300)
        let e = try singleError(ruleYAML("sel: a").replacingOccurrences(of: "title: Test rule", with: "title: \(long)"))
        #expect(e.code == "title-too-long")
        #expect(e.message == "title is longer than 256 characters (300)")
    }

    @Test func duplicateKeysPointAtTheRepeat() throws {
        let e = try singleError(ruleYAML("sel: a\nsel: b"))
        #expect(e.code == "duplicate-key")
        #expect(e.message == "duplicate key 'sel' in a map (first at line 13)")
        #expect(e.position == SourcePosition(line: 14, column: 5))
    }

    @Test func acceptedDateForms() throws {
        let rule = try parsedRule(ruleYAML("sel: a", extra: "modified: 2024/3/5\n"))
        #expect(rule.date == "2024-01-01")
        #expect(rule.modified == "2024-03-05")
        #expect(parse(ruleYAML("sel: a", extra: "modified: 2023-02-29\n")).errors.first?.code == "invalid-date")
        #expect(parse(ruleYAML("sel: a", extra: "modified: 2024-02-29\n")).errors.isEmpty)
    }

    @Test func idsAreCanonical() throws {
        let yaml = ruleYAML("sel: a").replacingOccurrences(of: "id: 929a690e-bef0-4204-a928-ef5e620d6fcc",
                                                            with: "id: '{929A690E-BEF0-4204-A928-EF5E620D6FCC}'")
        #expect(try parsedRule(yaml).id == "929a690e-bef0-4204-a928-ef5e620d6fcc")
        #expect(MetadataReader.canonicalUUID("urn:uuid:929a690ebef04204a928ef5e620d6fcc") == "929a690e-bef0-4204-a928-ef5e620d6fcc")
        #expect(MetadataReader.canonicalUUID("929a690e") == nil)
    }

    @Test func diagnosticLineFormat() throws {
        let e = try singleError(ruleYAML("sel:\n    x|foo: a"))
        #expect(e.description == "test.yml:14:9: error: unknown modifier 'foo' in 'x|foo'")
    }

    @Test func allTopLevelFieldsAreRead() throws {
        let rule = try parsedRule(ruleYAML("sel: a", extra: """
            name: my_rule
            license: DRL
            taxonomy: sigma
            references: [https://example.org]
            tags: [attack.execution, attack.t1059]
            fields: [CommandLine]
            scope: [server]
            related:
                - id: 12345678-1234-1234-1234-1234567890ab
                  type: derived
            x_custom: {a: 1}

            """))
        #expect(rule.name == "my_rule")
        #expect(rule.license == "DRL")
        #expect(rule.taxonomy == "sigma")
        #expect(rule.references == ["https://example.org"])
        #expect(rule.tags == ["attack.execution", "attack.t1059"])
        #expect(rule.fields == ["CommandLine"])
        #expect(rule.scope == ["server"])
        #expect(rule.related == [RelatedRule(type: "derived", id: "12345678-1234-1234-1234-1234567890ab")])
        #expect(rule.custom == ["x_custom": "{\"a\":1}"])
        #expect(rule.status == .test)
        #expect(rule.level == .low)
        #expect(rule.logsource.product == "windows")
        #expect(rule.keyPositions["detection"] == SourcePosition(line: 23, column: 1))
    }
}

/// Convention warnings: identifiers, disabling, ATT&CK checks; never errors.
@Suite("Validation warnings")
struct ValidationWarningTests {
    static let knowledge = AttackKnowledge(
        techniques: ["t1059": ["execution"], "t1059.001": ["execution"], "t1218": ["defense-evasion"], "t1086": ["execution"]],
        tactics: ["execution", "defense-evasion", "persistence"], deprecated: ["t1086"], version: "18.1")

    func warnings(_ yaml: String, _ validator: SigmaValidator = SigmaValidator()) -> [String] {
        let file = validator.validate(text: yaml, path: "w.yml")
        #expect(file.errors.isEmpty, "\(file.errors)")
        return file.warnings.map(\.code)
    }

    @Test func cleanRuleHasNoWarnings() {
        #expect(warnings(ruleYAML("sel: a")).isEmpty)
    }

    @Test func missingFields() {
        let yaml = "title: t\nlogsource: {product: w}\ndetection:\n    sel: a\n    condition: sel\n"
        #expect(warnings(yaml) == ["missing-description", "missing-falsepositives", "missing-id", "missing-level",
                                   "missing-author", "missing-date"])
        #expect(warnings(yaml, SigmaValidator(disabled: ["missing-id", "missing-level", "missing-author", "missing-date"])) ==
                ["missing-description", "missing-falsepositives"])
        let file = SigmaParser.parse(text: yaml, path: "w.yml")
        #expect(file.warnings.first?.description == "w.yml:1:1: warning: rule has no description [missing-description]")
    }

    @Test func titleAndDates() {
        let title = String(repeating: "t", count: 120)
        #expect(warnings(ruleYAML("sel: a").replacingOccurrences(of: "Test rule", with: title)) == ["title-too-long"])
        #expect(warnings(ruleYAML("sel: a", extra: "modified: 2023-01-01\n")) == ["modified-before-date"])
    }

    @Test func tagWarnings() throws {
        let file = SigmaValidator().validate(text: ruleYAML("sel: a", extra: "tags:\n    - foo.bar\n    - attack.T1059\n    - attack.t1059\n    - attack.t1059\n"), path: "w.yml")
        #expect(file.warnings.map(\.code) == ["unknown-tag-namespace", "tag-format", "duplicate-tag"])
        #expect(file.warnings[0].position == SourcePosition(line: 11, column: 7))
        #expect(file.warnings[2].position == SourcePosition(line: 14, column: 7))
    }

    @Test func attackChecksNeedACatalog() {
        let yaml = ruleYAML("sel: a", extra: "tags:\n    - attack.stealth\n    - attack.t1685\n")
        #expect(warnings(yaml).isEmpty)
        let v = SigmaValidator(attack: Self.knowledge)
        #expect(warnings(yaml, v) == ["attack-unknown-tactic", "attack-unknown-technique"])
        let file = v.validate(text: yaml, path: "w.yml")
        #expect(file.warnings[1].message == "ATT&CK technique 't1685' is not in the loaded ATT&CK 18.1 catalog")
        #expect(file.errors.isEmpty)
    }

    @Test func tacticMismatchAndDeprecation() {
        let v = SigmaValidator(attack: Self.knowledge)
        #expect(warnings(ruleYAML("sel: a", extra: "tags: [attack.execution, attack.t1059.001]\n"), v).isEmpty)
        #expect(warnings(ruleYAML("sel: a", extra: "tags: [attack.persistence, attack.t1218]\n"), v) == ["attack-tactic-mismatch"])
        #expect(warnings(ruleYAML("sel: a", extra: "tags: [attack.execution, attack.t1086]\n"), v) == ["attack-deprecated-technique"])
        #expect(warnings(ruleYAML("sel: a", extra: "tags: [attack.defense_evasion]\n"), v) == ["attack-unknown-tactic"])
        let hint = v.validate(text: ruleYAML("sel: a", extra: "tags: [attack.defense_evasion]\n"), path: "w").warnings.first?.message
        #expect(hint?.hasSuffix("(did you mean 'attack.defense-evasion'?)") == true)
        // Groups and software are not techniques or tactics.
        #expect(warnings(ruleYAML("sel: a", extra: "tags: [attack.g0016, attack.s0002]\n"), v).isEmpty)
    }

    @Test func conditionConventions() {
        #expect(warnings(ruleYAML("sel: a", condition: "all of them")) == ["all-of-them"])
        #expect(warnings(ruleYAML("sel: a\nb: c", condition: "[sel, b]")) == ["condition-list"])
    }

    @Test func missingModifiedAfterAnEdit() throws {
        let old = try parsedRule(ruleYAML("sel: a"))
        let v = SigmaValidator(previousVersions: [old.id!: old])
        #expect(warnings(ruleYAML("sel: a"), v).isEmpty)
        #expect(warnings(ruleYAML("sel: b"), v) == ["missing-modified"])
        #expect(warnings(ruleYAML("sel: b", extra: "modified: 2024-02-01\n"), v).isEmpty)
    }

    @Test func unknownRuleReferences() {
        let yaml = "title: c\ndescription: d\ncorrelation:\n    type: event_count\n    rules: [known, unknown]\n    timespan: 1h\n    condition: {gte: 2}\n"
        #expect(warnings(yaml, SigmaValidator(knownRules: ["known"])) == ["unknown-rule-reference"])
        #expect(warnings(yaml).isEmpty)
    }

    @Test func everyWarningCodeIsDocumented() {
        for code in WarningCode.allCases { #expect(!code.summary.isEmpty) }
    }

    @Test func stixBundleReader() throws {
        let bundle = """
            {"type": "bundle", "objects": [
              {"type": "x-mitre-tactic", "x_mitre_shortname": "execution"},
              {"type": "attack-pattern", "external_references": [{"source_name": "mitre-attack", "external_id": "T1059"}],
               "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "execution"}]},
              {"type": "attack-pattern", "revoked": true, "external_references": [{"source_name": "mitre-attack", "external_id": "T1086"}]}
            ]}
            """
        let k = try #require(AttackKnowledge(stixBundle: Data(bundle.utf8)))
        #expect(k.techniques["t1059"] == ["execution"])
        #expect(k.tactics == ["execution"])
        #expect(k.deprecated == ["t1086"])
        #expect(AttackKnowledge(stixBundle: Data("[]".utf8)) == nil)
    }
}
