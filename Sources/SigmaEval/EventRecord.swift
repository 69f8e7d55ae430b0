/// One event's field values as byte ranges of a single buffer, by field id, reused from event to event:
/// filling it allocates nothing once the buffers have grown to the largest event seen.
///
/// Each value is kept as written and in lower case (the same range when the value has no upper-case
/// letter). Lower-casing is ASCII byte by byte; a value with non-ASCII bytes goes through Unicode's case
/// mapping, as the spec's case-insensitive matching requires.
struct EventRecord {
    struct Slot {
        var rawStart: Int32 = -1
        var rawCount: Int32 = 0
        var lowStart: Int32 = 0
        var lowCount: Int32 = 0
    }

    /// The bytes in use are `storage[0..<length]`; the array's own count is its capacity, so filling it
    /// writes through a pointer instead of appending byte by byte.
    private(set) var storage: [UInt8]
    private(set) var length = 0
    var slots: [Slot]
    /// Ids with a value in this event, for clearing and for keywords (which search every field).
    var present: [Int32] = []

    init(fieldCount: Int) {
        slots = Array(repeating: Slot(), count: fieldCount)
        storage = Array(repeating: 0, count: 1 << 14)
        // Never empty, so a view always has a base address (an empty value is then a valid empty range).
        length = 1
        present.reserveCapacity(64)
    }

    mutating func clear() {
        for id in present { slots[Int(id)].rawStart = -1 }
        present.removeAll(keepingCapacity: true)
        length = 1
    }

    mutating func grow(to count: Int) {
        if slots.count < count { slots += repeatElement(Slot(), count: count - slots.count) }
    }

    /// Room for `n` more bytes.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if length + n > storage.count { enlarge(length + n) }
    }

    private mutating func enlarge(_ needed: Int) {
        var capacity = storage.count
        while capacity < needed { capacity *= 2 }
        storage += repeatElement(0, count: capacity - storage.count)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        reserve(n)
        let at = length
        storage.withUnsafeMutableBufferPointer { s in
            (s.baseAddress! + at).update(from: bytes.baseAddress!, count: n)
        }
        length += n
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[length] = byte
        length += 1
    }

    /// Drops the bytes from `start` on.
    mutating func truncate(to start: Int) { length = start }

    /// Records that `id` holds the bytes `storage[start..<length]` (appended by the caller); a repeated
    /// field keeps its last value.
    mutating func finish(id: Int, rawStart start: Int) {
        let end = length
        let n = end - start
        var slot = Slot(rawStart: Int32(start), rawCount: Int32(n), lowStart: Int32(start), lowCount: Int32(n))
        // Eight bytes at a time: whether any is non-ASCII, and which are upper-case letters.
        let high: UInt64 = 0x8080_8080_8080_8080
        var upper = false
        var ascii = true
        storage.withUnsafeBufferPointer { s in
            let base = UnsafeRawPointer(s.baseAddress!)
            var i = start
            var any: UInt64 = 0
            while i + 8 <= end {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & high != 0 { ascii = false; return }
                any |= Self.upperMask(w)
                i += 8
            }
            while i < end {
                let b = s[i]
                if b >= 0x80 { ascii = false; return }
                if b &- 0x41 < 26 { upper = true }
                i += 1
            }
            if any != 0 { upper = true }
        }
        if !ascii {
            slot.lowStart = Int32(end)
            appendLowered(from: start, to: end)
            slot.lowCount = Int32(length - end)
        } else if upper {
            slot.lowStart = Int32(end)
            reserve(n)
            storage.withUnsafeMutableBufferPointer { s in
                let raw = UnsafeMutableRawPointer(s.baseAddress!)
                var i = 0
                while i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: start + i, as: UInt64.self)
                    raw.storeBytes(of: w | (Self.upperMask(w) >> 2), toByteOffset: end + i, as: UInt64.self)
                    i += 8
                }
                while i < n {
                    let b = s[start + i]
                    s[end + i] = b &- 0x41 < 26 ? b | 0x20 : b
                    i += 1
                }
            }
            length += n
        }
        if slots[id].rawStart < 0 { present.append(Int32(id)) }
        slots[id] = slot
    }

    /// The high bit of each byte of `w` (all ASCII) that is an upper-case letter.
    @inline(__always)
    static func upperMask(_ w: UInt64) -> UInt64 {
        // A byte plus 0x3F reaches 0x80 from 'A' on; plus 0x25, from '[' on. ASCII bytes do not carry.
        let fromA = w &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = w &+ 0x2525_2525_2525_2525
        return fromA & ~pastZ & 0x8080_8080_8080_8080
    }

    /// Appends the lower case of the UTF-8 text `storage[start..<end]`: ASCII bytes directly, other
    /// scalars by their Unicode lower-case mapping, which is what `String.lowercased()` does per scalar.
    private mutating func appendLowered(from start: Int, to end: Int) {
        let text = String(decoding: storage[start..<end], as: UTF8.self)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let b = UInt8(truncatingIfNeeded: scalar.value)
                append(b &- 0x41 < 26 ? b | 0x20 : b)
            } else {
                var lowered = scalar.properties.lowercaseMapping
                lowered.withUTF8 { append($0) }
            }
        }
    }

    /// Sets `id` to `text`.
    mutating func set(id: Int, text: String) {
        let start = length
        var text = text
        text.withUTF8 { append($0) }
        finish(id: id, rawStart: start)
    }

    /// Loads a flattened event; names the table does not know are added when `allFields` (keywords read
    /// every field), else skipped.
    mutating func load(_ event: Event, table: inout FieldTable, allFields: Bool) {
        clear()
        for (name, value) in event.fields {
            let id: Int
            if let known = table.lookup(name) {
                id = known
            } else if allFields {
                id = table.id(for: name)
                grow(to: table.count)
            } else {
                continue
            }
            set(id: id, text: value.text)
        }
    }

    /// The text of field `id`, when present.
    func text(_ id: Int) -> String? {
        let s = slots[id]
        guard s.rawStart >= 0 else { return nil }
        return String(decoding: storage[Int(s.rawStart)..<Int(s.rawStart + s.rawCount)], as: UTF8.self)
    }

    /// Runs `body` with a view for matching (valid only inside).
    func withView<R>(_ body: (EventView) -> R) -> R {
        storage.withUnsafeBufferPointer { s in
            slots.withUnsafeBufferPointer { sl in
                present.withUnsafeBufferPointer { p in
                    body(EventView(storage: s, slots: sl, present: p))
                }
            }
        }
    }
}

/// A field value as bytes: as written and in lower case.
struct FieldValue {
    let raw: UnsafeBufferPointer<UInt8>
    let low: UnsafeBufferPointer<UInt8>
    var text: String { String(decoding: raw, as: UTF8.self) }
}

/// Read access to an `EventRecord` while it is being matched.
struct EventView {
    let storage: UnsafeBufferPointer<UInt8>
    let slots: UnsafeBufferPointer<EventRecord.Slot>
    let present: UnsafeBufferPointer<Int32>

    @inline(__always)
    func value(_ id: Int) -> FieldValue? {
        guard id >= 0, id < slots.count else { return nil }
        let s = slots[id]
        guard s.rawStart >= 0 else { return nil }
        let base = storage.baseAddress!
        return FieldValue(raw: UnsafeBufferPointer(start: base + Int(s.rawStart), count: Int(s.rawCount)),
                          low: UnsafeBufferPointer(start: base + Int(s.lowStart), count: Int(s.lowCount)))
    }
}
