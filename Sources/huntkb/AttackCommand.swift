import ArgumentParser
import Catalog
import Foundation
import Reports

/// `huntkb attack`: the MITRE ATT&CK catalog.
struct AttackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attack",
        abstract: "Load and look up the MITRE ATT&CK catalog (a fresh catalog ships ATT&CK Enterprise 18.1).",
        subcommands: [AttackImportCommand.self, AttackShowCommand.self]
    )
}

/// `huntkb attack import FILE.json`
struct AttackImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replace the ATT&CK catalog with a MITRE ATT&CK STIX 2.1 bundle (e.g. enterprise-attack-18.1.json)."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("STIX 2.1 bundle.", valueName: "file.json"))
    var file: String

    @Option(help: ArgumentHelp("The ATT&CK domain the bundle must be: enterprise (default), ics or mobile. Another domain's bundle is refused unless named here.", valueName: "domain"))
    var domain: Domain = .enterprise

    enum Domain: String, ExpressibleByArgument, CaseIterable {
        case enterprise, ics, mobile
    }

    func run() throws {
        try runReportingErrors {
            do {
                // Read first: a missing or wrong file must not even create a catalog.
                let catalog = try STIXBundleReader.read(path: file, domain: AttackDomain(rawValue: domain.rawValue) ?? .enterprise)
                let db = try database.openCatalog()
                try db.replaceAttack(with: catalog)
                let revoked = catalog.techniques.filter(\.revoked).count
                print("loaded ATT&CK \(catalog.version): \(catalog.tactics.count) tactics, \(catalog.techniques.count) techniques (\(revoked) revoked)")
            } catch let error as CatalogError {
                throw FatalError(error.description)
            }
        }
    }
}

/// `huntkb attack show T1053.003`
struct AttackShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a technique (T1053, T1053.003) or a tactic (TA0003, persistence)."
    )

    /// Output formats of `attack show`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Technique or tactic id.", valueName: "id"))
    var id: String

    @Option(help: "text or json.")
    var format: Format = .text

    func run() throws {
        try runReportingErrors {
            let db = try database.openCatalogForReading()
            do {
                if TagNormalizer.techniqueID(id) != nil {
                    let info = try db.attackTechnique(id: id)
                    print(format == .json ? try ListRenderer.json(info) : AttackText.render(info), terminator: format == .json ? "\n" : "")
                } else {
                    let tactic = try db.attackTactic(id: id)
                    guard let tactic else { throw CatalogError.attackNotFound(id) }
                    if format == .json {
                        print(try ListRenderer.json(tactic))
                    } else {
                        print(AttackText.tactic(id: tactic.id, name: tactic.name, shortName: tactic.shortName, url: tactic.url), terminator: "")
                    }
                }
            } catch let error as CatalogError {
                throw FatalError(error.description)
            }
        }
    }
}
