/// Builds a `CorrelationRule` from a document with `correlation:` (Sigma correlation specification 2.x).
struct CorrelationBuilder {
    static let knownKeys: Set<String> = DocumentBuilder.ruleKeys.union(["correlation", "generate"])
    static let operators = ["gt", "gte", "lt", "lte", "eq", "neq"]

    func build(_ map: [YAMLPair], position: SourcePosition, sink: inout DiagnosticSink) -> CorrelationRule? {
        let before = sink.diagnostics.count
        let meta = MetadataReader(map: map, position: position)
        let title = meta.title(sink: &sink, kind: "correlation rule")
        let id = meta.id(sink: &sink)
        let name = meta.name(sink: &sink)
        let status = meta.status(sink: &sink)
        let description = meta.string("description", sink: &sink)
        let author = meta.string("author", sink: &sink)
        let date = meta.date("date", sink: &sink)
        let modified = meta.date("modified", sink: &sink)
        let level = meta.level(sink: &sink)
        let tags = meta.tags(sink: &sink)
        let references = meta.stringList("references", sink: &sink)
        let falsepositives = meta.stringList("falsepositives", sink: &sink)
        _ = meta.related(sink: &sink)

        guard let body = meta.node("correlation"), let pairs = body.mapping else {
            let n = meta.node("correlation")
            sink.error("wrong-type", "'correlation' must be a map, not \(n?.kindName ?? "missing")", at: n?.position ?? position)
            return nil
        }
        let c = MetadataReader(map: pairs, position: body.position)
        var type: CorrelationType?
        if let t = c.node("type") {
            if let s = t.string, let ct = CorrelationType(rawValue: s.lowercased()) {
                type = ct
            } else {
                let allowed = CorrelationType.allCases.map(\.rawValue).joined(separator: ", ")
                sink.error("invalid-correlation-type", "'\(t.text ?? t.kindName)' is not a correlation type (\(allowed))", at: t.position)
            }
        } else {
            sink.error("missing-correlation-type", "correlation has no type", at: body.position)
        }
        let temporal = type == .temporal || type == .temporalOrdered
        var rules: [String] = []
        if let r = c.node("rules"), !r.isNull {
            if let s = r.plainText, r.isScalar {
                rules = [s]
            } else if let items = r.sequence {
                for item in items {
                    if let s = item.plainText, item.isScalar { rules.append(s) } else {
                        sink.error("wrong-type", "each correlation rule reference must be a string", at: item.position)
                    }
                }
            } else {
                sink.error("wrong-type", "correlation 'rules' must be a string or a list", at: r.position)
            }
        } else if !temporal {
            sink.error("missing-correlation-rules", "correlation has no rules", at: body.position)
        }
        var groupBy: [String] = []
        if let g = c.node("group-by"), !g.isNull {
            if g.isScalar, let s = g.plainText { groupBy = [s] } else if let items = g.sequence {
                groupBy = items.compactMap { $0.plainText }
            } else {
                sink.error("wrong-type", "correlation 'group-by' must be a string or a list", at: g.position)
            }
        }
        var timespan = ""
        if let t = c.node("timespan"), !t.isNull {
            if let s = t.string, Self.isTimespan(s) { timespan = s } else {
                sink.error("invalid-timespan", "timespan '\(t.text ?? t.kindName)' is invalid: use a positive number and one of s, m, h, d, w, M, y (e.g. 15m)",
                           at: t.position)
            }
        } else {
            sink.error("missing-timespan", "correlation has no timespan", at: body.position)
        }
        var generate = false
        if let g = c.node("generate") ?? meta.node("generate"), !g.isNull {
            if case .bool(let b)? = g.scalar { generate = b } else {
                sink.error("wrong-type", "correlation 'generate' must be a boolean", at: g.position)
            }
        }
        var aliases: [String: [String: String]] = [:]
        if let a = c.node("aliases"), !a.isNull {
            if let entries = a.mapping {
                for pair in entries {
                    let k = pair.key, v = pair.value
                    guard let m = v.mapping else {
                        sink.error("wrong-type", "correlation alias '\(k.text ?? "")' must map rule names to fields", at: v.position)
                        continue
                    }
                    var inner: [String: String] = [:]
                    for pair in m { inner[pair.key.text ?? ""] = pair.value.plainText ?? "" }
                    aliases[k.text ?? ""] = inner
                }
            } else {
                sink.error("wrong-type", "correlation 'aliases' must be a map", at: a.position)
            }
        }
        var conditions: [CorrelationCondition] = []
        var extended: String?
        var extendedExpression: ConditionExpression?
        if let cond = c.node("condition"), !cond.isNull {
            if let m = cond.mapping {
                conditions = condition(m, at: cond.position, sink: &sink)
            } else if let s = cond.string {
                if temporal {
                    extended = s
                    extendedExpression = parseExtended(s, rules: &rules, at: cond.position, sink: &sink)
                } else {
                    sink.error("invalid-correlation-condition", "a condition expression (string) is only allowed for temporal correlations",
                               at: cond.position)
                }
            } else {
                sink.error("wrong-type", "correlation 'condition' must be a map such as 'gte: 10'", at: cond.position)
            }
        } else if !temporal, let type {
            sink.error("missing-correlation-condition", "\(type.rawValue) correlation has no condition", at: body.position)
        } else if temporal {
            // pySigma's default for temporal correlations: all referenced rules must match.
            conditions = [CorrelationCondition(op: "gte", value: .int(rules.count))]
        }
        if let type, [.valueCount, .valueSum, .valueAvg, .valuePercentile, .valueMedian].contains(type),
           let first = conditions.first, first.field == nil {
            sink.error("missing-correlation-field", "\(type.rawValue) correlation condition needs a 'field'", at: c.node("condition")?.position ?? body.position)
        }
        let failed = sink.diagnostics[before...].contains { $0.severity == .error }
        guard !failed, let type else { return nil }
        var rule = CorrelationRule(title: title, id: id, name: name, status: status, description: description, author: author,
                                   date: date, modified: modified, level: level, tags: tags, references: references,
                                   falsepositives: falsepositives, type: type, rules: rules, groupBy: groupBy,
                                   timespan: timespan, conditions: conditions, aliases: aliases, generate: generate,
                                   custom: meta.custom(excluding: Self.knownKeys))
        rule.extendedCondition = extended
        rule.extendedExpression = extendedExpression
        return rule
    }

    /// An extended temporal condition (`a and not b`): its names must be exactly the listed rules;
    /// without a `rules` list, the names it uses become the list.
    private func parseExtended(_ text: String, rules: inout [String], at position: SourcePosition,
                               sink: inout DiagnosticSink) -> ConditionExpression? {
        var names = rules
        if names.isEmpty {
            let keywords: Set<String> = ["and", "or", "not"]
            if let tokens = try? ConditionParser.tokenize(text) {
                for t in tokens {
                    if case .word(let w) = t.token, !keywords.contains(w), !names.contains(w) { names.append(w) }
                }
            }
            rules = names
        }
        do {
            let expression = try ConditionParser(detectionNames: names).parse(text)
            var used: Set<String> = []
            var stack = [expression]
            while let e = stack.popLast() {
                switch e {
                case .identifier(let n): used.insert(n)
                case .and(let cs), .or(let cs): stack.append(contentsOf: cs)
                case .not(let c): stack.append(c)
                case .selector(_, _, let matched): used.formUnion(matched)
                }
            }
            let unused = names.filter { !used.contains($0) }
            if !unused.isEmpty {
                sink.error("invalid-correlation-condition",
                           "rules listed but not used in the condition: \(unused.joined(separator: ", "))", at: position)
                return nil
            }
            return expression
        } catch {
            let message = error.code == "undefined-detection"
                ? error.message.replacingOccurrences(of: "detection '", with: "rule '")
                    .replacingOccurrences(of: "is not defined in detection", with: "is not in the correlation's rules")
                : error.message
            sink.error("invalid-correlation-condition", message,
                       at: SourcePosition(line: position.line, column: position.column + error.offset))
            return nil
        }
    }

    private func condition(_ m: [YAMLPair], at position: SourcePosition,
                           sink: inout DiagnosticSink) -> [CorrelationCondition] {
        var field: String?
        var percentile: Int?
        var found: [(String, YAMLNode)] = []
        for pair in m {
            let k = pair.key, v = pair.value
            let key = k.text ?? ""
            if Self.operators.contains(key) { found.append((key, v)) } else if key == "field" {
                field = v.plainText
                if let items = v.sequence { field = items.compactMap(\.plainText).joined(separator: ",") }
            } else if key == "percentile" {
                switch YAMLNumber.integer(v) {
                case .success(let p): percentile = p
                case .failure(let problem):
                    sink.error("invalid-correlation-condition", "percentile \(problem.message)", at: v.position)
                }
            } else {
                sink.error("invalid-correlation-condition", "unknown correlation condition item '\(key)'", at: k.position)
            }
        }
        guard found.count == 1 else {
            sink.error("invalid-correlation-condition",
                       "correlation condition needs exactly one of \(Self.operators.joined(separator: ", "))", at: position)
            return []
        }
        let (op, v) = found[0]
        let number: SigmaNumber
        switch YAMLNumber.integer(v, allowingDigitString: true) {
        case .success(let i): number = .int(i)
        case .failure(let problem):
            sink.error("invalid-correlation-condition", "correlation count \(problem.message)", at: v.position)
            return []
        }
        var condition = CorrelationCondition(op: op, value: number, field: field)
        condition.percentile = percentile
        return [condition]
    }

    /// `<positive integer><unit>` with unit one of s, m, h, d, w, M, y.
    static func isTimespan(_ s: String) -> Bool {
        guard let unit = s.last, "smhdwMy".contains(unit) else { return false }
        let digits = s.dropLast()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return false }
        return n > 0
    }
}
