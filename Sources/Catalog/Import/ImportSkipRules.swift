import Foundation
import Yams

/// Decides which rejected files of a folder walk are skipped instead: a scheduled import of a SigmaHQ clone must
/// exit 0 when nothing a person must look at went wrong.
///
/// Only files found by walking a folder qualify; a file named on the command line is meant to be a rule. The
/// check runs on the rejection path only, so accepted rules pay nothing for it.
enum ImportSkipRules {
    /// Keys that make a YAML mapping a Sigma document (or an attempt at one, which must then be reported).
    static let sigmaKeys: Set<String> = ["title", "detection", "correlation", "filter", "action"]

    static func skip(_ file: RuleImporter.LoadedFile, rejection: ImportRejection) -> ImportSkip? {
        let input = file.input
        guard input.foundInFolder else { return nil }
        if let text = file.text, isNotSigma(text) {
            return ImportSkip(path: input.displayPath, reason: .notSigma,
                              detail: "no YAML document has a title, detection, correlation or filter")
        }
        if input.area != .active {
            return ImportSkip(path: input.displayPath, reason: .retired, detail: rejection.description)
        }
        return nil
    }

    /// True when the text is well-formed YAML and no document is a mapping with one of `sigmaKeys`
    /// (settings, test metadata, lists). Broken YAML is not skipped: it may be a rule someone broke.
    static func isNotSigma(_ text: String) -> Bool {
        guard let parser = try? Parser(yaml: text, resolver: .basic, encoding: .utf8) else { return false }
        do {
            while let root = try parser.nextRoot() {
                if case .mapping(let mapping) = root,
                   mapping.keys.contains(where: { sigmaKeys.contains($0.string ?? "") }) { return false }
            }
        } catch {
            return false
        }
        return true
    }
}
