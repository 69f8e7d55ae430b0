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
            guard fm.isReadableFile(atPath: argument), var found = walk(base) else {
                missing.append(MissingRulePath(path: argument, reason: "cannot read the folder"))
                continue
            }
            found.sort()
            let prefix = argument.hasSuffix("/") ? argument : argument + "/"
            for path in found {
                let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
                if seen.insert(path).inserted {
                    files.append(RuleFileInput(displayPath: prefix + relative, absolutePath: path, foundInFolder: true))
                }
            }
        }
        return (files, missing)
    }

    /// Rule files under `folder` (absolute, standardized), unsorted; nil when the folder cannot be opened.
    ///
    /// POSIX `readdir` with the entry type it returns: Foundation's enumerator and `URL.resourceValues` cost more
    /// than reading and hashing every file of a SigmaHQ clone, which made them most of an unchanged re-import.
    static func walk(_ folder: String) -> [String]? {
        guard let top = opendir(folder) else { return nil }
        closedir(top)
        var found: [String] = []
        var pending = [folder]
        while let path = pending.popLast() {
            guard let dir = opendir(path) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                var kind = entry.pointee.d_type
                let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                // Hidden files and folders (and . and ..) are skipped, as `.skipsHiddenFiles` did.
                if name.hasPrefix(".") { continue }
                let child = path + "/" + name
                if kind == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(child, &info) == 0 else { continue }
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: kind = UInt8(DT_DIR)
                    case S_IFLNK: kind = UInt8(DT_LNK)
                    case S_IFREG: kind = UInt8(DT_REG)
                    default: continue
                    }
                }
                if kind == UInt8(DT_DIR) {
                    pending.append(child)
                } else if (kind == UInt8(DT_REG) || kind == UInt8(DT_LNK)) && isRuleFileName(name) {
                    if kind == UInt8(DT_LNK) {
                        // A link counts when it leads to a regular file; links to folders are not walked.
                        var info = stat()
                        guard stat(child, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                    }
                    found.append(child)
                }
            }
        }
        return found
    }

    /// `*.yml` / `*.yaml` in any case.
    static func isRuleFileName(_ name: String) -> Bool {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ext = name.utf8[name.utf8.index(after: dot)...]
        guard ext.count == 3 || ext.count == 4 else { return false }
        let lower = String(decoding: ext.map { $0 | 0x20 }, as: UTF8.self)
        return lower == "yml" || lower == "yaml"
    }
}
