import Foundation

/// Runs the built `huntkb` binary with a private environment and captures its output.
struct HuntKBRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (where Package.swift is).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle's build products, else the newest one under the package's .build folders.
    static let binary: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = []
        for base in [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()].compactMap({ $0 }) {
            candidates.append(base.appendingPathComponent("huntkb"))
            candidates.append(base.deletingLastPathComponent().appendingPathComponent("huntkb"))
        }
        if let first = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) { return first }
        var found: [(URL, Date)] = []
        let builds = (try? fm.contentsOfDirectory(atPath: packageRoot.path))?.filter { $0.hasPrefix(".build") } ?? []
        for build in builds {
            for config in ["debug", "release"] {
                let url = packageRoot.appendingPathComponent(build).appendingPathComponent(config).appendingPathComponent("huntkb")
                if fm.isExecutableFile(atPath: url.path),
                   let date = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date {
                    found.append((url, date))
                }
            }
        }
        return found.max { $0.1 < $1.1 }?.0
    }()

    /// A private folder per runner; the catalog defaults to `dir/kb/huntkb.sqlite` via HUNTKB_DB.
    let dir: URL
    var environment: [String: String]

    init() throws {
        dir = try TemporaryFolders.make("huntkb-e2e")
        environment = ["PATH": "/usr/bin:/bin", "HOME": dir.path, "HUNTKB_DB": dir.appendingPathComponent("kb/huntkb.sqlite").path,
                       "NO_COLOR": "1"]
    }

    var databasePath: String { environment["HUNTKB_DB"] ?? "" }

    /// Writes a file under the runner's folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func run(_ arguments: [String], in cwd: URL? = nil) throws -> Result {
        guard let binary = Self.binary else { throw RunnerError.noBinary }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = cwd ?? dir
        let out = dir.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = dir.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    enum RunnerError: Error, CustomStringConvertible {
        case noBinary
        var description: String { "huntkb binary not found next to the tests or under .build*/debug" }
    }
}

/// Inline Sigma rules for end-to-end tests.
enum E2EFixtures {
    static func rule(id: String, title: String, level: String = "medium", tags: [String] = ["attack.t1053.003"]) -> String {
        """
        title: \(title)
        id: \(id)
        status: test
        description: End-to-end fixture.
        author: Tester
        date: 2024-01-01
        tags:
        \(tags.map { "    - \($0)" }.joined(separator: "\n"))
        logsource:
            product: linux
            category: process_creation
        detection:
            selection:
                Image|endswith: '/crontab'
            condition: selection
        level: \(level)

        """
    }

    static func id(_ n: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", n) }

    static let cronID = "6b14bac8-3e3a-4324-8109-42f0546a347f"
}
