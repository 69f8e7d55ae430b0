import CYaml

/// Builds positioned `YAMLNode` trees from libyaml's event stream, one document at a time.
///
/// Every node it produces is charged to one budget before it is built; an alias is charged the size of the
/// subtree it copies. Depth is checked on the way down, so recursion is bounded by `maxDepth`.
struct EventComposer {
    /// On the heap: libyaml keeps a pointer to the parser inside the parser, so it must never move.
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: UnsafeBufferPointer<UInt8>
    private let nodeBudget: Int
    private let maxDepth: Int
    private var remaining: Int
    /// Whether an alias has been expanded (for a message that names the real cause).
    private var expandedAlias = false
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var started = false

    init(bytes: UnsafeBufferPointer<UInt8>, nodeBudget: Int, maxDepth: Int) {
        self.bytes = bytes
        self.nodeBudget = nodeBudget
        self.maxDepth = maxDepth
        self.remaining = nodeBudget
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }

    func close() {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// One event with the parts the composer reads, copied out of libyaml's buffers.
    private enum Event {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias(anchor: String, at: SourcePosition)
        case scalar(text: String, anchor: String?, tag: String?, plain: Bool, quoted: Bool, at: SourcePosition)
        case sequenceStart(anchor: String?, at: SourcePosition)
        case sequenceEnd
        case mappingStart(anchor: String?, at: SourcePosition)
        case mappingEnd
    }

    private mutating func next() throws -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw parserFailure() }
        defer { yaml_event_delete(&event) }
        let at = YAMLLoader.position(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", at: at)
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
            let style = s.style
            let quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
            return .scalar(text: text, anchor: Self.string(s.anchor), tag: Self.string(s.tag),
                           plain: style == YAML_PLAIN_SCALAR_STYLE, quoted: quoted, at: at)
        case YAML_SEQUENCE_START_EVENT:
            return .sequenceStart(anchor: Self.string(event.data.sequence_start.anchor), at: at)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            return .mappingStart(anchor: Self.string(event.data.mapping_start.anchor), at: at)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default:
            throw YAMLLoader.Failure(message: "invalid YAML: unexpected event", position: at, code: "yaml-syntax")
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// The next document's root, or nil at the end of the stream.
    mutating func nextDocument() throws -> YAMLNode? {
        if !started {
            started = true
            guard case .streamStart = try next() else { return nil }
        }
        switch try next() {
        case .documentStart: break
        default: return nil
        }
        // Anchors belong to their document, as in PyYAML's composer.
        anchors = [:]
        let (root, _) = try node(from: try next(), depth: 0, isKey: false)
        guard case .documentEnd = try next() else {
            throw YAMLLoader.Failure(message: "invalid YAML: expected the end of the document", position: nil, code: "yaml-syntax")
        }
        return root
    }

    private mutating func charge(_ size: Int, at position: SourcePosition) throws {
        remaining -= size
        if remaining < 0 {
            let message = expandedAlias
                ? "YAML has more than \(nodeBudget) nodes once aliases are expanded (the limit for one file); refusing to go on"
                : "YAML has more than \(nodeBudget) nodes (the limit for one file)"
            throw YAMLLoader.Failure(message: message, position: position, code: "yaml-too-large")
        }
    }

    /// The node an event starts, with its size in nodes.
    private mutating func node(from event: Event, depth: Int, isKey: Bool) throws -> (YAMLNode, Int) {
        switch event {
        case .scalar(let text, let anchor, let tag, let plain, let quoted, let at):
            try charge(1, at: at)
            let node = YAMLNode(kind: .scalar(YAMLLoader.resolve(text, tag: tag, plain: plain, isKey: isKey), text: text),
                                position: at, quoted: quoted)
            if let anchor { anchors[anchor] = (node, 1) }
            return (node, 1)
        case .alias(let name, let at):
            guard let target = anchors[name] else {
                throw YAMLLoader.Failure(message: "invalid YAML: found undefined alias *\(name)", position: at, code: "yaml-syntax")
            }
            expandedAlias = true
            try charge(target.size, at: at)
            return target
        case .sequenceStart(let anchor, let at):
            try enter(depth, at: at)
            try charge(1, at: at)
            var items: [YAMLNode] = []
            var size = 1
            while true {
                let item = try next()
                if case .sequenceEnd = item { break }
                let (child, childSize) = try node(from: item, depth: depth + 1, isKey: false)
                items.append(child)
                size += childSize
            }
            let node = YAMLNode(kind: .sequence(items), position: at)
            if let anchor { anchors[anchor] = (node, size) }
            return (node, size)
        case .mappingStart(let anchor, let at):
            try enter(depth, at: at)
            try charge(1, at: at)
            let (node, size) = try mapping(at: at, depth: depth)
            if let anchor { anchors[anchor] = (node, size) }
            return (node, size)
        default:
            throw YAMLLoader.Failure(message: "invalid YAML: unexpected event", position: nil, code: "yaml-syntax")
        }
    }

    private func enter(_ depth: Int, at: SourcePosition) throws {
        if depth >= maxDepth {
            throw YAMLLoader.Failure(message: "YAML nesting deeper than \(maxDepth) levels", position: at, code: "yaml-too-deep")
        }
    }

    private mutating func mapping(at: SourcePosition, depth: Int) throws -> (YAMLNode, Int) {
        var pairs: [YAMLPair] = []
        var merged: [[YAMLPair]] = []
        // Key identity as the old composer had it: the text under its tag (untagged and quoted keys are strings).
        var seen = SeenKeys()
        var size = 1
        while true {
            let keyEvent = try next()
            if case .mappingEnd = keyEvent { break }
            let keyTag: String
            switch keyEvent {
            case .scalar(let text, _, let tag, let plain, _, let at):
                if text == "<<", plain, tag == nil {
                    try charge(1, at: at)
                    try duplicate("<<", tag: "", at: at, seen: &seen)
                    let (source, sourceSize) = try node(from: try next(), depth: depth + 1, isKey: false)
                    size += 1 + sourceSize
                    merged.append(contentsOf: try Self.mergeSources(source))
                    continue
                }
                keyTag = tag == "!" || tag == "tag:yaml.org,2002:str" ? "" : (tag ?? "")
            case .alias(let name, let at):
                if let target = anchors[name], !target.node.isScalar {
                    throw YAMLLoader.Failure(message: "a list or map used as a map key is not supported", position: at, code: "yaml-complex-key")
                }
                keyTag = ""
            case .sequenceStart(_, let at), .mappingStart(_, let at):
                throw YAMLLoader.Failure(message: "a list or map used as a map key is not supported", position: at, code: "yaml-complex-key")
            default:
                throw YAMLLoader.Failure(message: "invalid YAML: unexpected event in a map", position: at, code: "yaml-syntax")
            }
            let (key, keySize) = try node(from: keyEvent, depth: depth + 1, isKey: true)
            try duplicate(key.text ?? "", tag: keyTag, at: key.position, seen: &seen)
            let (value, valueSize) = try node(from: try next(), depth: depth + 1, isKey: false)
            size += keySize + valueSize
            pairs.append(YAMLPair(key, value))
        }
        if !merged.isEmpty { pairs = YAMLLoader.applyMerge(merged, own: pairs) }
        return (YAMLNode(kind: .mapping(pairs), position: at), size)
    }

    private func duplicate(_ text: String, tag: String, at: SourcePosition, seen: inout SeenKeys) throws {
        if let first = seen.insert(text: text, tag: tag, at: at) {
            throw YAMLLoader.Failure(message: "duplicate key '\(text)' in a map (first at line \(first.line))",
                                     position: at, code: "duplicate-key")
        }
    }

    /// The keys of one map so far. A Sigma map has a handful of keys: comparing them in a list costs less than
    /// joining tag and text into a new string and hashing it for every key; a large map switches to hashing so a
    /// hostile file with many keys stays linear.
    private struct SeenKeys {
        private var list: [(text: String, tag: String, at: SourcePosition)] = []
        private var hashed: [String: SourcePosition]?

        /// The position of the same key seen before, else nil (and the key is recorded).
        mutating func insert(text: String, tag: String, at: SourcePosition) -> SourcePosition? {
            if hashed == nil {
                for key in list where key.text == text && key.tag == tag { return key.at }
                list.append((text, tag, at))
                if list.count > 16 {
                    var table: [String: SourcePosition] = [:]
                    for key in list { table[key.tag + "\u{0}" + key.text] = key.at }
                    hashed = table
                    list = []
                }
                return nil
            }
            let identity = tag + "\u{0}" + text
            if let first = hashed![identity] { return first }
            hashed![identity] = at
            return nil
        }
    }

    /// The maps a `<<` merge key brings in (a map or a list of maps), as PyYAML's SafeLoader reads them.
    private static func mergeSources(_ converted: YAMLNode) throws -> [[YAMLPair]] {
        if let map = converted.mapping { return [map] }
        if let items = converted.sequence {
            var maps: [[YAMLPair]] = []
            for item in items {
                guard let map = item.mapping else {
                    throw YAMLLoader.Failure(message: "a '<<' merge list may only hold maps", position: item.position, code: "yaml-syntax")
                }
                maps.append(map)
            }
            // Earlier maps win over later ones.
            return maps.reversed()
        }
        throw YAMLLoader.Failure(message: "a '<<' merge key needs a map or a list of maps", position: converted.position, code: "yaml-syntax")
    }

    /// libyaml's error as a positioned failure, worded as before.
    private func parserFailure() -> YAMLLoader.Failure {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.pointee.error {
        case YAML_MEMORY_ERROR:
            return YAMLLoader.Failure(message: "YAML parser ran out of memory", position: nil, code: "yaml-too-large")
        case YAML_READER_ERROR:
            let offset = min(parser.pointee.problem_offset, bytes.count)
            let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<offset]), as: UTF8.self)
            return YAMLLoader.Failure(message: "cannot read YAML: \(problem)",
                                      position: YAMLLoader.position(ofUTF8Offset: offset, in: prefix + " "), code: "yaml-encoding")
        default:
            let line = Int(parser.pointee.problem_mark.line) + 1
            let column = Int(parser.pointee.problem_mark.column) + 1
            let at = YAMLLoader.position(line: line, column: column)
            if YAMLLoader.character(line: line, column: column, in: bytes) == "\t" || problem.contains("tab") {
                return YAMLLoader.Failure(message: "tab character in YAML indentation or structure; indent with spaces",
                                          position: at, code: "yaml-tab")
            }
            var message = "invalid YAML: \(problem)"
            if let context = parser.pointee.context { message += " (\(String(cString: context)))" }
            return YAMLLoader.Failure(message: message, position: at, code: "yaml-syntax")
        }
    }
}
