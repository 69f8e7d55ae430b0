import SigmaKit

/// Decides which rejected files of a folder walk are skipped instead: a scheduled import of a SigmaHQ clone must
/// exit 0 when nothing a person must look at went wrong.
///
/// Only files found by walking a folder qualify; a file named on the command line is meant to be a rule and keeps
/// its error. The decision reads the parser's diagnostics (no second YAML pass, so the parser's depth and alias
/// limits protect it too).
enum ImportSkipRules {
    /// Errors meaning "this YAML document is not a Sigma document at all".
    static let notSigmaCodes: Set<String> = ["not-sigma", "empty-file"]
    /// Errors a mapping with neither title nor detection (settings, test metadata) produces.
    static let missingCoreCodes: Set<String> = ["missing-title", "missing-detection", "missing-logsource"]

    /// True when the parse found no Sigma document and every error says a document is not one: no mapping
    /// (a list, a scalar, nothing), or a mapping without title and detection.
    static func isNotSigma(_ sigma: SigmaFile) -> Bool {
        let errors = sigma.errors
        guard sigma.documents.isEmpty, !errors.isEmpty else { return false }
        let codes = Set(errors.map(\.code))
        let lacksTitleAndDetection = codes.contains("missing-title") && codes.contains("missing-detection")
        return errors.allSatisfy { error in
            notSigmaCodes.contains(error.code)
                || (error.code == "wrong-type" && error.message.hasPrefix("a Sigma document must be a map"))
                || (lacksTitleAndDetection && missingCoreCodes.contains(error.code))
        }
    }

    /// The skip for a rejected file kept by SigmaHQ under `deprecated/` or `unsupported/` (old `| count()`
    /// aggregations and the like), nil for any other rejection.
    static func retired(_ input: RuleFileInput, rejection: ImportRejection) -> ImportSkip? {
        guard input.foundInFolder, input.area != .active else { return nil }
        return ImportSkip(path: input.displayPath, reason: .retired, detail: rejection.description)
    }
}
