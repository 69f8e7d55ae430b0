import Foundation
import Testing

/// The site in a real browser: Debian's chromium, headless, on a site built from the seeded catalog.
/// CI runs the same script on a site built from the shared corpus.
@Suite struct SiteBrowserTests {
    static var chromium: String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    @Test(.enabled(if: SiteBrowserTests.chromium != nil, "chromium is not installed (apt-get install chromium)"))
    func seedSiteInHeadlessChromium() throws {
        let dir = try GuideCLI.tempDir("site-browser")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("c.sqlite")
        let out = dir.appendingPathComponent("site")
        let built = try GuideCLI.run(["site", "--output", out.path], db: db)
        #expect(built.status == 0, "\(built.stderr)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [GuideCLI.packageRoot.appendingPathComponent("Scripts/site-browser-check.sh").path,
                             out.path, dir.appendingPathComponent("shots").path, "2"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("ok: search for \(SiteCommandTests.cronID) finds its rule page"), "\(text)")
        #expect(text.contains("ok: rule page rules/\(SiteCommandTests.cronID).html has a KQL block"), "\(text)")
        for shot in ["index.png", "technique.png", "rule.png", "search.png"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("shots/\(shot)").path)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(shot) is \(size) bytes")
        }
    }
}
