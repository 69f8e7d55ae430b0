import Foundation

/// A problem with an event file or one of its records, worded for one line of output.
public struct EventInputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 0-based record index, nil when the file as a whole failed.
    public var record: Int?
    public var message: String

    public var description: String {
        if let record { return "\(path): record \(record): \(message)" }
        return "\(path): \(message)"
    }
}

/// Reads events from JSON, JSON Lines, a JSON array, or concatenated JSON documents (SigmaHQ's evtx
/// renderings), in chunks so a large file is never held whole.
public struct EventFileReader {
    /// Largest single record accepted; past it the file is given up rather than growing the buffer.
    public var maxRecordBytes = 64 << 20
    public var chunkSize = 4 << 20

    public init() {}

    /// Calls `body` with each record index and its event, or the record's problem (the reader goes on
    /// after a record that is not an object or holds invalid UTF-8). Throws when the file cannot be
    /// read further (unreadable, broken JSON, too deep); records before that were delivered.
    public func read(path: String, _ body: (Int, Result<Event, EventInputProblem>) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            var sink = EventSink(body: body)
            try read(path: path, sink: &sink)
        }
    }

    /// Matches each record of the file with `matcher`'s rules: `body` gets the record index and the
    /// indices of the rules it matches (or the record's problem), and the matcher, whose `text(_:)` gives
    /// the record's field values. Flat records (JSON Lines) are read straight into the matcher's buffers.
    public func read(path: String, matcher: inout EventMatcher,
                     _ body: (Int, Result<[Int], EventInputProblem>, EventMatcher) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            var sink = MatchSink(matcher: matcher, body: body)
            matcher = EventMatcher(matcher.set)
            defer { matcher = sink.matcher }
            try read(path: path, sink: &sink)
        }
    }

    /// Matches the records of `bytes` (whole documents) as `read(path:matcher:_:)` does a file's.
    public func read(bytes: [UInt8], name: String, matcher: inout EventMatcher,
                     _ body: (Int, Result<[Int], EventInputProblem>, EventMatcher) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            var sink = MatchSink(matcher: matcher, body: body)
            matcher = EventMatcher(matcher.set)
            defer { matcher = sink.matcher }
            var remaining: Data? = Data(bytes)
            try read(name: name, next: { defer { remaining = nil }; return remaining }, sink: &sink)
        }
    }

    func read<S: RecordSink>(path: String, sink: inout S) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw EventInputProblem(path: path, record: nil, message: "cannot open the file")
        }
        defer { try? handle.close() }
        try read(name: path, next: {
            do { return try handle.read(upToCount: chunkSize) } catch {
                throw EventInputProblem(path: path, record: nil, message: "read failed: \(error.localizedDescription)")
            }
        }, sink: &sink)
    }

    /// The events of a text held in memory (stored test samples); `name` is used in problems.
    public func events(text: String, name: String) throws -> [Event] {
        var remaining: Data? = Data(text.utf8)
        var out: [Event] = []
        try read(name: name, next: { defer { remaining = nil }; return remaining }) { _, result in
            out.append(try result.get())
        }
        return out
    }

    func read(name: String, next: () throws -> Data?, _ body: (Int, Result<Event, EventInputProblem>) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            var sink = EventSink(body: body)
            try read(name: name, next: next, sink: &sink)
        }
    }

    func read<S: RecordSink>(name path: String, next: () throws -> Data?, sink: inout S) throws {
        var buffer: [UInt8] = []
        var start = 0
        var atEOF = false
        var record = 0
        /// nil until the first document shows whether the file is one top-level array.
        var inArray: Bool?

        func fill() throws {
            if start > 0 { buffer.removeFirst(start); start = 0 }
            if buffer.count > maxRecordBytes {
                throw EventInputProblem(path: path, record: record, message: "record larger than \(maxRecordBytes >> 20) MB")
            }
            let data = try next()
            if let data, !data.isEmpty {
                buffer.append(contentsOf: data)
            } else {
                atEOF = true
                // A number ending the file needs a delimiter to end.
                buffer.append(0x0A)
            }
        }

        try fill()
        while true {
            let step: ReadStep = buffer.withUnsafeBufferPointer { bytes in
                var scanner = JSONScanner(bytes: bytes, index: start)
                guard scanner.skipWhitespace() else { return .more }
                if inArray == nil {
                    if bytes[scanner.index] == UInt8(ascii: "[") {
                        inArray = true
                        scanner.index += 1
                        start = scanner.index
                    } else {
                        inArray = false
                    }
                }
                if inArray == true {
                    guard scanner.skipWhitespace() else { return .more }
                    let b = bytes[scanner.index]
                    if b == UInt8(ascii: "]") {
                        scanner.index += 1
                        return scanner.skipWhitespace() ? .failure(.syntax("data after the closing ']'"), scanner.index) : .end
                    }
                    if record > 0 {
                        guard b == UInt8(ascii: ",") else { return .failure(.syntax("expected ',' or ']'"), scanner.index) }
                        scanner.index += 1
                    }
                }
                if bytes[scanner.index] == UInt8(ascii: "{") {
                    switch sink.scanFlat(bytes, at: scanner.index) {
                    case .record(let end)?: return .flat(end)
                    // At the end of the file the general parser words the error.
                    case .needMore? where !atEOF: return .failure(.needMore, scanner.index)
                    default: break
                    }
                }
                do throws(JSONScanner.Failure) {
                    let value = try scanner.parseValue()
                    return .value(value, scanner.sawInvalidUTF8, scanner.index)
                } catch {
                    return .failure(error, scanner.index)
                }
            }
            switch step {
            case .end:
                return
            case .more:
                if atEOF {
                    if let inArray, inArray { throw EventInputProblem(path: path, record: record, message: "unexpected end of file inside the array") }
                    return
                }
                try fill()
            case .failure(.needMore, _):
                if atEOF { throw EventInputProblem(path: path, record: record, message: "unexpected end of file inside a record") }
                try fill()
            case .failure(.tooDeep, _):
                throw EventInputProblem(path: path, record: record, message: "nested deeper than \(JSONScanner.maxDepth) levels")
            case .failure(.syntax(let message), let at):
                let what = record == 0 && at - start < 2 ? "not JSON" : "invalid JSON"
                throw EventInputProblem(path: path, record: record, message: "\(what): \(message)")
            case .failure(.invalidUTF8, _):
                throw EventInputProblem(path: path, record: record, message: "invalid UTF-8")
            case .flat(let end):
                start = end
                try sink.takeScanned(record)
                record += 1
            case .value(let value, let invalidUTF8, let end):
                start = end
                if invalidUTF8 {
                    try sink.take(record, .failure(EventInputProblem(path: path, record: record, message: "invalid UTF-8 in a string")))
                } else if case .object = value {
                    try sink.take(record, .success(EventFlattener.flatten(value)))
                } else {
                    try sink.take(record, .failure(EventInputProblem(path: path, record: record, message: "the record is not a JSON object")))
                }
                record += 1
            }
        }
    }
}

/// One step of reading a file.
private enum ReadStep { case value(JSONValue, Bool, Int), flat(Int), end, more, failure(JSONScanner.Failure, Int) }

/// Where a reader delivers records.
protocol RecordSink {
    /// Reads the object at `start` straight from the bytes when it can; nil (or `.fallback`) to have it
    /// parsed and flattened instead.
    mutating func scanFlat(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> FlatRecordScanner.Outcome?
    /// A record parsed and flattened (or its problem).
    mutating func take(_ index: Int, _ result: Result<Event, EventInputProblem>) throws
    /// The record `scanFlat` just read.
    mutating func takeScanned(_ index: Int) throws
}

/// Delivers flattened events.
struct EventSink: RecordSink {
    let body: (Int, Result<Event, EventInputProblem>) throws -> Void
    func scanFlat(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> FlatRecordScanner.Outcome? { nil }
    func take(_ index: Int, _ result: Result<Event, EventInputProblem>) throws { try body(index, result) }
    func takeScanned(_ index: Int) throws {}
}

/// Delivers the rules each record matches.
struct MatchSink: RecordSink {
    var matcher: EventMatcher
    let body: (Int, Result<[Int], EventInputProblem>, EventMatcher) throws -> Void

    mutating func scanFlat(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> FlatRecordScanner.Outcome? {
        FlatRecordScanner.scan(bytes, at: start, into: &matcher.record, table: &matcher.table, allFields: matcher.set.allFields)
    }

    mutating func take(_ index: Int, _ result: Result<Event, EventInputProblem>) throws {
        switch result {
        case .success(let event):
            let hits = matcher.matches(event)
            try body(index, .success(hits), matcher)
        case .failure(let problem):
            try body(index, .failure(problem), matcher)
        }
    }

    mutating func takeScanned(_ index: Int) throws {
        let hits = matcher.matchRecord()
        try body(index, .success(hits), matcher)
    }
}
