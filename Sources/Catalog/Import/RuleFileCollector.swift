import Foundation

/// One file to import: how to show it and where it really is.
struct RuleFileInput: Sendable {
    /// As the user gave it, or the folder they gave joined with the relative path.
    var displayPath: String
    /// Absolute, standardized: stored as the rule's source path.
    var absolutePath: String
}

/// Expands import arguments: files as given, folders recursively (`*.yml`, `*.yaml`, sorted, hidden skipped).
enum RuleFileCollector {
    static func collect(_ arguments: [String]) -> (files: [RuleFileInput], missing: [ImportRejection]) {
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        var files: [RuleFileInput] = []
        var missing: [ImportRejection] = []
        var seen = Set<String>()
        func absolute(_ path: String) -> String {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: cwd).appendingPathComponent(path)
            return url.standardizedFileURL.path
        }
        func add(_ display: String, _ abs: String) {
            if seen.insert(abs).inserted { files.append(RuleFileInput(displayPath: display, absolutePath: abs)) }
        }
        for argument in arguments {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDir) else {
                missing.append(ImportRejection(path: argument, message: "no such file or directory"))
                continue
            }
            guard isDir.boolValue else {
                add(argument, absolute(argument))
                continue
            }
            let base = absolute(argument)
            guard let walker = fm.enumerator(at: URL(fileURLWithPath: base), includingPropertiesForKeys: [.isRegularFileKey],
                                             options: [.skipsHiddenFiles]) else {
                missing.append(ImportRejection(path: argument, message: "cannot read directory"))
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
                add(prefix + relative, path)
            }
        }
        return (files, missing)
    }
}
