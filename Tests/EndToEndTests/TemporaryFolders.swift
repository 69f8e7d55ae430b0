import Foundation

/// Folders the tests make, removed when the test process exits (a failing test leaves none behind either).
enum TemporaryFolders {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [URL] = []
    nonisolated(unsafe) private static var installed = false

    /// A new empty folder `prefix-UUID` in the temporary directory.
    static func make(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        lock.lock()
        defer { lock.unlock() }
        if !installed {
            installed = true
            atexit { TemporaryFolders.removeAll() }
        }
        made.append(url)
        return url
    }

    static func removeAll() {
        lock.lock()
        let urls = made
        made = []
        lock.unlock()
        for url in urls { try? FileManager.default.removeItem(at: url) }
    }
}
