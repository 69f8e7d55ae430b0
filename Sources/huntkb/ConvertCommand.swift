import ArgumentParser
import Catalog
import Dispatch
import Foundation
import SigmaConvert
import SigmaKit

/// `huntkb convert`: rule files to queries, without a catalog.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert Sigma rule files into SIEM queries (\(ConverterRegistry.languages.map(\.language).joined(separator: ", "))).",
        discussion: """
            Folders are searched recursively for .yml/.yaml files. Output keeps the order of the inputs.
            --format jsonl prints one line per file: {"path": ..., "query": ...} or {"path": ..., "error": ...}.
            --rule ID converts a catalog rule instead (id or unique prefix); --with-exclusions adds
            "and not" each Sigma filter of the rule's false-positive scenarios.
            Exit status 0 when every input converted, 1 otherwise; 64 for a target, pipeline or query format \
            that does not exist or does not go together.

            TARGETS, PIPELINES AND QUERY FORMATS
            \(ConvertCommand.choicesHelp)
            """
    )

    /// Output formats of `convert`.
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, jsonl
    }

    @Option(name: .long, help: ArgumentHelp("Query language: \(Converter.languageNames.joined(separator: ", ")).", valueName: "target"))
    var target: String

    @Option(name: .long, help: ArgumentHelp("Processing pipeline of the target (sigma-cli's -p; see below).", valueName: "pipeline"))
    var pipeline: String?

    @Option(name: .customLong("query-format"), help: ArgumentHelp("Output format of the target (sigma-cli's -f), e.g. data_model or savedsearches for splunk.", valueName: "name"))
    var queryFormat: String?

    @Option(name: .long, help: ArgumentHelp("With a kusto pipeline: the table every query reads, instead of the one chosen from the log source.", valueName: "table"))
    var queryTable: String?

    @Option(name: .long, help: "Output format: text or jsonl.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Convert this catalog rule (id or unique id prefix) instead of files.", valueName: "id"))
    var rule: String?

    @Flag(name: .long, help: "With --rule: exclude the Sigma filters of the rule's false-positive scenarios (AND NOT).")
    var withExclusions = false

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Rule files or folders.", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if rule != nil && !paths.isEmpty { throw ValidationError("give rule files or --rule, not both") }
        if rule == nil && paths.isEmpty { throw ValidationError("give at least one rule file or folder, or --rule ID") }
        if withExclusions && rule == nil { throw ValidationError("--with-exclusions needs --rule") }
    }

    /// ATT&CK names for rule files: the catalog's when it exists (it may hold a newer ATT&CK), else the
    /// release compiled in; `convert` never creates a catalog.
    private func attackNames() throws -> AttackNames {
        if FileManager.default.fileExists(atPath: DatabaseLocation.resolve(explicit: database.db)) {
            return try database.openCatalog().attackNames()
        }
        return AttackCatalog.seed?.names ?? AttackNames.empty
    }

    /// Per language: its pipelines and query formats, from the registry.
    static var choicesHelp: String {
        ConverterRegistry.languages.map { language in
            "  \(language.key) (\(language.language)): pipelines "
                + (language.pipelines.isEmpty ? "none" : language.pipelines.joined(separator: ", "))
                + "; query formats " + language.queryFormatNames.joined(separator: ", ")
        }.joined(separator: "\n")
    }

    func run() throws {
        try runReportingErrors {
            let converter: Converter
            let attack = queryFormat == ElasticRuleFile.formatName ? try attackNames() : nil
            do throws(ConversionError) {
                converter = try Converter(target: target, pipeline: pipeline, queryTable: queryTable, queryFormat: queryFormat,
                                          attack: attack)
            } catch {
                throw UsageError(error.message)
            }
            if let rule {
                try convertCatalogRule(rule, converter: converter)
                return
            }
            try Self.convertFiles(paths, converter: converter, format: format)
        }
    }

    /// Converts rule files (folders expanded) and prints the queries or jsonl lines; exit status 1 when any failed.
    static func convertFiles(_ paths: [String], converter: Converter, format: Format) throws {
        let files = try Self.expand(paths)
        // Lines are built on the worker threads too: quoting thousands of queries is not negligible.
        let results = ParallelConversion.run(files: files, converter: converter) { path, result -> (String, Bool) in
            switch (format, result) {
            case (.jsonl, .success(let query)):
                // Each line stands alone, as the reference's output of that one file would.
                return (Self.jsonLine(path: path, key: "query", value: converter.finalizeOutput([query])), true)
            case (.jsonl, .failure(let error)):
                return (Self.jsonLine(path: path, key: "error", value: error.message), false)
            case (.text, .success(let query)):
                return (query, true)
            case (.text, .failure(let error)):
                return (Self.errorLine(path: path, error), false)
            }
        }
        var out = ""
        var failures = 0
        var errorLines: [String] = []
        var texts: [String] = []
        if format == .jsonl {
            out.reserveCapacity(results.reduce(0) { $0 + $1.0.utf8.count })
            for (line, ok) in results {
                out += line
                if !ok { failures += 1 }
            }
        } else {
            for (text, ok) in results {
                if ok { texts.append(text) } else {
                    failures += 1
                    errorLines.append(text)
                }
            }
            if !texts.isEmpty { out = converter.finalizeOutput(texts) + "\n" }
        }
        TerminalOutput.write(out)
        for line in errorLines { StdErr.print(line) }
        if failures > 0 { throw ExitCode(1) }
    }

    /// One catalog rule (with its scenario filters when asked): same output formats, `rule` instead of `path`.
    private func convertCatalogRule(_ id: String, converter: Converter) throws {
        let tunable = try database.openCatalog().tunableRule(id)
        let result = tunable.convert(with: converter, withExclusions: withExclusions)
        switch (format, result) {
        case (.jsonl, .success(let query)):
            print("{\"rule\": " + JSONText.quote(tunable.ruleID) + ", \"query\": " + JSONText.quote(converter.finalizeOutput([query])) + "}")
        case (.jsonl, .failure(let error)):
            print("{\"rule\": " + JSONText.quote(tunable.ruleID) + ", \"error\": " + JSONText.quote(error.message) + "}")
            throw ExitCode(1)
        case (.text, .success(let query)):
            print(converter.finalizeOutput([query]))
        case (.text, .failure(let error)):
            StdErr.print("rule \(tunable.ruleID): error: \(error.message)")
            throw ExitCode(1)
        }
    }

    /// The files of the command line: a path that is not a folder stays as given (the walker would keep it too,
    /// missing or not, for the parser to report), so only folders go through `RuleFileLister`, which costs a few
    /// file-system calls per path and is run for thousands of files.
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        files.reserveCapacity(paths.count)
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                files += try RuleFileLister.expand([path])
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Options of `convert` that take a value, and its flags (a test checks them against the parser's own list).
    static let valueOptions: Set<String> = ["--target", "--pipeline", "--query-format", "--query-table", "--format", "--rule", "--db"]
    static let flagOptions: Set<String> = ["--with-exclusions"]

    /// `convert`'s arguments (after the subcommand name) split into options with their values and rule paths,
    /// or nil when anything else is there (help, a terminator, an unknown option), which the parser must see.
    static func separatePaths(_ arguments: ArraySlice<String>) -> (options: [String], paths: [String])? {
        var options: [String] = []
        var paths: [String] = []
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let word = arguments[i]
            if !word.hasPrefix("-") {
                paths.append(word)
            } else if valueOptions.contains(word) {
                guard i + 1 < arguments.endIndex else { return nil }
                options += [word, arguments[i + 1]]
                i += 1
            } else if flagOptions.contains(word) {
                options.append(word)
            } else if let equals = word.firstIndex(of: "="), valueOptions.contains(String(word[..<equals])) {
                options.append(word)
            } else {
                return nil
            }
            i += 1
        }
        return (options, paths)
    }

    /// `{"path": ..., "key": ...}` and a newline, built in one string (a line per file of thousands).
    static func jsonLine(path: String, key: String, value: String) -> String {
        let quotedPath = JSONText.quote(path), quotedValue = JSONText.quote(value)
        var line = ""
        line.reserveCapacity(quotedPath.utf8.count + quotedValue.utf8.count + key.utf8.count + 16)
        line += "{\"path\": "
        line += quotedPath
        line += ", \""
        line += key
        line += "\": "
        line += quotedValue
        line += "}\n"
        return line
    }

    /// `path[:line:column]: error: reason`; rule diagnostics already carry their own prefix.
    static func errorLine(path: String, _ error: ConversionError) -> String {
        if error.message.hasPrefix(path + ":") { return error.message }
        if let position = error.position { return "\(path):\(position.line):\(position.column): error: \(error.message)" }
        return "\(path): error: \(error.message)"
    }
}

/// Parses and converts files on every core, results in input order.
enum ParallelConversion {
    /// Each file's result passed through `finish` on the worker that converted it.
    static func run<Output: Sendable>(files: [String], converter: Converter,
                                      finish: @Sendable @escaping (String, Result<String, ConversionError>) -> Output) -> [Output] {
        parallelMap(files) { finish($0, converter.convert(file: SigmaParser.parseFileWithoutWarnings(atPath: $0))) }
    }
}

/// `huntkb convert` of rule files parsed by hand when its arguments are plain: `--target`, `--pipeline`,
/// `--query-format`, `--query-table` and `--format`, each at most once, as `--option value` or `--option=value`,
/// then paths. The argument parser's set-up (reflection over every option) was about half of the instructions of
/// converting one file, a fixed cost paid before any worker starts. Anything else (help, `--rule`, `--db`, a
/// repeated or unknown option, a path that looks like an option, the Elastic rule file that reads the catalog)
/// returns nil and goes through the argument parser, so its messages and rules hold.
struct QuickConvert: ParsableCommand {
    var target = ""
    var pipeline: String?
    var queryFormat: String?
    var queryTable: String?
    var format = ConvertCommand.Format.text
    var paths: [String] = []

    init() {}

    /// Never called: the argument parser never builds this command (`ParsableArguments` is `Decodable`).
    init(from decoder: any Decoder) throws {
        self.init()
    }

    private static let valueOptions: Set<String> = ["target", "pipeline", "query-format", "query-table", "format"]

    static func parse(plain arguments: ArraySlice<String>) -> QuickConvert? {
        var quick = QuickConvert()
        var seen = Set<String>()
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let word = arguments[i]
            i += 1
            guard word.hasPrefix("-") else {
                quick.paths.append(word)
                continue
            }
            guard word.hasPrefix("--") else { return nil }
            var name = String(word.dropFirst(2))
            guard let value = PlainArguments.value(splitting: &name, from: arguments, at: &i) else { return nil }
            guard valueOptions.contains(name), seen.insert(name).inserted, !value.isEmpty, !value.hasPrefix("-") else { return nil }
            switch name {
            case "target": quick.target = value
            case "pipeline": quick.pipeline = value
            case "query-format": quick.queryFormat = value
            case "query-table": quick.queryTable = value
            default:
                guard let format = ConvertCommand.Format(rawValue: value) else { return nil }
                quick.format = format
            }
        }
        guard !quick.target.isEmpty, !quick.paths.isEmpty, quick.queryFormat != ElasticRuleFile.formatName else { return nil }
        return quick
    }

    func run() throws {
        try runReportingErrors {
            let converter: Converter
            do throws(ConversionError) {
                converter = try Converter(target: target, pipeline: pipeline, queryTable: queryTable, queryFormat: queryFormat,
                                          attack: nil)
            } catch {
                throw UsageError(error.message)
            }
            try ConvertCommand.convertFiles(paths, converter: converter, format: format)
        }
    }
}
