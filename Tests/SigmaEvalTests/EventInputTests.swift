import Foundation
import Testing
import SigmaEval

@Suite("Event files and flattening")
struct EventInputTests {
    func write(_ text: String, bytes: [UInt8]? = nil) throws -> String {
        let path = NSTemporaryDirectory() + "sigmaeval-\(UUID().uuidString).json"
        try Data(bytes ?? Array(text.utf8)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func readAll(_ path: String, chunk: Int = 4 << 20) -> (events: [Int: Event], problems: [String], thrown: String?) {
        var reader = EventFileReader()
        reader.chunkSize = chunk
        var events: [Int: Event] = [:]
        var problems: [String] = []
        do {
            try reader.read(path: path) { index, result in
                switch result {
                case .success(let e): events[index] = e
                case .failure(let p): problems.append(p.description)
                }
            }
            return (events, problems, nil)
        } catch {
            return (events, problems, "\(error)")
        }
    }

    @Test func evtxRenderingIsFlattenedAsTheSpecSays() throws {
        let path = try write("""
            {"Event": {"#attributes": {"xmlns": "x"},
              "System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon"}}, "EventID": 11,
                         "Correlation": null, "Channel": "Microsoft-Windows-Sysmon/Operational",
                         "TimeCreated": {"#attributes": {"SystemTime": "2025-10-24T23:41:00Z"}}},
              "EventData": {"Threat Name": "Eicar", "Image": "C:\\\\cmd.exe", "ProcessId": 10048,
                            "Hashes": ["a", "b"], "Empty": null}}}
            {"Event": {"System": {"EventID": {"#attributes": {"Qualifiers": 0}, "#text": 7045}},
                       "UserData": {"Wrapper": {"#attributes": {"xmlns": "y"}, "Param": "v"}}}}
            """)
        let (events, problems, thrown) = readAll(path)
        #expect(problems.isEmpty && thrown == nil)
        let e = try #require(events[0])
        #expect(e["Provider_Name"] == "Microsoft-Windows-Sysmon")
        #expect(e["EventID"] == "11")
        #expect(e["Channel"] == "Microsoft-Windows-Sysmon/Operational")
        #expect(e["TimeCreated_SystemTime"] == "2025-10-24T23:41:00Z")
        #expect(e["ThreatName"] == "Eicar")
        #expect(e["Image"] == "C:\\cmd.exe")
        #expect(e["ProcessId"] == "10048")
        #expect(e["Hashes"] == "a\nb")
        #expect(e["Empty"] == nil && e["Correlation"] == nil)
        let f = try #require(events[1])
        #expect(f["EventID"] == "7045" && f["EventID_Qualifiers"] == "0")
        #expect(f["Param"] == "v")
    }

    @Test func jsonLinesArraysAndPlainObjects() throws {
        let lines = try write("{\"a\": 1, \"b\": {\"c\": \"d\"}}\n{\"a\": 2}\n")
        let (ev, p, t) = readAll(lines, chunk: 7)  // tiny chunks: records straddle buffer ends
        #expect(p.isEmpty && t == nil)
        #expect(ev.count == 2 && ev[0]?["b.c"] == "d" && ev[1]?["a"] == "2")
        let array = try write("[{\"a\": \"x\"}, {\"a\": \"y\"}]")
        let (av, ap, at) = readAll(array, chunk: 5)
        #expect(ap.isEmpty && at == nil && av[1]?["a"] == "y")
    }

    @Test func badRecordsAreNamedAndReadingGoesOn() throws {
        let path = try write("{\"a\": 1}\n42\n{\"b\": 2}\n")
        let (ev, p, t) = readAll(path)
        #expect(t == nil)
        #expect(p == ["\(path): record 1: the record is not a JSON object"])
        #expect(ev[2]?["b"] == "2")
    }

    @Test func invalidUTF8IsOneRecordProblem() throws {
        var bytes = Array("{\"a\": \"".utf8) + [0xFF, 0xFE] + Array("\"}\n{\"a\": \"ok\"}".utf8)
        bytes += []
        let path = try write("", bytes: bytes)
        let (ev, p, t) = readAll(path)
        #expect(t == nil)
        #expect(p == ["\(path): record 0: invalid UTF-8 in a string"])
        #expect(ev[1]?["a"] == "ok")
    }

    @Test func notJSONAndDeepNestingStopTheFile() throws {
        let notJSON = try write("hello world")
        #expect(readAll(notJSON).thrown?.contains("record 0: not JSON") == true)
        let deep = try write(String(repeating: "{\"a\":", count: 500) + "1" + String(repeating: "}", count: 500))
        #expect(readAll(deep).thrown?.contains("nested deeper than") == true)
        let truncated = try write("{\"a\": 1}\n{\"b\": ")
        let r = readAll(truncated)
        #expect(r.events.count == 1)
        #expect(r.thrown?.contains("record 1: unexpected end of file") == true)
    }
}
