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

    var storage: [UInt8] = []
    var slots: [Slot]
    /// Ids with a value in this event, for clearing and for keywords (which search every field).
    var present: [Int32] = []

    init(fieldCount: Int) {
        slots = Array(repeating: Slot(), count: fieldCount)
        storage.reserveCapacity(1 << 14)
        // Never empty, so a view always has a base address (an empty value is then a valid empty range).
        storage.append(0)
        present.reserveCapacity(64)
    }

    mutating func clear() {
        for id in present { slots[Int(id)].rawStart = -1 }
        present.removeAll(keepingCapacity: true)
        storage.removeAll(keepingCapacity: true)
        storage.append(0)
    }

    mutating func grow(to count: Int) {
        if slots.count < count { slots += repeatElement(Slot(), count: count - slots.count) }
    }

    /// Records that `id` holds the bytes `storage[start...]` (appended by the caller); a repeated field
    /// keeps its last value.
    mutating func finish(id: Int, rawStart start: Int) {
        let end = storage.count
        var slot = Slot(rawStart: Int32(start), rawCount: Int32(end - start), lowStart: Int32(start), lowCount: Int32(end - start))
        var upper = false
        var ascii = true
        storage.withUnsafeBufferPointer { s in
            for i in start..<end {
                let b = s[i]
                if b >= 0x80 { ascii = false; break }
                if b &- 0x41 < 26 { upper = true }
            }
        }
        if !ascii {
            let lowered = String(decoding: storage[start..<end], as: UTF8.self).lowercased()
            slot.lowStart = Int32(storage.count)
            storage.append(contentsOf: lowered.utf8)
            slot.lowCount = Int32(storage.count - Int(slot.lowStart))
        } else if upper {
            slot.lowStart = Int32(end)
            let n = end - start
            storage.reserveCapacity(end + n)
            for i in start..<end {
                let b = storage[i]
                storage.append(b &- 0x41 < 26 ? b | 0x20 : b)
            }
        }
        if slots[id].rawStart < 0 { present.append(Int32(id)) }
        slots[id] = slot
    }

    /// Sets `id` to `text`.
    mutating func set(id: Int, text: String) {
        let start = storage.count
        storage.append(contentsOf: text.utf8)
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
