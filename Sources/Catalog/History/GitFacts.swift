import Foundation

/// What git says about the commit a folder was imported from.
public struct GitFacts: Sendable, Hashable, Codable {
    /// The work tree's top-level folder.
    public var topLevel: String
    /// Full commit id of HEAD.
    public var commit: String
    /// Committer date of HEAD, ISO 8601.
    public var commitDate: String?
    /// A tag pointing exactly at HEAD (`git describe --tags --exact-match`).
    public var tag: String?

    public init(topLevel: String, commit: String, commitDate: String? = nil, tag: String? = nil) {
        self.topLevel = topLevel
        self.commit = commit
        self.commitDate = commitDate
        self.tag = tag
    }

    /// Reads the facts for `path` (a file or folder) with the `git` command; nil when git is missing, the path is
    /// not inside a work tree, or the repository has no commit yet. Never throws: provenance is a bonus.
    public static func read(at path: String) -> GitFacts? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return nil }
        let folder = isDir.boolValue ? path : (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        guard let top = git(["rev-parse", "--show-toplevel"], in: dir),
              let commit = git(["rev-parse", "--verify", "-q", "HEAD"], in: dir) else { return nil }
        return GitFacts(topLevel: top, commit: commit,
                        commitDate: git(["log", "-1", "--format=%cI", "HEAD"], in: dir),
                        tag: git(["describe", "--tags", "--exact-match", "HEAD"], in: dir))
    }

    /// Runs `git -C dir args...`; the trimmed first line of its output when it exits 0, else nil.
    static func git(_ arguments: [String], in dir: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", dir] + arguments
        var environment = ProcessInfo.processInfo.environment
        // Never prompt, never page, and ignore the user's config that could change output formats.
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_PAGER"] = "cat"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces)
        guard let line, !line.isEmpty else { return nil }
        return line
    }
}
