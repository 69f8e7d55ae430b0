import Dispatch

/// Work spread over the cores with results in input order.
public enum Parallel {
    /// `body(0..<count)` on every core; the results in index order. `body` must be safe to run at once
    /// from several threads (it reads shared state only).
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let out = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        out.initialize(repeating: nil)
        defer {
            _ = out.deinitialize()
            out.deallocate()
        }
        withoutActuallyEscaping(body) { body in
            let shared = Shared(body: body, out: out)
            DispatchQueue.concurrentPerform(iterations: count) { i in shared.out[i] = shared.body(i) }
        }
        return out.map { $0! }
    }

    /// Each iteration writes only its own slot.
    private struct Shared<T>: @unchecked Sendable {
        let body: (Int) -> T
        let out: UnsafeMutableBufferPointer<T?>
    }
}
