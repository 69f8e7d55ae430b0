import Foundation
import Testing

/// `convert` hands many rule paths to the command without the argument parser (whose cost grows with the square
/// of their count): wherever the paths and options stand, the result must be what the parser alone gives.
@Suite struct ConvertManyPathsTests {
    /// Options and flags the fast path knows (ConvertCommand.valueOptions / flagOptions).
    static let valueOptions: Set<String> = ["--target", "--pipeline", "--query-format", "--query-table", "--format", "--rule", "--db"]
    static let flagOptions: Set<String> = ["--with-exclusions"]

    static func files(_ kb: HuntKBRunner, count: Int) throws -> [String] {
        try (0..<count).map { n in
            try kb.write("rules/r\(n).yml", E2EFixtures.rule(id: E2EFixtures.id(n + 1), title: "Rule \(n)"))
        }
    }

    @Test func optionsAnywhereAmongPathsGiveTheSameOutput() throws {
        let kb = try HuntKBRunner()
        let paths = try Self.files(kb, count: 30)
        let expected = try kb.run(["convert", "--target", "splunk", "--format", "jsonl", paths[0]]).stdout
        #expect(expected.contains("crontab"))
        let forms: [[String]] = [
            ["convert", "--target", "splunk", "--format", "jsonl"] + paths,
            ["convert"] + paths[..<10] + ["--target", "splunk"] + paths[10...] + ["--format=jsonl"],
            ["convert"] + paths + ["--target=splunk", "--format", "jsonl"],
            ["--db", kb.databasePath, "convert", "--target", "splunk", "--format", "jsonl"] + paths,
        ]
        for arguments in forms {
            let result = try kb.run(arguments)
            #expect(result.status == 0, "\(arguments.prefix(3)): \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == paths.count)
            for (line, path) in zip(lines, paths) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
                #expect(object["path"] == path)
                #expect(object["query"] == "Image=\"*/crontab\"")
            }
        }
    }

    @Test func usageErrorsAmongManyPathsAreTheParsersOwn() throws {
        let kb = try HuntKBRunner()
        let paths = try Self.files(kb, count: 5)
        let unknown = try kb.run(["convert", "--target", "splunk", "--no-such-option"] + paths)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--no-such-option"), "\(unknown.stderr)")
        let both = try kb.run(["convert", "--target", "splunk", "--rule", "abc"] + paths)
        #expect(both.status == 64)
        #expect(both.stderr.contains("not both"), "\(both.stderr)")
        let missingValue = try kb.run(["convert"] + paths + ["--target"])
        #expect(missingValue.status == 64)
        let badTarget = try kb.run(["convert", "--target", "nosuch"] + paths)
        #expect(badTarget.status == 64)
        #expect(badTarget.stdout.isEmpty)
    }

    @Test func folderAndMissingPathsKeepTheirPlace() throws {
        let kb = try HuntKBRunner()
        let paths = try Self.files(kb, count: 3)
        let missing = kb.dir.appendingPathComponent("nope.yml").path
        let folder = kb.dir.appendingPathComponent("rules").path
        let result = try kb.run(["convert", "--target", "splunk", "--format", "jsonl", missing, folder, paths[0]])
        #expect(result.status == 1)
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])
        }
        #expect(objects.map { $0["path"] ?? "" } == [missing] + paths.map { $0 }.sorted() + [paths[0]])
        #expect(objects[0]["error"]?.contains("no such file") == true)
    }

    /// A new option of `convert` must be added to the fast path's lists, or paths after it would be misread.
    @Test func theFastPathKnowsEveryOption() throws {
        let kb = try HuntKBRunner()
        let result = try kb.run(["convert", "--experimental-dump-help"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var options: Set<String> = []
        var flags: Set<String> = []
        for argument in arguments {
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let n = name["name"] as? String else { return nil }
                return (name["kind"] as? String) == "long" ? "--" + n : "-" + n
            }
            switch argument["kind"] as? String {
            case "option": options.formUnion(names)
            case "flag": flags.formUnion(names)
            default: break
            }
        }
        #expect(options == Self.valueOptions)
        // Help and version flags fall back to the parser, which is always right.
        #expect(flags.subtracting(["--help", "-h", "--version"]) == Self.flagOptions)
    }
}
