import Foundation

/// A folder that `huntkb guide --output` or `huntkb site` writes into, replacing and removing only files that
/// carry its marker, so a team's own files in the folder are never touched.
struct GeneratedFolder {
    struct Result {
        var written: Int
        var removed: Int
    }

    var dir: String
    /// The command named in messages, e.g. `huntkb guide`.
    var producer: String
    /// Sub-folders it may write into (one level); files elsewhere are refused.
    var subfolders: [String] = []
    /// Endings of the files an earlier run may have left that this run removes when it no longer writes them.
    var removableSuffixes: [String]
    /// Whether a file's first bytes are this producer's marker.
    var isMarked: (String) -> Bool

    /// The folder exists (created if missing) and is a folder that can be written.
    func prepare() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir, isDirectory: &isDir) {
            if !isDir.boolValue { throw FatalError("\(dir): exists and is not a folder") }
        } else {
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw FatalError("\(dir): cannot create folder: \(error.localizedDescription)")
            }
        }
        if !fm.isWritableFile(atPath: dir) { throw FatalError("\(dir): folder is not writable") }
    }

    /// Writes every file, or nothing when one would replace a file this producer did not write.
    func write(_ files: [(path: String, contents: String)]) throws -> Result {
        let fm = FileManager.default
        try prepare()
        let base = URL(fileURLWithPath: dir, isDirectory: true)
        var foreign: [String] = []
        for folder in subfolders {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: base.appendingPathComponent(folder).path, isDirectory: &isDir), !isDir.boolValue {
                foreign.append(folder)
            }
        }
        for file in files {
            guard isSafePath(file.path) else { throw FatalError("refusing unsafe file name '\(file.path)'") }
            let path = base.appendingPathComponent(file.path).path
            if let attributes = try? fm.attributesOfItem(atPath: path) {
                if attributes[.type] as? FileAttributeType != .typeRegular || !isGenerated(path) { foreign.append(file.path) }
            }
        }
        if !foreign.isEmpty {
            let one = foreign.count == 1
            throw FatalError("\(dir): \(foreign.prefix(5).joined(separator: ", "))\(foreign.count > 5 ? ", ..." : "") "
                             + "exist\(one ? "s" : "") and \(one ? "was" : "were") not written by \(producer); "
                             + "move \(one ? "it" : "them") or choose another folder")
        }
        for folder in subfolders {
            let path = base.appendingPathComponent(folder).path
            do {
                try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw FatalError("\(path): cannot create folder: \(error.localizedDescription)")
            }
        }
        for file in files {
            let url = base.appendingPathComponent(file.path)
            do {
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw FatalError("\(url.path): cannot write: \(error.localizedDescription)")
            }
        }
        // Files of an earlier run that this run no longer produces (a rule removed, a filter narrowed).
        let keep = Set(files.map(\.path))
        var removed = 0
        for folder in [""] + subfolders {
            let folderURL = folder.isEmpty ? base : base.appendingPathComponent(folder)
            for name in ((try? fm.contentsOfDirectory(atPath: folderURL.path)) ?? []).sorted() {
                let relative = folder.isEmpty ? name : folder + "/" + name
                guard !keep.contains(relative), removableSuffixes.contains(where: name.hasSuffix) else { continue }
                let path = folderURL.appendingPathComponent(name).path
                guard let attributes = try? fm.attributesOfItem(atPath: path),
                      attributes[.type] as? FileAttributeType == .typeRegular, isGenerated(path) else { continue }
                if (try? fm.removeItem(atPath: path)) != nil { removed += 1 }
            }
        }
        return Result(written: files.count, removed: removed)
    }

    /// Paths are built from ids, in the folder or one of its sub-folders; anything else is refused.
    func isSafePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, !path.contains("\\") else { return false }
        if parts.count == 2, !subfolders.contains(String(parts[0])) { return false }
        return parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("..") }
    }

    /// Whether the file starts with the producer's marker.
    func isGenerated(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 128)) ?? Data()
        return isMarked(String(decoding: head, as: UTF8.self))
    }
}
