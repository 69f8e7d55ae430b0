import Foundation
@testable import huntkb
import Catalog
import Testing

/// Commands that only read leave the catalog file exactly as it was; failures end with their category's status.
@Suite struct ReadOnlyCommandTests {
    static let cron = "6b14bac8-3e3a-4324-8109-42f0546a347f"

    /// The catalog's bytes and modification time, and its write-ahead log's size (0 when absent).
    static func state(_ path: String) throws -> (bytes: Data, modified: Date?, wal: Int) {
        let fm = FileManager.default
        let modified = try fm.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let wal = (try? fm.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        return (try Data(contentsOf: URL(fileURLWithPath: path)), modified, wal)
    }

    @Test func readingCommandsLeaveTheCatalogFileAsItWas() throws {
        let kb = try HuntKBRunner()
        guard HuntKBRunner.binary != nil else { return }
        // The first command creates and seeds the catalog.
        #expect(try kb.run(["search", "--format", "json"]).status == 0)
        let before = try Self.state(kb.databasePath)
        for arguments in [["search", "--technique", "T1053", "--format", "json"], ["search", "cron", "--format", "csv"],
                          ["show", "6b14"], ["show", "--format", "json", Self.cron], ["guide", "--rule", Self.cron, "--no-timestamp"],
                          ["queries", "--target", "splunk", "--format", "json"], ["history", Self.cron], ["changes"]] {
            let result = try kb.run(arguments)
            #expect(result.status == 0 && !result.stdout.isEmpty, "\(arguments): \(result.stderr)")
            let after = try Self.state(kb.databasePath)
            #expect(after.bytes == before.bytes, "\(arguments) changed the catalog file")
            #expect(after.modified == before.modified, "\(arguments) wrote to the catalog file")
            #expect(after.wal == 0, "\(arguments) wrote to the write-ahead log")
        }
        // A command that writes still can, right after the read-only ones.
        let set = try kb.run(["status", "set", Self.cron, "deployed"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(try kb.run(["show", "--format", "json", Self.cron]).stdout.contains("deployed"))
    }

    @Test func aReadingCommandCreatesAMissingCatalogWithTheSeed() throws {
        let kb = try HuntKBRunner()
        guard HuntKBRunner.binary != nil else { return }
        let result = try kb.run(["show", "--format", "json", Self.cron])
        #expect(result.status == 0 && result.stdout.contains("Scheduled Cron Task/Job"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: kb.databasePath))
    }

    @Test func eachErrorCategoryEndsWithItsDocumentedStatus() throws {
        #expect(CommandFailure.status(of: .usage) == 64)
        #expect(CommandFailure.status(of: .fatal) == 2)
        let usage = CommandFailure(CatalogError.invalidFilter("unknown level 'x'"))
        #expect(usage.status == 64 && usage.line == "huntkb: error: unknown level 'x'")
        #expect(CommandFailure(CatalogError.ruleNotFound("ffff")).status == 2)
        #expect(CommandFailure(LifecycleError.invalidOption("--kind: bad")).status == 64)
        #expect(CommandFailure(LifecycleError.unknownSource("nope")).line == "huntkb: error: no import run of source 'nope'")
        #expect(CommandFailure(UsageError("bad")).status == 64)
        #expect(CommandFailure(FatalError("gone")).status == 2)
        #expect(CommandFailure(CocoaError(.fileNoSuchFile)).status == 2, "anything unknown is fatal")
        let profile = CommandFailure(ProfileFileError(line: "config.toml:1:1: error: bad"))
        #expect(profile.status == 2 && profile.line == "config.toml:1:1: error: bad")
        // And through the binary: a bad filter value is a usage error, an unknown rule a fatal one.
        let kb = try HuntKBRunner()
        guard HuntKBRunner.binary != nil else { return }
        #expect(try kb.run(["search", "--level", "extreme"]).status == 64)
        #expect(try kb.run(["show", "ffffffff"]).status == 2)
        #expect(try kb.run(["changes", "--source", "nope"]).status == 2)
    }

    @Test func huntkbNowDatesWhatCommandsRecord() throws {
        var kb = try HuntKBRunner()
        guard HuntKBRunner.binary != nil else { return }
        kb.environment["HUNTKB_NOW"] = "2021-03-04"
        #expect(try kb.run(["status", "set", Self.cron, "deployed"]).status == 0)
        let history = try kb.run(["history", Self.cron, "--format", "json"])
        #expect(history.stdout.contains("\"2021-03-04T00:00:00Z\""), "\(history.stdout)")
        let changes = try kb.run(["changes", "--list-imports", "--format", "json"])
        #expect(changes.stdout.contains("2021-03-04T00:00:00Z"), "the seed's import run: \(changes.stdout)")
    }
}
