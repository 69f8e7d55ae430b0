import ArgumentParser
import Catalog
import Foundation

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
                    print(format == .json ? try ListRenderer.json(info) : render(info), terminator: format == .json ? "\n" : "")
                } else {
                    let tactic = try db.attackTactic(id: id)
                    guard let tactic else { throw CatalogError.attackNotFound(id) }
                    if format == .json {
                        print(try ListRenderer.json(tactic))
                    } else {
                        print("\(tactic.id) \(tactic.name)\nShort name:   \(tactic.shortName)\nURL:          \(tactic.url ?? "")")
                    }
                }
            } catch let error as CatalogError {
                throw FatalError(error.description)
            }
        }
    }

    private func render(_ t: AttackTechniqueInfo) -> String {
        var out = "\(t.id) \(t.parent.map { "\($0.name ?? $0.id): " } ?? "")\(t.name)\n"
        func line(_ label: String, _ value: String) {
            guard !value.isEmpty else { return }
            out += (label + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + value + "\n"
        }
        line("Name", t.name)
        if let parent = t.parent { line("Parent", "\(parent.id)" + (parent.name.map { " \($0)" } ?? "")) }
        line("Tactics", t.tactics.map { "\($0.name ?? $0.id) (\($0.id))" }.joined(separator: ", "))
        line("Platforms", t.platforms.joined(separator: ", "))
        line("URL", t.url ?? "")
        if t.deprecated { line("Deprecated", "yes") }
        if t.revoked {
            line("Revoked", t.revokedBy.map { "yes, replaced by \($0.id)" + ($0.name.map { " \($0)" } ?? "") } ?? "yes")
        }
        if !t.subtechniques.isEmpty {
            out += "Sub-techniques:\n"
            for sub in t.subtechniques { out += "  \(sub.id) \(sub.name ?? "")\n" }
        }
        line("ATT&CK", t.attackVersion)
        return out
    }
}
