import Yams

/// Loads YAML text into positioned `YAMLNode` documents, turning every YAML problem into a diagnostic.
///
/// Yams composes aliases by sharing nodes, so an alias bomb costs little until it is walked; the walk here
/// counts every node it produces and stops past `nodeBudget`, which keeps expansion bounded in time and memory.
struct YAMLLoader {
    /// Most nodes one file may expand to (a large Sigma rule has a few thousand).
    var nodeBudget = 200_000
    /// Deepest nesting accepted (Sigma rules nest less than ten levels).
    var maxDepth = 200

    struct Failure: Error {
        var message: String
        var position: SourcePosition?
        var code: String
    }

    func load(_ text: String) -> (documents: [YAMLNode], failure: Failure?) {
        if let problem = NestingScanner.check(text, maxDepth: maxDepth) {
            return ([], problem)
        }
        var documents: [YAMLNode] = []
        var budget = nodeBudget
        do {
            // An explicit encoding: the default one reads the process environment on every call.
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            while let root = try parser.nextRoot() {
                documents.append(try convert(root, depth: 0, budget: &budget))
            }
        } catch let failure as Failure {
            return (documents, failure)
        } catch let error as YamlError {
            return (documents, Self.failure(from: error))
        } catch {
            return (documents, Failure(message: "invalid YAML: \(error)", position: nil, code: "yaml-syntax"))
        }
        return (documents, nil)
    }

    static func position(_ mark: Mark?) -> SourcePosition {
        guard let mark else { return SourcePosition(line: 1, column: 1) }
        return SourcePosition(line: max(mark.line, 1), column: max(mark.column, 1))
    }

    private func convert(_ node: Node, depth: Int, budget: inout Int) throws -> YAMLNode {
        budget -= 1
        if budget < 0 {
            throw Failure(message: "YAML has more than \(nodeBudget) nodes once aliases are expanded; refusing to go on",
                          position: Self.position(node.mark), code: "yaml-too-large")
        }
        if depth > maxDepth {
            throw Failure(message: "YAML nesting deeper than \(maxDepth) levels",
                          position: Self.position(node.mark), code: "yaml-too-deep")
        }
        let position = Self.position(node.mark)
        switch node {
        case .scalar(let scalar):
            return YAMLNode(kind: .scalar(Self.resolve(scalar), text: scalar.string), position: position,
                            quoted: scalar.style == .singleQuoted || scalar.style == .doubleQuoted)
        case .mapping(let mapping):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(mapping.count)
            var merged: [[(key: YAMLNode, value: YAMLNode)]] = []
            for (k, v) in mapping {
                if case .scalar(let ks) = k, ks.string == "<<", ks.style == .plain {
                    merged.append(contentsOf: try mergeSources(v, depth: depth + 1, budget: &budget))
                    continue
                }
                guard case .scalar = k else {
                    throw Failure(message: "a list or map used as a map key is not supported",
                                  position: Self.position(k.mark), code: "yaml-complex-key")
                }
                pairs.append((try convert(k, depth: depth + 1, budget: &budget),
                              try convert(v, depth: depth + 1, budget: &budget)))
            }
            if !merged.isEmpty { pairs = Self.applyMerge(merged, own: pairs) }
            return YAMLNode(kind: .mapping(pairs), position: position)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, depth: depth + 1, budget: &budget))
            }
            return YAMLNode(kind: .sequence(items), position: position)
        case .alias(let alias):
            throw Failure(message: "unresolved alias *\(alias.anchor.rawValue)",
                          position: Self.position(alias.mark), code: "yaml-syntax")
        }
    }

    /// The maps a `<<` merge key brings in (a map or a list of maps), as PyYAML's SafeLoader reads them.
    private func mergeSources(_ node: Node, depth: Int, budget: inout Int) throws -> [[(key: YAMLNode, value: YAMLNode)]] {
        let converted = try convert(node, depth: depth, budget: &budget)
        if let map = converted.mapping { return [map] }
        if let items = converted.sequence {
            var maps: [[(key: YAMLNode, value: YAMLNode)]] = []
            for item in items {
                guard let map = item.mapping else {
                    throw Failure(message: "a '<<' merge list may only hold maps", position: item.position, code: "yaml-syntax")
                }
                maps.append(map)
            }
            // Earlier maps win over later ones.
            return maps.reversed()
        }
        throw Failure(message: "a '<<' merge key needs a map or a list of maps", position: converted.position, code: "yaml-syntax")
    }

    /// Merged pairs first, own pairs last; a key keeps its first place and takes its last value.
    static func applyMerge(_ sources: [[(key: YAMLNode, value: YAMLNode)]],
                           own: [(key: YAMLNode, value: YAMLNode)]) -> [(key: YAMLNode, value: YAMLNode)] {
        var out: [(key: YAMLNode, value: YAMLNode)] = []
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

    private static func resolve(_ scalar: Node.Scalar) -> YAMLScalarValue {
        let tag = scalar.tag.rawValue
        let text = scalar.string
        switch tag {
        case "", "?":
            return scalar.style == .plain ? ScalarResolver.resolve(plain: text) : .string(text)
        case "!":
            return .string(text)
        case Tag.Name.str.rawValue:
            return .string(text)
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            if case .bool(let b) = ScalarResolver.resolve(plain: text) { return .bool(b) }
            return .string(text)
        case Tag.Name.int.rawValue:
            return ScalarResolver.int(text) ?? .string(text)
        case Tag.Name.float.rawValue:
            if let d = ScalarResolver.float(text) { return .double(d) }
            if case .int(let i)? = ScalarResolver.int(text) { return .double(Double(i)) }
            return .string(text)
        case Tag.Name.timestamp.rawValue:
            return .timestamp(text)
        default:
            return scalar.style == .plain ? ScalarResolver.resolve(plain: text) : .string(text)
        }
    }

    static func failure(from error: YamlError) -> Failure {
        switch error {
        case .reader(let problem, let offset, _, let yaml):
            var pos: SourcePosition?
            if let offset { pos = position(ofUTF8Offset: offset, in: yaml) }
            return Failure(message: "cannot read YAML: \(problem)", position: pos, code: "yaml-encoding")
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text))" }
            if character(at: mark, in: yaml) == "\t" || problem.contains("tab") {
                return Failure(message: "tab character in YAML indentation or structure; indent with spaces",
                               position: position(mark), code: "yaml-tab")
            }
            return Failure(message: message, position: position(mark), code: "yaml-syntax")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let first = position(context.mark)
            var message = "duplicate key \(keys) in a map"
            var at = first
            if let key = duplicates.first, let second = repeatedKey(key, after: first, in: context.text) {
                message += " (first at line \(first.line))"
                at = second
            }
            return Failure(message: message, position: at, code: "duplicate-key")
        case .dataCouldNotBeDecoded:
            return Failure(message: "file is not valid UTF-8", position: nil, code: "yaml-encoding")
        case .memory:
            return Failure(message: "YAML parser ran out of memory", position: nil, code: "yaml-too-large")
        default:
            return Failure(message: "invalid YAML: \(error)", position: nil, code: "yaml-syntax")
        }
    }

    /// The character at a 1-based mark, if any.
    static func character(at mark: Mark, in text: String) -> Character? {
        var line = 1
        var index = text.startIndex
        while line < mark.line, let nl = text[index...].firstIndex(of: "\n") {
            index = text.index(after: nl); line += 1
        }
        guard line == mark.line else { return nil }
        let rest = text[index...].prefix { $0 != "\n" }
        let scalars = Array(rest.unicodeScalars)
        guard mark.column >= 1, mark.column <= scalars.count else { return nil }
        return Character(scalars[mark.column - 1])
    }

    /// Where a duplicated key occurs again: a later line with `key:` at the same column.
    static func repeatedKey(_ key: String, after first: SourcePosition, in text: String) -> SourcePosition? {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard lineNumber > first.line else { continue }
            let scalars = Array(line.unicodeScalars)
            guard scalars.count >= first.column - 1 + key.unicodeScalars.count else { continue }
            let start = first.column - 1
            let prefix = scalars[0..<start]
            let body = String(String.UnicodeScalarView(scalars[start...]))
            let keyAtColumn = body.hasPrefix(key + ":") || body.hasPrefix("'\(key)':") || body.hasPrefix("\"\(key)\":")
            let indentOK = prefix.allSatisfy { $0 == " " || $0 == "-" }
            if keyAtColumn && indentOK { return SourcePosition(line: lineNumber, column: first.column) }
        }
        return nil
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
