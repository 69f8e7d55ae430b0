#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Field names (exact case) numbered densely, with a lookup by the UTF-8 bytes of a name that allocates
/// nothing, so a record's keys are matched to the fields rules read without building a String per key.
struct FieldTable: Sendable {
    private(set) var names: [String] = []
    private var utf8: [[UInt8]] = []
    /// Open addressing: `slots[h & mask]` holds id + 1 (0 = empty).
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [UInt64] = []

    var count: Int { names.count }

    /// The id of `name`, added when new.
    mutating func id(for name: String) -> Int {
        let bytes = Array(name.utf8)
        if let id = bytes.withUnsafeBufferPointer({ lookup($0) }) { return id }
        return insert(bytes, name: name)
    }

    /// The id of the name spelled by `bytes`, added when new.
    mutating func id(forBytes bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let id = lookup(bytes) { return id }
        return insert(Array(bytes), name: String(decoding: bytes, as: UTF8.self))
    }

    private mutating func insert(_ bytes: [UInt8], name: String) -> Int {
        let id = names.count
        names.append(name)
        utf8.append(bytes)
        let h = bytes.withUnsafeBufferPointer { Self.hash($0) }
        hashes.append(h)
        if (names.count + 1) * 2 > slots.count { rehash(slots.count * 2) } else { place(id, h) }
        return id
    }

    private mutating func place(_ id: Int, _ h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = Int32(id + 1)
    }

    private mutating func rehash(_ capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        for id in names.indices { place(id, hashes[id]) }
    }

    func lookup(_ name: String) -> Int? {
        var s = name
        return s.withUTF8 { lookup($0) }
    }

    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(bytes)
        return slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                let mask = slots.count - 1
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let s = Int(slots[i])
                    if s == 0 { return nil }
                    let id = s - 1
                    if hashes[id] == h, Self.same(utf8[id], bytes) { return id }
                    i = (i + 1) & mask
                }
            }
        }
    }

    @inline(__always)
    private static func same(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.withUnsafeBufferPointer { a in
            a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
        }
    }

    /// Eight bytes a step, each step multiplied and folded so every byte reaches the low bits the
    /// slots are taken from (a name is matched by its bytes, so collisions cost only a probe).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0xcbf29ce484222325 ^ UInt64(truncatingIfNeeded: n)
        guard let base = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E3779B97F4A7C15
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x9E3779B97F4A7C15
            h ^= h >> 32
        }
        return h
    }
}
