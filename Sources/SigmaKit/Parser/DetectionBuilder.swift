/// Builds `Detections` from the `detection:` map with pySigma's structure: a map is an AND group of
/// items, a list of plain values is one keyword item, a list holding maps or lists is an OR group of groups.
struct DetectionBuilder {
    var conditionMaxDepth = 128

    func build(_ node: YAMLNode, sink: inout DiagnosticSink) -> Detections? {
        guard let pairs = node.mapping else {
            sink.error("wrong-type", "detection must be a map of named detections and a condition, not \(node.kindName)",
                       at: node.position)
            return nil
        }
        var named: [NamedDetection] = []
        var conditionNode: YAMLNode?
        var timeframe: String?
        var ok = true
        // Pairs read in place (see `YAMLPairs`).
        YAMLPairs.reading(pairs) { pairs, range in
            for i in range {
                let name = pairs[i].key.text ?? ""
                if name == "condition" { conditionNode = pairs[i].value; continue }
                if name == "timeframe", let t = pairs[i].value.text { timeframe = t }
                do throws(ParseProblem) {
                    named.append(NamedDetection(name: name, body: try group(pairs[i].value)))
                } catch {
                    sink.add(error)
                    ok = false
                }
            }
        }
        if named.isEmpty && ok {
            sink.error("empty-detection", "detection defines no named detection", at: node.position)
            ok = false
        }
        guard let conditionNode else {
            sink.error("missing-condition", "detection has no condition", at: node.position)
            return nil
        }
        var texts: [String] = []
        var positions: [SourcePosition] = []
        var quoted: [Bool] = []
        if let items = conditionNode.sequence {
            for item in items {
                guard let s = item.string else {
                    sink.error("wrong-type", "each condition must be a string, not \(item.kindName)", at: item.position)
                    return nil
                }
                texts.append(s); positions.append(item.position); quoted.append(item.quoted)
            }
            if texts.isEmpty {
                sink.error("missing-condition", "condition list is empty", at: conditionNode.position)
                return nil
            }
        } else if let s = conditionNode.string {
            texts = [s]; positions = [conditionNode.position]; quoted = [conditionNode.quoted]
        } else {
            sink.error("wrong-type", "condition must be a string, not \(conditionNode.kindName)", at: conditionNode.position)
            return nil
        }
        guard ok else { return nil }
        let parser = ConditionParser(detectionNames: named.map(\.name), maxDepth: conditionMaxDepth)
        var conditions: [ConditionExpression] = []
        for (index, text) in texts.enumerated() {
            do {
                conditions.append(try parser.parse(text))
            } catch {
                sink.error(error.code, error.message,
                           at: Self.offset(positions[index], by: error.offset, quoted: quoted[index], text: text))
                return nil
            }
        }
        return Detections(named: named, conditionTexts: texts, conditions: conditions, timeframe: timeframe)
    }

    /// The position of a character of a single-line scalar (multi-line ones keep the scalar's start).
    static func offset(_ position: SourcePosition, by offset: Int, quoted: Bool, text: String) -> SourcePosition {
        guard !text.contains("\n") else { return position }
        return SourcePosition(line: position.line, column: position.column + offset + (quoted ? 1 : 0))
    }

    /// A named detection or an element of a detection list.
    func group(_ node: YAMLNode) throws(ParseProblem) -> DetectionGroup {
        switch node.kind {
        case .mapping(let pairs):
            if pairs.isEmpty { throw ParseProblem("empty-detection", "detection is empty", at: node.position) }
            var nodes: [DetectionNode] = []
            nodes.reserveCapacity(pairs.count)
            var problem: ParseProblem?
            // Pairs read in place (see `YAMLPairs`).
            YAMLPairs.reading(pairs) { pairs, range in
                for i in range {
                    do throws(ParseProblem) {
                        nodes.append(.item(try item(key: pairs[i].key, value: pairs[i].value)))
                    } catch {
                        problem = error
                        return
                    }
                }
            }
            if let problem { throw problem }
            return DetectionGroup(nodes: nodes, linking: .and, position: node.position)
        case .scalar:
            return DetectionGroup(nodes: [.item(try keywordItem([node], at: node.position))], linking: .and, position: node.position)
        case .sequence(let items):
            if items.allSatisfy(\.isScalar) {
                return DetectionGroup(nodes: [.item(try keywordItem(items, at: node.position))], linking: .and,
                                      position: node.position)
            }
            var nodes: [DetectionNode] = []
            for element in items {
                nodes.append(.group(try group(element)))
            }
            return DetectionGroup(nodes: nodes, linking: .or, position: node.position)
        }
    }

    private func keywordItem(_ values: [YAMLNode], at position: SourcePosition) throws(ParseProblem) -> DetectionItem {
        if values.isEmpty {
            throw ParseProblem("empty-detection", "keyword list is empty", at: position)
        }
        return try makeItem(field: nil, modifiers: [], valueNodes: values, at: position)
    }

    /// A `field|mod|mod: value(s)` entry.
    func item(key: YAMLNode, value: YAMLNode) throws(ParseProblem) -> DetectionItem {
        let keyText = key.text ?? ""
        // Most keys have no modifier: no split then.
        var components = keyText.utf8.contains(UInt8(ascii: "|")) ? Self.modifierComponents(keyText) : [keyText]
        let fieldName = components.removeFirst()
        var modifiers: [Modifier] = []
        for name in components {
            guard let modifier = Modifier(name: name) else {
                let hint = name.isEmpty ? "empty modifier name (double '|')" : "unknown modifier '\(name)'"
                throw ParseProblem("unknown-modifier", "\(hint) in '\(keyText)'", at: key.position)
            }
            modifiers.append(modifier)
        }
        let valueNodes: [YAMLNode]
        switch value.kind {
        case .scalar: valueNodes = [value]
        case .sequence(let items): valueNodes = items
        case .mapping:
            throw ParseProblem("wrong-type", "value of '\(keyText)' must be a value or a list of values, not a map",
                               at: value.position)
        }
        return try makeItem(field: fieldName.isEmpty ? nil : fieldName, modifiers: modifiers, valueNodes: valueNodes,
                            at: key.position)
    }

    /// `key.split(separator: "|")` keeping empty pieces. An ASCII key (all but freak ones) is cut on bytes, where
    /// every character is one byte and none joins a `|`; others go through the `Character` split.
    static func modifierComponents(_ key: String) -> [String] {
        let units = key.utf8
        guard units.allSatisfy({ $0 < 0x80 }) else {
            return key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
        var out: [String] = []
        var start = units.startIndex
        var i = start
        while i < units.endIndex {
            if units[i] == UInt8(ascii: "|") {
                out.append(String(key[start..<i]))
                start = units.index(after: i)
            }
            i = units.index(after: i)
        }
        out.append(String(key[start..<units.endIndex]))
        return out
    }

    private func makeItem(field: String?, modifiers: [Modifier], valueNodes: [YAMLNode],
                          at position: SourcePosition) throws(ParseProblem) -> DetectionItem {
        let isRegex = modifiers.contains(.re)
        var raws: [RawValue] = []
        var initial: [SigmaValue] = []
        var rawTexts: [String?] = []
        raws.reserveCapacity(valueNodes.count)
        for v in valueNodes {
            guard case .scalar(let scalar, let text) = v.kind else {
                throw ParseProblem("wrong-type", "a value list may only hold plain values, not \(v.kindName)", at: v.position)
            }
            switch scalar {
            case .string(let s):
                raws.append(.string(s))
                initial.append(.string(isRegex ? SigmaString(plain: s) : SigmaString(sigma: s), cased: false))
                rawTexts.append(s)
            case .int(let i):
                raws.append(.int(i))
                initial.append(isRegex ? .string(SigmaString(plain: String(i)), cased: false) : .number(.int(i)))
                rawTexts.append(String(i))
            case .double(let d):
                guard d.isFinite else {
                    throw ParseProblem("invalid-value", "'\(text)' is not a finite number", at: v.position)
                }
                raws.append(.double(d))
                let number = Self.number(d)
                initial.append(isRegex ? .string(SigmaString(plain: number.description), cased: false) : .number(number))
                rawTexts.append(number.description)
            case .bool(let b):
                raws.append(.bool(b))
                initial.append(isRegex ? .string(SigmaString(plain: b ? "True" : "False"), cased: false) : .bool(b))
                rawTexts.append(b ? "True" : "False")
            case .null:
                raws.append(.null)
                initial.append(.null)
                rawTexts.append(nil)
            case .timestamp(let t):
                throw ParseProblem("invalid-value", "'\(t)' is read by YAML as a date, which is not a detection value type; quote it",
                                   at: v.position)
            }
        }
        if modifiers.contains(.all) && valueNodes.count < 2 {
            throw ParseProblem("all-single-value", "modifier 'all' needs a list of at least two values (the spec forbids it on a single value)",
                               at: position)
        }
        let engine = ModifierEngine(field: field, modifiers: modifiers)
        var result: (values: [SigmaValue], linking: Linking, negated: Bool)
        do {
            result = try engine.apply(to: initial, rawTexts: rawTexts)
        } catch {
            throw ParseProblem(error.code, error.message, at: position)
        }
        if result.values.isEmpty {
            guard field != nil else {
                throw ParseProblem("empty-detection", "an empty value list must belong to a field", at: position)
            }
            // pySigma reads an empty list as null (the field is empty or absent).
            result.values = [.null]
        }
        return DetectionItem(field: field, modifiers: modifiers, rawValues: raws, values: result.values,
                             valueLinking: result.linking, position: position, negated: result.negated)
    }

    /// pySigma keeps a float only when it is not integral (`4624.0` is `4624`).
    static func number(_ d: Double) -> SigmaNumber {
        if d == d.rounded(), abs(d) < 9.0e18 { return .int(Int(d)) }
        return .double(d)
    }
}
