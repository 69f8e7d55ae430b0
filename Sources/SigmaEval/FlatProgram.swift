#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Every rule's condition tree laid out in flat arrays of plain structs (children and tests by index,
/// literal text in one byte pool), so evaluating a rule on the hot path retains and releases nothing:
/// walking the `MatchNode` enums copied payloads (arrays, patterns) at every step.
///
/// The meaning is `MatchNode.matches` exactly; tests other than plain strings, numbers, booleans, null
/// and exists (regular expressions, globs, CIDR, comparisons, field references) are kept as `ValueTest`
/// and called as before.
struct FlatProgram: Sendable {
    struct Node: Sendable {
        enum Kind: UInt8, Sendable { case all, any, not, item }
        var kind: Kind
        var requireAll = false
        var negated = false
        /// The item's field id, -1 for keywords.
        var field: Int32 = -1
        /// all/any: range of `children`; not: `start` is the child node; item: range of `tests`.
        var start: Int32 = 0
        var count: Int32 = 0
    }

    struct Test: Sendable {
        enum Op: UInt8, Sendable { case exact, prefix, suffix, contains, null, exists, missing, anyOf, other }
        var op: Op
        var cased = false
        /// Strings: range of `pool`; anyOf: range of `tests`; other: index into `others`.
        var start: Int32 = 0
        var count: Int32 = 0
    }

    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []
    private(set) var tests: [Test] = []
    /// Never empty, so a pool pointer always has a base address.
    private(set) var pool: [UInt8] = [0]
    private(set) var others: [ValueTest] = []
    /// `others` boxed, and the boxes unretained for the hot path: reading an enum out of a buffer
    /// copied it (retaining every payload) on each call.
    private var boxes: [OtherTest] = []
    private var unretained: [Unretained] = []
    /// By rule: its root node.
    private(set) var roots: [Int32] = []

    init(_ trees: [MatchNode]) {
        roots = trees.map { add($0) }
        boxes = others.map(OtherTest.init)
        unretained = boxes.map { Unretained(box: Unmanaged.passUnretained($0)) }
    }

    private mutating func add(_ node: MatchNode) -> Int32 {
        switch node {
        case .all(let members), .any(let members):
            let ids = members.map { add($0) }
            let start = Int32(children.count)
            children += ids
            var isAll = false
            if case .all = node { isAll = true }
            nodes.append(Node(kind: isAll ? .all : .any, start: start, count: Int32(ids.count)))
        case .not(let inner):
            let child = add(inner)
            nodes.append(Node(kind: .not, start: child))
        case .item(let item):
            let (start, count) = addTests(item.tests)
            nodes.append(Node(kind: .item, requireAll: item.requireAll, negated: item.negated,
                              field: item.field == nil ? -1 : Int32(item.id), start: start, count: count))
        }
        return Int32(nodes.count - 1)
    }

    /// The tests laid out side by side (members of an `anyOf` after them), as a range of `tests`.
    private mutating func addTests(_ list: [ValueTest]) -> (Int32, Int32) {
        let start = tests.count
        tests += list.map { _ in Test(op: .other) }
        for (k, t) in list.enumerated() {
            let f = flat(t)
            tests[start + k] = f
        }
        return (Int32(start), Int32(list.count))
    }

    private mutating func literal(_ op: Test.Op, _ bytes: [UInt8], cased: Bool) -> Test {
        let start = Int32(pool.count)
        pool += bytes
        return Test(op: op, cased: cased, start: start, count: Int32(bytes.count))
    }

    private mutating func flat(_ t: ValueTest) -> Test {
        switch t {
        case .string(let p):
            switch p.shape {
            case .exact(let l): return literal(.exact, l, cased: p.cased)
            case .prefix(let l): return literal(.prefix, l, cased: p.cased)
            case .suffix(let l): return literal(.suffix, l, cased: p.cased)
            case .contains(let l): return literal(.contains, l, cased: p.cased)
            case .glob: break
            }
        // Both compare the lower-case value with a fixed text.
        case .number(let text, _): return literal(.exact, text, cased: false)
        case .bool(let b): return literal(.exact, Array((b ? "true" : "false").utf8), cased: false)
        case .null: return Test(op: .null)
        case .exists(let wanted): return Test(op: wanted ? .exists : .missing)
        case .anyOf(let members):
            let (start, count) = addTests(members)
            return Test(op: .anyOf, start: start, count: count)
        default: break
        }
        others.append(t)
        return Test(op: .other, start: Int32(others.count - 1))
    }

    /// Runs `body` with an evaluator of the rules on the event in `view` (valid only inside).
    func withRun<R>(_ view: EventView, _ body: (Run) -> R) -> R {
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                tests.withUnsafeBufferPointer { tests in
                    pool.withUnsafeBufferPointer { pool in
                        unretained.withUnsafeBufferPointer { others in
                            roots.withUnsafeBufferPointer { roots in
                                body(Run(nodes: nodes, children: children, tests: tests, pool: pool.baseAddress!,
                                         others: others, roots: roots, view: view))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Evaluates rules on one event: the program's buffers and the event.
    struct Run {
        let nodes: UnsafeBufferPointer<Node>
        let children: UnsafeBufferPointer<Int32>
        let tests: UnsafeBufferPointer<Test>
        let pool: UnsafePointer<UInt8>
        let others: UnsafeBufferPointer<Unretained>
        let roots: UnsafeBufferPointer<Int32>
        let view: EventView

        /// Whether rule `rule` matches.
        @inline(__always)
        func matches(rule: Int) -> Bool { node(Int(roots[rule])) }

        func node(_ i: Int) -> Bool {
            let n = nodes[i]
            let start = Int(n.start), end = Int(n.start) + Int(n.count)
            switch n.kind {
            case .all:
                for k in start..<end where !node(Int(children[k])) { return false }
                return true
            case .any:
                for k in start..<end where node(Int(children[k])) { return true }
                return false
            case .not:
                return !node(start)
            case .item:
                let result: Bool
                if n.field >= 0 {
                    let value = view.value(Int(n.field))
                    if n.requireAll {
                        if start == end {
                            result = false
                        } else {
                            var all = true
                            for k in start..<end where !test(k, value) { all = false; break }
                            result = all
                        }
                    } else {
                        var some = false
                        for k in start..<end where test(k, value) { some = true; break }
                        result = some
                    }
                } else {
                    if n.requireAll {
                        if start == end {
                            result = false
                        } else {
                            var all = true
                            for k in start..<end where !anyField(k) { all = false; break }
                            result = all
                        }
                    } else {
                        var some = false
                        for k in start..<end where anyField(k) { some = true; break }
                        result = some
                    }
                }
                return n.negated ? !result : result
            }
        }

        /// A keyword test: some field of the event satisfies it.
        func anyField(_ k: Int) -> Bool {
            for id in view.present where test(k, view.value(Int(id))) { return true }
            return false
        }

        func test(_ k: Int, _ value: FieldValue?) -> Bool {
            let t = tests[k]
            switch t.op {
            case .null: return value == nil
            case .exists: return value != nil
            case .missing: return value == nil
            case .anyOf:
                let start = Int(t.start)
                for m in start..<(start + Int(t.count)) where test(m, value) { return true }
                return false
            case .other:
                return others[Int(t.start)].box._withUnsafeGuaranteedRef { $0.matches(value, in: view) }
            default:
                break
            }
            guard let value else { return false }
            let v = t.cased ? value.raw : value.low
            let l = UnsafeBufferPointer(start: pool + Int(t.start), count: Int(t.count))
            switch t.op {
            case .exact: return v.count == l.count && StringPattern.equal(v, at: 0, l)
            case .prefix: return v.count >= l.count && StringPattern.equal(v, at: 0, l)
            case .suffix: return v.count >= l.count && StringPattern.equal(v, at: v.count - l.count, l)
            case .contains: return StringPattern.find(l, in: v, from: 0) != nil
            default: return false
            }
        }
    }
}

/// A test other than a plain comparison, held by reference so the hot path can borrow it.
final class OtherTest: @unchecked Sendable {
    let test: ValueTest
    init(_ test: ValueTest) { self.test = test }

    func matches(_ value: FieldValue?, in view: EventView) -> Bool { test.matches(value, in: view) }
}

/// A box the program keeps alive, referred to without retaining it.
struct Unretained: @unchecked Sendable {
    let box: Unmanaged<OtherTest>
}
