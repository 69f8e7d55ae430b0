import Foundation
import SigmaConvert
import SigmaKit

/// One conversion outcome, computed off the write transaction.
struct GeneratedQuery: Sendable {
    var target: String
    /// Empty when none.
    var pipeline: String
    var result: Result<String, ConversionError>

    var key: String { pipeline.isEmpty ? target : "\(target)/\(pipeline)" }
}

/// Generates a rule's queries for a set of targets with SigmaConvert's `Converter`.
public struct QueryGenerator: Sendable {
    /// Recorded with every stored query; a different value makes stored queries stale.
    public static var generatorVersion: String { Converter.generatorVersion }

    /// Every target the converter offers (`kusto/sentinel_asim`, ..., `splunk`, `lucene`).
    public static var allTargetKeys: [String] { Converter.targets.map(\.key) }

    /// Target keys named by a comma-separated list of keys or aliases, `all` or `none`; the error lists the
    /// valid names.
    public static func targetKeys(list text: String) throws -> [String] {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "all": return allTargetKeys
        case "none", "": return []
        default:
            var keys: [String] = []
            for raw in text.split(separator: ",") {
                let name = raw.trimmingCharacters(in: .whitespaces)
                if name.isEmpty { continue }
                guard let found = Converter.target(named: name) else {
                    throw CatalogError.invalidFilter("unknown target '\(name)' (expected one of: \(ConverterRegistry.targetNames.joined(separator: ", ")), all or none)")
                }
                if !keys.contains(found.key) { keys.append(found.key) }
            }
            return keys
        }
    }

    let converters: [(target: String, pipeline: String, converter: Converter)]

    /// - Parameter keys: target keys of `Converter.targets`; unknown keys are an error.
    public init(targetKeys keys: [String]) throws {
        var converters: [(String, String, Converter)] = []
        for key in keys {
            guard let description = Converter.target(key: key) ?? Converter.target(named: key) else {
                throw CatalogError.invalidFilter("unknown query target '\(key)' (expected one of: \(Self.allTargetKeys.joined(separator: ", ")))")
            }
            do {
                let converter = try Converter(description)
                converters.append((description.target, description.pipeline ?? "", converter))
            } catch {
                throw CatalogError.invalidFilter("query target '\(key)': \(error)")
            }
        }
        self.converters = converters
    }

    /// The keys `init(targetKeys:)` would store queries under, without building any converter.
    static func keys(targetKeys: [String]) throws -> [String] {
        try targetKeys.map { key in
            guard let description = Converter.target(key: key) ?? Converter.target(named: key) else {
                throw CatalogError.invalidFilter("unknown query target '\(key)' (expected one of: \(Self.allTargetKeys.joined(separator: ", ")))")
            }
            let pipeline = description.pipeline ?? ""
            return pipeline.isEmpty ? description.target : "\(description.target)/\(pipeline)"
        }
    }

    var keys: [String] { converters.map { $0.pipeline.isEmpty ? $0.target : "\($0.target)/\($0.pipeline)" } }
    var isEmpty: Bool { converters.isEmpty }

    /// Queries of one rule; `filters` are the filter documents of the same file that name the rule.
    func generate(_ rule: SigmaRule, filters: [SigmaFilter] = []) -> [GeneratedQuery] {
        converters.map { entry in
            GeneratedQuery(target: entry.target, pipeline: entry.pipeline,
                           result: entry.converter.convert(rule, excluding: filters))
        }
    }

    /// Queries of a whole file (a legacy multi-document collection stored as one rule), joined per target.
    func generate(file: SigmaFile) -> [GeneratedQuery] {
        converters.map { entry in
            GeneratedQuery(target: entry.target, pipeline: entry.pipeline, result: entry.converter.convert(file: file))
        }
    }

    /// Filters of a file that apply to `rule` (by id or name), as the converter's file mode does.
    static func filters(in documents: [SigmaDocument], for rule: SigmaRule) -> [SigmaFilter] {
        documents.compactMap { document -> SigmaFilter? in
            guard case .filter(let filter) = document else { return nil }
            let applies = filter.rules.contains { $0 == rule.id || (rule.name != nil && $0 == rule.name) }
            return applies ? filter : nil
        }
    }
}
