import Dispatch
import Foundation

/// Maps in parallel on all cores, keeping order: the one parallel map of `import`, `validate` and `convert`.
///
/// Items are cut into small chunks (at most 16 items) that the cores take as they finish, so uneven items (one huge
/// rule, or a core shared with another process) leave no core idle at the end; each slot is written by exactly one
/// iteration.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let buffer = UnsafeMutablePointer<R?>.allocate(capacity: items.count)
    buffer.initialize(repeating: nil, count: items.count)
    defer {
        buffer.deinitialize(count: items.count)
        buffer.deallocate()
    }
    let slots = SendablePointer(pointer: buffer)
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let chunk = min(16, max(1, (items.count + workers * 4 - 1) / (workers * 4)))
    let chunks = (items.count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let start = c * chunk
        for i in start..<min(start + chunk, items.count) {
            slots.pointer[i] = transform(items[i])
        }
    }
    return (0..<items.count).map { buffer[$0]! }
}

/// Runs two independent pieces of work at once and returns both results.
public func concurrently<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    let first = ResultSlot<A>(), second = ResultSlot<B>()
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { first.value = a() } else { second.value = b() }
    }
    return (first.value!, second.value!)
}

/// Written by one iteration of `concurrentPerform`, read after it returned.
private final class ResultSlot<T>: @unchecked Sendable {
    var value: T?
}

private struct SendablePointer<R>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<R?>
}
