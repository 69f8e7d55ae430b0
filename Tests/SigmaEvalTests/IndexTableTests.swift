@testable import SigmaEval
import Testing

/// The flat tables behind the rule index and the parallel map used to load rules.
@Suite struct IndexTableTests {
    func marked(_ index: HashIndex, _ key: UInt64, bits: Int = 256) -> [Int] {
        var set = [UInt64](repeating: 0, count: (bits + 63) / 64)
        let any = set.withUnsafeMutableBufferPointer { index.mark(key, into: $0) }
        let out = (0..<bits).filter { set[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
        #expect(any == !out.isEmpty)
        return out
    }

    @Test func hashIndexMarksExactlyTheIdsOfAKey() {
        // Many keys, some equal modulo the table size, so probing runs past occupied slots.
        var entries: [UInt64: [Int32]] = [:]
        for k in 0..<100 { entries[UInt64(k) << 40 | UInt64(k % 7)] = [Int32(k), Int32(k + 100)] }
        entries[0] = [255]
        let index = HashIndex(entries)
        #expect(!index.isEmpty)
        for (key, ids) in entries { #expect(marked(index, key) == ids.map(Int.init).sorted(), "key \(key)") }
        #expect(marked(index, 12345) == [])
        #expect(marked(index, UInt64(3) << 40) == [])
        #expect(HashIndex().isEmpty)
        #expect(marked(HashIndex(), 0) == [])
    }

    @Test func indexKeysDifferByField() {
        let h = [UInt8]("whoami.exe".utf8).withUnsafeBufferPointer { RuleSet.hash($0) }
        #expect(RuleSet.key(field: 0, h) != RuleSet.key(field: 1, h))
        let index = HashIndex([RuleSet.key(field: 3, h): [7]])
        #expect(marked(index, RuleSet.key(field: 3, h)) == [7])
        #expect(marked(index, RuleSet.key(field: 4, h)) == [])
    }

    @Test func parallelMapKeepsTheOrder() {
        #expect(Parallel.map(0) { $0 }.isEmpty)
        #expect(Parallel.map(1) { $0 * 2 } == [0])
        let n = 5000
        #expect(Parallel.map(n) { "\($0)" } == (0..<n).map { "\($0)" })
    }
}
