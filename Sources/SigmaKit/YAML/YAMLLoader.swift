import CYaml

/// Loads YAML text into positioned `YAMLNode` documents, turning every YAML problem into a diagnostic.
///
/// The tree is composed here straight from libyaml's events (no intermediate Yams `Node`), so the node budget
/// is charged before anything is built: an alias costs the full size of what it copies, keys cost like values,
/// and an alias bomb is refused after reading its anchors, never after expanding them.
struct YAMLLoader {
    /// Most nodes one file may expand to (a large Sigma rule has a few thousand).
    var nodeBudget = SigmaLimits.maxNodes
    /// Deepest nesting accepted (Sigma rules nest less than ten levels).
    var maxDepth = SigmaLimits.maxDepth
    /// Whether the hand-written reader may read the input first (libyaml reads whatever it declines).
    var allowsBlockReader = true

    struct Failure: Error {
        var message: String
        var position: SourcePosition?
        var code: String
    }

    func load(_ text: String) -> (documents: [YAMLNode], failure: Failure?) {
        // libyaml needs a buffer address, which an empty string may not have; an empty stream has no documents.
        if text.utf8.isEmpty { return ([], nil) }
        var text = text
        return text.withUTF8 { bytes in
            // The block reader accepts nothing the nesting scan refuses, so the scan (a pass over every byte)
            // guards only the libyaml path.
            if allowsBlockReader, let root = BlockYAMLReader.read(bytes, nodeBudget: nodeBudget, maxDepth: maxDepth) {
                return ([root], nil)
            }
            if let problem = NestingScanner.check(bytes: bytes, maxDepth: maxDepth) {
                return ([], problem)
            }
            var composer = EventComposer(bytes: bytes, nodeBudget: nodeBudget, maxDepth: maxDepth)
            defer { composer.close() }
            var documents: [YAMLNode] = []
            do {
                while let root = try composer.nextDocument() {
                    documents.append(root)
                }
            } catch let failure as Failure {
                return (documents, failure)
            } catch {
                return (documents, Failure(message: "invalid YAML: \(error)", position: nil, code: "yaml-syntax"))
            }
            return (documents, nil)
        }
    }

    static func position(line: Int, column: Int) -> SourcePosition {
        SourcePosition(line: max(line, 1), column: max(column, 1))
    }

    /// Merged pairs first, own pairs last; a key keeps its first place and takes its last value.
    static func applyMerge(_ sources: [[YAMLPair]],
                           own: [YAMLPair]) -> [YAMLPair] {
        var out: [YAMLPair] = []
        var index: [String: Int] = [:]
        for pair in sources.joined() + own {
            let key = pair.key.text ?? pair.key.jsonText
            if let i = index[key] { out[i].value = pair.value } else {
                index[key] = out.count
                out.append(pair)
            }
        }
        return out
    }

    /// A scalar's value under YAML 1.1 resolution as PyYAML's SafeLoader applies it.
    /// `tag` is the explicit tag (nil when none was written); keys resolve as strings unless tagged.
    static func resolve(_ text: String, tag: String?, plain: Bool, isKey: Bool) -> YAMLScalarValue {
        guard let tag else {
            if isKey || !plain { return .string(text) }
            return ScalarResolver.resolve(plain: text)
        }
        switch tag {
        case "!", "tag:yaml.org,2002:str":
            return .string(text)
        case "tag:yaml.org,2002:null":
            return .null
        case "tag:yaml.org,2002:bool":
            if case .bool(let b) = ScalarResolver.resolve(plain: text) { return .bool(b) }
            return .string(text)
        case "tag:yaml.org,2002:int":
            return ScalarResolver.int(text) ?? .string(text)
        case "tag:yaml.org,2002:float":
            if let d = ScalarResolver.float(text) { return .double(d) }
            if case .int(let i)? = ScalarResolver.int(text) { return .double(Double(i)) }
            return .string(text)
        case "tag:yaml.org,2002:timestamp":
            return .timestamp(text)
        default:
            if isKey { return .string(text) }
            return plain ? ScalarResolver.resolve(plain: text) : .string(text)
        }
    }

    /// The character at a 1-based line and column (columns count Unicode scalars, as libyaml does).
    static func character(line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Character? {
        var current = 1
        var i = 0
        while current < line, i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") { current += 1 }
            i += 1
        }
        guard current == line else { return nil }
        var end = i
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
        let scalars = Array(rest.unicodeScalars)
        guard column >= 1, column <= scalars.count else { return nil }
        return Character(scalars[column - 1])
    }

    static func position(ofUTF8Offset offset: Int, in text: String) -> SourcePosition {
        var line = 1
        var column = 1
        var seen = 0
        for scalar in text.unicodeScalars {
            if seen >= offset { break }
            seen += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourcePosition(line: line, column: column)
    }
}
