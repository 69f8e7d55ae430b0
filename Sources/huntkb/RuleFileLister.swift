import Foundation

/// Expands command-line paths the way `huntkb import` does, for `convert` and `validate`.
///
/// Files are kept as given; folders are searched recursively for `.yml`/`.yaml` files (any case), sorted. Hidden
/// files and folders are skipped: a SigmaHQ clone's `.github/workflows/*.yml` are not rules.
enum RuleFileLister {
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path) // a file, or a missing path the parser reports, in order
                continue
            }
            guard let enumerator = fm.enumerator(atPath: path) else { throw FatalError("cannot list folder \(path)") }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let isFolder = (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory
                if name.hasPrefix(".") {
                    if isFolder { enumerator.skipDescendants() }
                    continue
                }
                let ext = (name as NSString).pathExtension.lowercased()
                if !isFolder, ext == "yml" || ext == "yaml" {
                    found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                }
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }
}
