import ArgumentParser
import Dispatch
import Foundation
import SigmaKit

/// `huntkb validate`: checks rule files with SigmaKit's parser and validator, without a catalog.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check Sigma rule files: errors and convention warnings with file:line:column.",
        discussion: """
            Folders are searched recursively for .yml/.yaml files; the catalog is not used.

            Each problem is one line "path:line:column: error|warning: message"; a warning ends with its \
            [code], which --disable accepts. --format json prints one document for tools.

            --attack FILE loads a MITRE ATT&CK STIX bundle (enterprise-attack.json) for the ATT&CK tag warnings.

            Warning codes: \(WarningCode.allCases.map(\.rawValue).joined(separator: ", ")).

            Exit status 0 when no file has an error (warnings allowed), 1 otherwise.
            """
    )

    /// Output formats of `validate`.
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Warning codes not to report (comma-separated, repeatable).", valueName: "code,..."))
    var disable: [String] = []

    @Option(name: .long, help: ArgumentHelp("MITRE ATT&CK STIX bundle for the ATT&CK tag checks.", valueName: "file"))
    var attack: String?

    @Argument(help: ArgumentHelp("Rule files or folders.", valueName: "path"))
    var paths: [String] = []

    var disabledCodes: Set<String> {
        Set(disable.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one rule file or folder") }
        let known = Set(WarningCode.allCases.map(\.rawValue))
        for code in disabledCodes where !known.contains(code) {
            throw ValidationError("unknown warning code '\(code)' (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func run() throws {
        try runReportingErrors {
            var validator = SigmaValidator(disabled: disabledCodes)
            if let attack {
                guard let data = FileManager.default.contents(atPath: attack) else {
                    throw FatalError("cannot read ATT&CK file \(attack)")
                }
                guard let knowledge = AttackKnowledge(stixBundle: data) else {
                    throw FatalError("\(attack) is not a MITRE ATT&CK STIX bundle")
                }
                validator.attack = knowledge
            }
            let files = try ValidationFiles.expand(paths)
            let results = ValidationFiles.validateAll(files, with: validator)
            let errorCount = results.reduce(0) { $0 + $1.errors.count }
            let warningCount = results.reduce(0) { $0 + $1.warnings.count }
            switch format {
            case .text:
                var out = ""
                for file in results {
                    for d in file.diagnostics { out += d.description + "\n" }
                }
                TerminalOutput.write(out)
                let invalid = results.filter { !$0.errors.isEmpty }.count
                StdErr.print("\(results.count) file\(results.count == 1 ? "" : "s") checked: \(invalid) invalid, "
                             + "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")")
            case .json:
                let report = ValidationReport(files: results.map(ValidationReport.File.init),
                                              errors: errorCount, warnings: warningCount)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            }
            if errorCount > 0 { throw ExitCode(1) }
        }
    }
}

/// The `--format json` document of `validate`.
struct ValidationReport: Encodable {
    struct Problem: Encodable {
        var severity: String
        var code: String
        var message: String
        var line: Int?
        var column: Int?
    }

    struct File: Encodable {
        var path: String
        var valid: Bool
        var documents: Int
        var diagnostics: [Problem]

        init(_ file: SigmaFile) {
            path = file.path
            valid = file.errors.isEmpty
            documents = file.documents.count
            diagnostics = file.diagnostics.map {
                Problem(severity: $0.severity.rawValue, code: $0.code, message: $0.message,
                        line: $0.position?.line, column: $0.position?.column)
            }
        }
    }

    var files: [File]
    var errors: Int
    var warnings: Int
}

/// Expands paths and validates files on every core, keeping input order.
enum ValidationFiles {
    static func expand(_ paths: [String]) throws -> [String] {
        try RuleFileLister.expand(paths)
    }

    static func validateAll(_ files: [String], with validator: SigmaValidator) -> [SigmaFile] {
        parallelMap(files) { validator.validateFile(atPath: $0) }
    }
}
