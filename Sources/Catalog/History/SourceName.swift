import Foundation

/// Names of rule sources.
///
/// A *source* is a collection of rule files imported together again and again: a SigmaHQ checkout, a team's
/// rule repository, a vendor folder. Each rule belongs to the source that last imported it. The name is
/// `--source NAME` or, by default, the git repository's folder name when the first path is inside a work tree,
/// else the slug of the path's last component (of a file's folder for a file).
public enum SourceName {
    /// The source of rules compiled into the binary.
    public static let seed = "huntkb-seed"
    /// Used when nothing better can be derived (in-memory texts with bare names).
    public static let fallback = "local"

    /// Lower-case letters, digits, `.`, `_` and `-`; any other run of characters becomes one `-`.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let c = Character(scalar)
            if scalar.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-") {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(c)
            } else {
                pendingDash = true
            }
        }
        while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix(".") || out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(64))
    }

    /// The default name for an import of `paths`.
    public static func derive(paths: [String], git: GitFacts?) -> String {
        if let git {
            let name = slug((git.topLevel as NSString).lastPathComponent)
            if !name.isEmpty { return name }
        }
        guard let first = paths.first else { return fallback }
        if first.hasPrefix(SeedLoader.sourcePrefix) { return seed }
        let standardized = (first as NSString).standardizingPath
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: standardized, isDirectory: &isDir)
        let absolute = standardized.hasPrefix("/") ? standardized
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(standardized)
        let folder = exists && isDir.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
        let name = slug((folder as NSString).lastPathComponent)
        return name.isEmpty ? fallback : name
    }

    /// Checks a name given with `--source`: 1 to 64 of the slug characters.
    public static func validate(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, slug(trimmed) == trimmed.lowercased(), !slug(trimmed).isEmpty else {
            throw LifecycleError.invalidOption("--source: '\(name)' is not a source name (use letters, digits, '.', '_' and '-')")
        }
        return trimmed.lowercased()
    }
}
