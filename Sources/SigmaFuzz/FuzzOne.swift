import Foundation
import SigmaConvert
import SigmaKit

/// One fuzz input through the rule front end: YAML loading, the rule builder and validation, the condition
/// parser on the input's first line, and conversion of what parsed to every query language.
enum FuzzOne {
    static let converters: [Converter] = Converter.languageNames.compactMap { try? Converter(target: $0, pipeline: nil) }

    static func run(_ data: Data) {
        let file = SigmaParser.parse(data: data, path: "fuzz.yml")
        for converter in converters {
            _ = converter.convert(file: file)
        }
        // The condition grammar on its own, with names the input may use.
        if let line = String(data: data.prefix(4096), encoding: .utf8)?.split(separator: "\n").first {
            _ = try? ConditionParser(detectionNames: ["sel", "selection", "filter", "filter_main", "keywords"]).parse(String(line))
        }
        _ = file.diagnostics.map(\.description)
    }
}
