import Catalog
import Foundation
import SigmaKit

/// Expands command-line paths for `convert` and `validate` with the import's walker (`RuleFileCollector`).
///
/// Files are kept as given; folders are searched recursively for `.yml`/`.yaml` files (any case), sorted, hidden
/// files and folders skipped. A path that names nothing is kept in its place, for the parser to report.
enum RuleFileLister {
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            let (found, missing) = RuleFileCollector.collect([path])
            if let missing = missing.first {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    throw FatalError("cannot list folder \(missing.path)")
                }
                files.append(path)
            } else {
                files.append(contentsOf: found.map(\.displayPath))
            }
        }
        return files
    }
}
