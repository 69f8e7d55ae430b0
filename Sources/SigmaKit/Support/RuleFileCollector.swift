import Foundation

/// One file to import: how to show it and where it really is.
public struct RuleFileInput: Sendable, Hashable {
    /// Where SigmaHQ keeps a file: the active rule folders, or the ones it keeps on purpose for reference.
    public enum Area: Sendable, Hashable {
        case active
        /// Under a `deprecated/` folder: replaced rules, kept for reference.
        case deprecated
        /// Under an `unsupported/` folder: rules current Sigma cannot express.
        case unsupported
    }

    /// As the user gave it, or the folder they gave joined with the relative path.
    public var displayPath: String
    /// Absolute, standardized: stored as the rule's source path.
    public var absolutePath: String
    /// True when the file was found by walking a folder (not named on the command line): only such files may be
    /// skipped as "not a Sigma rule", because a file the user named is meant to be one.
    public var foundInFolder: Bool
    /// The area by the folders of the absolute path (so `import sigma/deprecated` knows what it walks).
    public var area: Area

    public init(displayPath: String, absolutePath: String, foundInFolder: Bool = false, area: Area? = nil) {
        self.displayPath = displayPath
        self.absolutePath = absolutePath
        self.foundInFolder = foundInFolder
        self.area = area ?? Self.area(of: absolutePath)
    }

    /// The area named by the path's folders (`deprecated` / `unsupported`, any case).
    static func area(of path: String) -> Area {
        let folders = path.split(separator: "/").dropLast().map { $0.lowercased() }
        if folders.contains("deprecated") { return .deprecated }
        if folders.contains("unsupported") { return .unsupported }
        return .active
    }
}

/// A command-line path that names nothing readable: the whole command is refused before anything is done.
public struct MissingRulePath: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// The one file walker of `import`, `validate` and `convert`: files as given, folders recursively
/// (`*.yml` / `*.yaml` in any case, sorted by path, hidden files and folders skipped: a SigmaHQ clone's
/// `.github/workflows/*.yml` are not rules). Symbolic links to files are followed; links to folders are not
/// walked (a link cycle cannot loop).
public enum RuleFileCollector {
    /// The files named and found, and the paths that name nothing (missing or unreadable folders).
    public static func collect(_ arguments: [String]) -> (files: [RuleFileInput], missing: [MissingRulePath]) {
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        var files: [RuleFileInput] = []
        var missing: [MissingRulePath] = []
        var seen = Set<String>()
        func absolute(_ path: String) -> String {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: cwd).appendingPathComponent(path)
            return url.standardizedFileURL.path
        }
        for argument in arguments {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDir) else {
                missing.append(MissingRulePath(path: argument, reason: "no such file or directory"))
                continue
            }
            guard isDir.boolValue else {
                let abs = absolute(argument)
                if seen.insert(abs).inserted { files.append(RuleFileInput(displayPath: argument, absolutePath: abs)) }
                continue
            }
            let base = absolute(argument)
            guard fm.isReadableFile(atPath: argument),
                  let walker = fm.enumerator(at: URL(fileURLWithPath: base), includingPropertiesForKeys: [.isRegularFileKey],
                                             options: [.skipsHiddenFiles]) else {
                missing.append(MissingRulePath(path: argument, reason: "cannot read the folder"))
                continue
            }
            var found: [String] = []
            for case let url as URL in walker {
                let ext = url.pathExtension.lowercased()
                guard ext == "yml" || ext == "yaml" else { continue }
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    found.append(url.standardizedFileURL.path)
                }
            }
            let prefix = argument.hasSuffix("/") ? argument : argument + "/"
            for path in found.sorted() {
                let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
                if seen.insert(path).inserted {
                    files.append(RuleFileInput(displayPath: prefix + relative, absolutePath: path, foundInFolder: true))
                }
            }
        }
        return (files, missing)
    }
}
