import Dispatch
import Foundation

/// Matches a JSON Lines file on several cores: the file is read in blocks of whole lines, each block is cut
/// at line ends into one part per matcher, the parts are matched at once, and the results are delivered in
/// file order on the calling thread.
///
/// A line holds whole documents (usually one record); a bad line is reported and the next line read, where
/// the sequential reader would give up the file at broken JSON.
public struct ParallelLineReader {
    /// Bytes of a block per worker: large enough that starting the workers costs nothing measurable.
    public var partSize = 2 << 20
    /// Pieces per worker a block is cut into, which the workers take one at a time: a worker whose
    /// pieces ran slow (regex-heavy records, or a core taken by another process) does not hold the other
    /// back at the end of the block for more than one piece. With one piece per worker, two cores gave
    /// 1.25 times one.
    public var piecesPerWorker = 16

    public init() {}

    /// Whether `path` reads as JSON Lines: named `.jsonl` and its first line one object on its own.
    public static func isJSONLines(path: String) -> Bool {
        guard path.lowercased().hasSuffix(".jsonl"), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 16), !head.isEmpty else { return false }
        let bytes = [UInt8](head)
        guard let first = bytes.firstIndex(where: { !Self.isSpace($0) }), bytes[first] == UInt8(ascii: "{") else { return false }
        guard let nl = bytes[first...].firstIndex(of: 0x0A) else { return false }
        guard let last = bytes[first..<nl].lastIndex(where: { !Self.isSpace($0) }) else { return false }
        return bytes[last] == UInt8(ascii: "}")
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// One record's outcome within a part.
    struct Entry {
        var record: Int
        var result: Result<[Int], EventInputProblem>
        /// The matcher as it was after the record, when rules matched (its field values are the record's).
        var fields: EventMatcher?
    }

    struct Part: @unchecked Sendable {
        var entries: [Entry] = []
        var records = 0
    }

    /// Calls `body` with the index of each record that matched rules (and their indices) or had a problem,
    /// in file order, with a matcher whose `text(_:)` gives that record's values. Returns the number of
    /// records read.
    @discardableResult
    public func read(path: String, matchers: inout [EventMatcher],
                     _ body: (Int, Result<[Int], EventInputProblem>, EventMatcher) throws -> Void) throws -> Int {
        precondition(!matchers.isEmpty)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw EventInputProblem(path: path, record: nil, message: "cannot open the file")
        }
        defer { try? handle.close() }
        let workers = matchers.count
        var carry: [UInt8] = []
        var base = 0
        var atEOF = false
        while !atEOF {
            var block = carry
            carry = []
            let data: Data?
            do { data = try handle.read(upToCount: partSize * workers) } catch {
                throw EventInputProblem(path: path, record: nil, message: "read failed: \(error.localizedDescription)")
            }
            if let data, !data.isEmpty { block.append(contentsOf: data) } else { atEOF = true }
            if !atEOF {
                // The block ends at its last line end; the rest starts the next block.
                guard let nl = block.lastIndex(of: 0x0A) else { carry = block; continue }
                carry = Array(block[(nl + 1)...])
                block.removeSubrange((nl + 1)...)
            }
            if block.isEmpty { continue }
            let ranges = Self.cut(block, into: workers * piecesPerWorker)
            let parts = UnsafeMutableBufferPointer<Part>.allocate(capacity: ranges.count)
            parts.initialize(repeating: Part())
            let active = min(workers, ranges.count)
            let states = UnsafeMutableBufferPointer<EventMatcher>.allocate(capacity: active)
            _ = states.initialize(from: matchers[..<active])
            defer {
                _ = parts.deinitialize()
                parts.deallocate()
            }
            let shared = Shared(parts: parts, states: states, queue: PieceQueue(count: ranges.count))
            block.withUnsafeBufferPointer { bytes in
                let view = SendableBytes(bytes: bytes)
                DispatchQueue.concurrentPerform(iterations: active) { w in
                    while let k = shared.queue.next() {
                        shared.parts[k] = Self.match(view.bytes, ranges[k], path: path, matcher: &shared.states[w])
                    }
                }
            }
            for w in 0..<active { matchers[w] = states[w] }
            _ = states.deinitialize()
            states.deallocate()
            for k in 0..<ranges.count {
                for e in parts[k].entries {
                    var result = e.result
                    if case .failure(var p) = result { p.record = base + e.record; result = .failure(p) }
                    try body(base + e.record, result, e.fields ?? matchers[0])
                }
                base += parts[k].records
            }
        }
        return base
    }

    private struct Shared: @unchecked Sendable {
        let parts: UnsafeMutableBufferPointer<Part>
        let states: UnsafeMutableBufferPointer<EventMatcher>
        let queue: PieceQueue
    }

    /// Hands out piece numbers 0..<count, each once, to whichever worker asks.
    private final class PieceQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var taken = 0
        private let count: Int

        init(count: Int) { self.count = count }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }

    private struct SendableBytes: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }

    /// Up to `n` ranges of whole lines of about equal size.
    static func cut(_ block: [UInt8], into n: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for k in 1...n {
            guard start < block.count else { break }
            if k == n { out.append(start..<block.count); break }
            var end = max(start, block.count * k / n)
            while end < block.count, block[end] != 0x0A { end += 1 }
            end = min(block.count, end + 1)
            out.append(start..<end)
            start = end
        }
        return out
    }

    /// Matches the lines of `range`.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, path: String, matcher: inout EventMatcher) -> Part {
        var part = Part()
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            var lineEnd = i
            while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { i = lineEnd + 1 }
            var first = i
            while first < lineEnd, isSpace(bytes[first]) { first += 1 }
            if first == lineEnd { continue }
            // The line alone: a record the fast scanner reads must end it.
            let line = UnsafeBufferPointer(rebasing: bytes[i..<lineEnd])
            if case .record(let stop) = FlatRecordScanner.scan(line, at: first - i, into: &matcher.record, table: &matcher.table,
                                                                allFields: matcher.set.allFields),
               line[stop...].allSatisfy(isSpace) {
                let hits = matcher.matchRecord()
                if !hits.isEmpty { part.entries.append(Entry(record: part.records, result: .success(hits), fields: matcher)) }
                part.records += 1
                continue
            }
            // Anything else goes through the general reader, on this line only.
            let startRecord = part.records
            var produced = 0
            do {
                try EventFileReader().read(bytes: Array(line) + [0x0A], name: path, matcher: &matcher) { index, result, m in
                    produced = index + 1
                    switch result {
                    case .success(let hits):
                        if !hits.isEmpty { part.entries.append(Entry(record: startRecord + index, result: .success(hits), fields: m)) }
                    case .failure(let p):
                        part.entries.append(Entry(record: startRecord + index, result: .failure(p), fields: nil))
                    }
                }
                part.records += produced
            } catch let p as EventInputProblem {
                part.entries.append(Entry(record: startRecord + produced, result: .failure(p), fields: nil))
                part.records += produced + 1
            } catch {
                part.entries.append(Entry(record: startRecord + produced,
                                          result: .failure(EventInputProblem(path: path, record: nil, message: "\(error)")), fields: nil))
                part.records += produced + 1
            }
        }
        return part
    }
}
