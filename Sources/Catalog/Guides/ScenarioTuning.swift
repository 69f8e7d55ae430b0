import GRDB
import SigmaConvert
import SigmaKit

/// A catalog rule ready for `huntkb convert --rule ID [--with-exclusions]`: its parsed Sigma rule and the Sigma
/// filters of its false-positive scenarios.
public struct TunableRule: Sendable {
    public var ruleID: String
    public var rule: SigmaRule
    /// Scenario titles with their filters, in display order.
    public var filters: [(scenario: String, filter: SigmaFilter)]

    /// The rule's query for a converter, AND NOT every scenario filter when `withExclusions` is set.
    public func convert(with converter: Converter, withExclusions: Bool) -> Result<String, ConversionError> {
        withExclusions ? converter.convert(rule, excluding: filters.map(\.filter)) : converter.convert(rule)
    }
}

extension AppDatabase {
    /// Loads a stored rule (id or unique id prefix) with its scenario filters.
    ///
    /// Throws `GuideStoreError` for an unknown or ambiguous rule, `GuideFileError` when the stored rule text or a
    /// stored filter no longer parses.
    public func tunableRule(_ idOrPrefix: String) throws -> TunableRule {
        try writer.read { db in
            let id = try ScenarioStore.resolveRule(db, idOrPrefix)
            let row = try Row.fetchOne(db, sql: "SELECT yaml, source_path FROM rule WHERE id = ?", arguments: [id])
            let yaml: String = row?["yaml"] ?? ""
            let path: String = row?["source_path"] ?? id
            guard let rule = GuideLoader.parseRule(text: yaml, id: id, path: path) else {
                throw GuideFileError(path: path, message: "the stored text of rule \(id) no longer parses as a Sigma rule")
            }
            return TunableRule(ruleID: id, rule: rule, filters: try ScenarioStore.filters(db, rule: id))
        }
    }
}
