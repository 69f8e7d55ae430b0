import Foundation
@testable import SigmaEval
import SigmaKit
import Testing

/// Flat JSON Lines records are read straight into the matcher's buffers; every record must give the same
/// values and matches as the general parser and flattener, and anything unusual must go that way.
@Suite("Flat records read without a JSON tree")
struct FlatRecordTests {
    static let lines = [
        #"{"EventID": 1, "Image": "C:\\Windows\\System32\\CMD.EXE", "CommandLine": "cmd /c whoami"}"#,
        #"{"Image": "a\"b\\c\/d\te\u0041\u00e9\ud83d\ude00", "CommandLine": "x"}"#,
        #"{"CommandLine": "first", "CommandLine": "second", "Image": null}"#,
        #"{"CommandLine": "kept", "CommandLine": null}"#,
        #"{"Hashes": ["MD5=1", null, "SHA1=2", 3, true], "Flag": false, "Empty": []}"#,
        #"{"Image": "ÄRGER.EXE", "CommandLine": "Ünïcödé WHOAMI", "Other": "ΣΊΣΥΦΟΣ"}"#,
        #"{"Nested": {"a": 1}, "CommandLine": "whoami"}"#,
        ##"{"Image": {"#text": "c:\\x\\cmd.exe"}, "CommandLine": "whoami"}"##,
        #"{"Lists": [[1, 2], 3], "CommandLine": "whoami"}"#,
        #"{"E\u0078cape": "key", "CommandLine": "whoami"}"#,
        #"{"Num": -1.5e+3, "CommandLine": "WHOAMI"}"#,
        #"{ "Image" : "C:\\x\\cmd.exe" , "CommandLine":"a"  }"#,
        "{}",
        // Long runs, read eight bytes at a time: stops at every place in a word, upper case at both ends.
        #"{"CommandLine": "C:\\WINDOWS\\SYSTEM32\\WHOAMI.EXE /ALL /FO LIST", "Image": "C:\\Program Files\\Long Folder\\ÄRGER.EXE"}"#,
        #"{"CommandLine": "abcdefghijklmnopqrstuvwxyz0123456789 \"quoted\" tail\u0041 İSTANBUL ǅ WHOAMIZ@[`{"}"#,
    ]

    static let rules = [
        selection("Image|endswith: '\\cmd.exe'"),
        selection("CommandLine|contains: 'whoami'"),
        selection("CommandLine: 'second'"),
        selection("Hashes|contains: 'sha1=2'"),
        selection("Image|contains: 'ärger'"),
        selection("Image: 'a\"b\\c/d\te*'"),
        selection("Num: '-1.5e+3'"),
        selection("Flag: 'false'"),
        rule("""
                keywords:
                    - 'ίσυφ'
                    - 'key'
                condition: keywords
            """),
    ]

    /// (record, matches, values of the fields) by both routes.
    func both(_ text: String) throws -> (flat: [String], tree: [String]) {
        let set = RuleSet(rules: Self.rules, mode: .detection)
        let fields = ["EventID", "Image", "CommandLine", "Hashes", "Flag", "Num", "Empty"]
        var flat: [String] = []
        var matcher = EventMatcher(set)
        try EventFileReader().read(bytes: Array(text.utf8), name: "t", matcher: &matcher) { index, result, m in
            let hits = try result.get()
            flat.append("\(index) \(hits) " + fields.map { "\($0)=\(m.text($0) ?? "-")" }.joined(separator: " "))
        }
        var tree: [String] = []
        for (index, event) in try EventFileReader().events(text: text, name: "t").enumerated() {
            tree.append("\(index) \(set.matches(event)) " + fields.map { "\($0)=\(event[$0] ?? "-")" }.joined(separator: " "))
        }
        return (flat, tree)
    }

    @Test func lowerCaseIsThatOfStringLowercased() {
        let texts = ["", "A", "ABCDEFGH", "ABCDEFGHI", "@[`{AZaz", "Microsoft® Windows® Operating System", "İSTANBUL",
                     "ΟΔΥΣΣΕΥΣ", "STRASSE ß ẞ", "\u{212A}ELVIN", "ǅǄǆ", "mixed CASE 12345678 ÄÖÜ tail", "😀 EMOJI"]
        for text in texts {
            var record = EventRecord(fieldCount: 1)
            record.set(id: 0, text: text)
            let low = record.withView { v in v.value(0).map { String(decoding: $0.low, as: UTF8.self) } }
            #expect(low == text.lowercased(), "\(text)")
        }
    }

    @Test func sameValuesAndMatchesAsTheFlattener() throws {
        let (flat, tree) = try both(Self.lines.joined(separator: "\n") + "\n")
        #expect(flat.count == Self.lines.count)
        for (a, b) in zip(flat, tree) { #expect(a == b) }
        // Spot checks that the comparison is not vacuous.
        #expect(flat[0].hasPrefix("0 [0, 1]"))
        #expect(flat[2].contains("CommandLine=second"))
        #expect(flat[3].contains("CommandLine=kept"))
        #expect(flat[4].contains("Hashes=MD5=1\nSHA1=2\n3\ntrue") && flat[4].contains("Empty=-"))
        #expect(flat[5].hasPrefix("5 [1, 4, 8]"))
    }

    @Test func recordsAcrossChunkBoundaries() throws {
        // Every split point of a two-record file: the scanner asks for more bytes, never misreads.
        let text = Self.lines[0] + "\n" + Self.lines[1] + "\n"
        let set = RuleSet(rules: Self.rules, mode: .detection)
        let path = NSTemporaryDirectory() + "sigmaeval-flat-\(UUID().uuidString).jsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunk in [1, 7, 50, 1 << 20] {
            var reader = EventFileReader()
            reader.chunkSize = chunk
            var matcher = EventMatcher(set)
            var got: [[Int]] = []
            try reader.read(path: path, matcher: &matcher) { _, result, _ in got.append(try result.get()) }
            #expect(got == [[0, 1], [5]], "chunk \(chunk)")
        }
    }

    @Test func badRecordsKeepTheGeneralParsersMessages() throws {
        let set = RuleSet(rules: Self.rules, mode: .detection)
        var matcher = EventMatcher(set)
        var problems: [String] = []
        var good = 0
        let bytes = Array(#"{"CommandLine": "whoami"}"#.utf8) + [0x0A] + Array(#"{"CommandLine": "bad "#.utf8) + [0xFF, 0x22, 0x7D, 0x0A]
            + Array(#"{"CommandLine": "\ud800"}"#.utf8) + [0x0A] + Array("[1]\n".utf8) + Array(#"{"CommandLine": "whoami"}"#.utf8)
        try EventFileReader().read(bytes: bytes, name: "t", matcher: &matcher) { _, result, _ in
            switch result {
            case .success: good += 1
            case .failure(let p): problems.append(p.description)
            }
        }
        #expect(good == 2)
        #expect(problems == ["t: record 1: invalid UTF-8 in a string", "t: record 2: invalid UTF-8 in a string", "t: record 3: the record is not a JSON object"])
    }

    @Test func jsonLinesOnSeveralMatchersGiveTheSequentialAnswer() throws {
        let set = RuleSet(rules: Self.rules, mode: .detection)
        var lines: [String] = []
        for i in 0..<400 { lines.append(Self.lines[i % Self.lines.count]) }
        lines[3] = "   "
        lines[17] = #"{"CommandLine": "whoami"} {"Image": "c:\\cmd.exe"}"#
        let text = lines.joined(separator: "\n") + "\n"
        let path = NSTemporaryDirectory() + "sigmaeval-lines-\(UUID().uuidString).jsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(ParallelLineReader.isJSONLines(path: path))

        var sequential: [String] = []
        var one = EventMatcher(set)
        try EventFileReader().read(path: path, matcher: &one) { index, result, m in
            let hits = try result.get()
            if !hits.isEmpty { sequential.append("\(index) \(hits) \(m.text("CommandLine") ?? "-")") }
        }
        for (workers, partSize, pieces) in [(1, 1 << 20, 16), (2, 300, 1), (2, 3000, 16), (3, 1000, 4), (2, 1 << 20, 64)] {
            var reader = ParallelLineReader()
            reader.partSize = partSize
            reader.piecesPerWorker = pieces
            var matchers = (0..<workers).map { _ in EventMatcher(set) }
            var parallel: [String] = []
            let records = try reader.read(path: path, matchers: &matchers) { index, result, m in
                parallel.append("\(index) \(try result.get()) \(m.text("CommandLine") ?? "-")")
            }
            #expect(records == 400, "\(workers) workers")
            #expect(parallel == sequential, "\(workers) workers, parts of \(partSize) bytes in \(pieces) pieces")
        }
        #expect(sequential.count > 100)
    }

    @Test func aBadLineIsReportedAndTheNextOnesRead() throws {
        let set = RuleSet(rules: Self.rules, mode: .detection)
        let text = [#"{"CommandLine": "whoami"}"#, #"{"CommandLine": "who"#, "not json", #"{"CommandLine": "whoami"}"#].joined(separator: "\n")
        let path = NSTemporaryDirectory() + "sigmaeval-bad-\(UUID().uuidString).jsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var matchers = [EventMatcher(set), EventMatcher(set)]
        var got: [String] = []
        var reader = ParallelLineReader()
        reader.partSize = 16
        let records = try reader.read(path: path, matchers: &matchers) { index, result, _ in
            switch result {
            case .success(let hits): got.append("\(index) \(hits)")
            case .failure(let p): got.append(p.description)
            }
        }
        #expect(records == 4)
        #expect(got.count == 4)
        #expect(got.first == "0 [1]" && got.last == "3 [1]")
        #expect(got[1].hasPrefix(path + ": record 1: ") && got[2].hasPrefix(path + ": record 2: not JSON"))
    }
}
