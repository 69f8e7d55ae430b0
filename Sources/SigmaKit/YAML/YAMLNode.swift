/// A YAML scalar after YAML 1.1 implicit resolution (the rules PyYAML applies, which pySigma inherits).
enum YAMLScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A plain `2024-01-01` style timestamp; kept as its text.
    case timestamp(String)
}

/// One key and its value in a map. A struct, not a `(key:, value:)` tuple: a tuple of nodes is copied through
/// the runtime's generic tuple copy, several times dearer than a struct's own.
struct YAMLPair: Sendable {
    var key: YAMLNode
    var value: YAMLNode

    init(_ key: YAMLNode, _ value: YAMLNode) {
        self.key = key
        self.value = value
    }

    init(key: YAMLNode, value: YAMLNode) {
        self.init(key, value)
    }
}

/// A positioned YAML node, converted from Yams' composed tree with aliases already expanded (within a budget).
struct YAMLNode: Sendable {
    enum Kind: Sendable {
        case scalar(YAMLScalarValue, text: String)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    var kind: Kind
    var position: SourcePosition
    /// A single- or double-quoted scalar (its text starts one column after `position`).
    var quoted = false

    var isScalar: Bool { if case .scalar = kind { true } else { false } }

    /// The scalar's resolved value, nil for collections.
    var scalar: YAMLScalarValue? {
        if case .scalar(let v, _) = kind { v } else { nil }
    }

    /// The scalar text as written (nil for collections).
    var text: String? {
        if case .scalar(_, let t) = kind { t } else { nil }
    }

    /// A string scalar's value (only for values YAML resolved as strings).
    var string: String? {
        if case .scalar(.string(let s), _) = kind { s } else { nil }
    }

    var isNull: Bool { scalar == .null }

    var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { pairs } else { nil }
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { items } else { nil }
    }

    /// The value of a mapping key written as `key` (first match).
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = kind else { return nil }
        return YAMLPairs.value(of: key, in: pairs)
    }

    /// A short name of the node's kind for messages.
    var kindName: String {
        switch kind {
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .scalar(let v, _):
            switch v {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int, .double: return "a number"
            case .string: return "a string"
            case .timestamp: return "a date"
            }
        }
    }
}

/// Lookups in a map's pairs that read each pair in place: `for pair in pairs`, `pairs[i]` and `contains(where:)`
/// each copied every pair they passed (two nodes, their strings and arrays retained and released), a large share of
/// reading a rule. A pointer's subscript reads in place.
enum YAMLPairs {
    typealias Pair = YAMLPair

    /// Calls `body` with a pointer to the pairs and their index range (never dereferenced when empty).
    @inline(__always)
    static func reading<R>(_ pairs: [Pair], _ body: (UnsafePointer<Pair>, Range<Int>) -> R) -> R {
        pairs.withUnsafeBufferPointer { buffer in
            body(buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Pair>.alignment)!, buffer.indices)
        }
    }

    /// The value of the first pair whose key's text is `key`.
    static func value(of key: String, in pairs: [Pair]) -> YAMLNode? {
        reading(pairs) { p, range in
            for i in range {
                if case .scalar(_, let text) = p[i].key.kind, text == key { return p[i].value }
            }
            return nil
        }
    }

    /// Whether some key's text satisfies `test`.
    static func containsKey(in pairs: [Pair], where test: (String) -> Bool) -> Bool {
        reading(pairs) { p, range in
            for i in range {
                if case .scalar(_, let text) = p[i].key.kind, test(text) { return true }
            }
            return false
        }
    }
}
