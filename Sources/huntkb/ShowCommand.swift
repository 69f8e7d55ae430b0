import ArgumentParser
import Catalog
import Foundation
import SigmaKit
import Reports

/// `huntkb show ID`: every stored field of one rule, with ATT&CK names.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one rule (by id or unique id prefix) with ATT&CK names.",
        discussion: """
            --format yaml prints the original rule text exactly as imported.

            Warnings are the validator's (see 'huntkb validate'), stored when the rule was imported: \
            "line:column: warning: message [code]" in text, a "warnings" array in json.
            """
    )

    /// Output formats of `show`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, yaml
    }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Rule id or unique id prefix.", valueName: "id"))
    var id: String

    @Option(help: "text, json or yaml (the original rule text).")
    var format: Format = .text

    func run() throws {
        try runReportingErrors {
            let db = try database.openCatalogForReading()
            let detail: RuleDetail
            do {
                detail = try db.ruleDetail(idOrPrefix: id)
            } catch let error as CatalogError {
                throw FatalError(error.description)
            }
            switch format {
            case .yaml:
                let yaml = detail.rule.yaml
                print(yaml, terminator: yaml.hasSuffix("\n") ? "" : "\n")
            case .json:
                print(try ListRenderer.json(detail))
            case .text:
                print(SafeText.block(RuleDetailText.render(detail)), terminator: "")
            }
        }
    }
}
