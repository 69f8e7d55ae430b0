@testable import Catalog
import Foundation
import GRDB

/// A throwaway git repository of rule files, committed with fixed names and dates so runs are reproducible.
struct HistoryRepo {
    let root: URL

    /// A new repository; throws when the git command is not available (these tests need it).
    static func make() throws -> HistoryRepo {
        let repo = HistoryRepo(root: try Fixtures.tempDir())
        _ = try repo.git(["init", "-q"])
        return repo
    }

    func write(_ files: [String: String]) throws {
        try Fixtures.write(files, in: root)
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(name))
    }

    func move(_ from: String, _ to: String) throws {
        let target = root.appendingPathComponent(to)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: root.appendingPathComponent(from), to: target)
    }

    /// Commits everything with the given committer date; returns the commit id.
    @discardableResult
    func commit(_ message: String, date: String, tag: String? = nil) throws -> String {
        _ = try git(["add", "-A"])
        _ = try git(["commit", "-q", "-m", message], date: date)
        if let tag { _ = try git(["tag", tag], date: date) }
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct GitFailure: Error, CustomStringConvertible {
        var description: String
    }

    func git(_ arguments: [String], date: String = "2020-01-01T00:00:00Z") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Tester", "GIT_AUTHOR_EMAIL": "tester@example.org", "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": "Tester", "GIT_COMMITTER_EMAIL": "tester@example.org", "GIT_COMMITTER_DATE": date,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFailure(description: "git \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Reading back what the history recorded.
enum HistoryProbe {
    struct Event: Hashable, CustomStringConvertible {
        var rule: String
        var kind: String
        var old: String?
        var new: String?
        var fields: [String] = []
        var detail: String?

        var description: String {
            "\(rule) \(kind) \(old ?? "nil")→\(new ?? "nil") \(fields) \(detail ?? "")"
        }
    }

    /// Events of one run, in order, with paths made relative to `root`.
    static func events(_ db: AppDatabase, run: Int64, root: URL? = nil) throws -> [Event] {
        try db.writer.read { db in
            try RuleEventRecord.filter(Column("run_id") == run).order(Column("id")).fetchAll(db).map { e in
                var detail = e.detail
                if let root, let d = detail, d.hasPrefix(root.standardizedFileURL.path + "/") {
                    detail = String(d.dropFirst(root.standardizedFileURL.path.count + 1))
                }
                return Event(rule: e.ruleId, kind: e.kind, old: e.oldValue, new: e.newValue, fields: e.fieldList, detail: detail)
            }
        }
    }

    static func eventCount(_ db: AppDatabase) throws -> Int {
        try db.writer.read { try RuleEventRecord.fetchCount($0) }
    }

    static func removed(_ db: AppDatabase) throws -> [String] {
        try db.writer.read {
            try String.fetchAll($0, sql: "SELECT rule_id FROM rule_lifecycle WHERE removed_run IS NOT NULL ORDER BY rule_id")
        }
    }

    static func owner(_ db: AppDatabase, _ id: String) throws -> String? {
        try db.writer.read { try String.fetchOne($0, sql: "SELECT source FROM rule_lifecycle WHERE rule_id = ?", arguments: [id]) }
    }
}
