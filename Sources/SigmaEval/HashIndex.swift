/// A read-only open-addressing table from 64-bit keys to lists of ids, in four flat arrays, so a lookup
/// on the hot path hashes nothing more, allocates nothing and retains nothing (a `[UInt64: [Int32]]`
/// would run the standard hasher and retain the list it returns).
struct HashIndex: Sendable {
    private var keys: [UInt64] = [0]
    /// Per slot: the range of `ids` (count 0: the slot is empty).
    private var starts: [Int32] = [0]
    private var counts: [Int32] = [0]
    private var ids: [Int32] = []
    private var mask = 0

    var isEmpty: Bool { ids.isEmpty }

    init() {}

    init(_ entries: [UInt64: [Int32]]) {
        guard !entries.isEmpty else { return }
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = Array(repeating: 0, count: capacity)
        starts = Array(repeating: 0, count: capacity)
        counts = Array(repeating: 0, count: capacity)
        // Sorted, so the table is the same from run to run.
        for (key, list) in entries.sorted(by: { $0.key < $1.key }) where !list.isEmpty {
            var i = Self.slot(key) & mask
            while counts[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            starts[i] = Int32(ids.count)
            counts[i] = Int32(list.count)
            ids += list
        }
    }

    /// Spreads the key's bits: keys built from FNV hashes differ mostly in their high bits.
    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key ^ (key >> 29)) &* 0xBF58476D1CE4E5B9 >> 32)
    }

    /// Sets the bit of every id filed under `key`; true when there were some.
    @inline(__always)
    func mark(_ key: UInt64, into bits: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        keys.withUnsafeBufferPointer { keys in
            counts.withUnsafeBufferPointer { counts in
                var i = Self.slot(key) & mask
                while true {
                    let n = Int(counts[i])
                    if n == 0 { return false }
                    if keys[i] == key { break }
                    i = (i + 1) & mask
                }
                let start = Int(starts[i]), n = Int(counts[i])
                ids.withUnsafeBufferPointer { ids in
                    for k in start..<(start + n) {
                        let r = Int(ids[k])
                        bits[r >> 6] |= 1 << UInt64(r & 63)
                    }
                }
                return true
            }
        }
    }
}
