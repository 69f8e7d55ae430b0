import SigmaKit

/// One node of the condition tree a backend converts: pySigma's condition tree after identifiers were
/// resolved into detections (AND/OR/NOT over field-value and keyword leaves).
indirect enum ConditionNode: Sendable, Hashable {
    case and([ConditionNode])
    case or([ConditionNode])
    case not(ConditionNode)
    case field(FieldCondition)
    case keyword(SigmaValue, underOr: Bool)
    /// pySigma's `None` argument: a detection emptied by a pipeline (dropped items) or a selector matching
    /// nothing. It converts to nothing but still counts as an argument of its operator.
    case empty

    /// The boolean operator class of the node, as used by precedence decisions (nil for leaves).
    var op: BooleanOperator? {
        switch self {
        case .and: .and
        case .or: .or
        case .not: .not
        case .field, .keyword, .empty: nil
        }
    }
}

/// The three boolean operators ordered by a language's precedence table.
public enum BooleanOperator: Sendable, Hashable {
    case not, and, or
}

/// `field = value` leaf. `underOr` records whether an OR encloses it in pySigma's parent chain
/// (including an OR that was elided because it had a single argument, as `1 of x*` with one match).
struct FieldCondition: Sendable, Hashable {
    var field: String
    var value: SigmaValue
    var underOr: Bool
    /// The number is a part of a date (`minute`, `hour`... modifiers: pySigma's `SigmaTimestampPart`).
    var timestampPart = false
}

/// Builds condition trees from a rule's detections exactly as pySigma's postprocessing does: an operator
/// with a single argument is replaced by it, but arguments that turn out empty are kept (as `.empty`).
struct ConditionTreeBuilder {
    var detections: Detections
    /// Guards against pathological nesting in hostile input.
    static let maxDepth = 200

    /// For detections referenced more than once: whether an OR encloses their last reference.
    ///
    /// pySigma's detection objects are shared between references and postprocessing re-parents them, so a
    /// detection whose top level is a single item or group ends up in the parent chain of its LAST
    /// reference (in left-to-right order) for every reference; a top level of several nodes gets a fresh
    /// operator per reference. Only Splunk's regex and field-reference handling look at this.
    private var lastReferenceUnderOr: [String: Bool] = [:]

    init(detections: Detections) {
        self.detections = detections
    }

    /// The tree of one condition; nil when nothing is left to convert.
    func build(_ expr: ConditionExpression) throws(ConversionError) -> ConditionNode? {
        var builder = self
        builder.lastReferenceUnderOr = [:]
        builder.recordReferences(expr, underOr: false, depth: 0)
        let node = try builder.build(expr, underOr: false, depth: 0)
        if case .empty = node { return nil }
        return node
    }

    private mutating func recordReferences(_ expr: ConditionExpression, underOr: Bool, depth: Int) {
        guard depth < Self.maxDepth else { return }
        switch expr {
        case .identifier(let name):
            lastReferenceUnderOr[name] = underOr
        case .and(let args):
            for a in args { recordReferences(a, underOr: underOr, depth: depth + 1) }
        case .or(let args):
            for a in args { recordReferences(a, underOr: true, depth: depth + 1) }
        case .not(let arg):
            recordReferences(arg, underOr: underOr, depth: depth + 1)
        case .selector(let quantifier, _, let matched):
            for name in matched { lastReferenceUnderOr[name] = underOr || quantifier == .any }
        }
    }

    private func build(_ expr: ConditionExpression, underOr: Bool, depth: Int) throws(ConversionError) -> ConditionNode {
        guard depth < Self.maxDepth else {
            throw ConversionError(.invalidRule, "condition is nested too deeply")
        }
        switch expr {
        case .identifier(let name):
            guard let named = detections[name] else {
                throw ConversionError(.invalidRule, "Detection '\(name)' not defined in detections")
            }
            let context = named.body.nodes.count == 1 ? (lastReferenceUnderOr[name] ?? underOr) : underOr
            return try build(group: named.body, underOr: context, depth: depth + 1)
        case .and(let args):
            return try link(args.map { .expr($0) }, isOr: false, underOr: underOr, depth: depth)
        case .or(let args):
            return try link(args.map { .expr($0) }, isOr: true, underOr: underOr, depth: depth)
        case .not(let arg):
            return .not(try build(arg, underOr: underOr, depth: depth + 1))
        case .selector(let quantifier, _, let matched):
            let args = matched.map { Child.expr(.identifier($0)) }
            return try link(args, isOr: quantifier == .any, underOr: underOr, depth: depth)
        }
    }

    private enum Child {
        case expr(ConditionExpression)
        case node(DetectionNode)
    }

    /// AND/OR of children; a single child replaces the operator (its leaves still saw the operator as
    /// parent in pySigma, hence `underOr` is passed on), no child at all is empty.
    private func link(_ children: [Child], isOr: Bool, underOr: Bool, depth: Int) throws(ConversionError) -> ConditionNode {
        let inner = underOr || isOr
        var nodes: [ConditionNode] = []
        nodes.reserveCapacity(children.count)
        for child in children {
            switch child {
            case .expr(let e): nodes.append(try build(e, underOr: inner, depth: depth + 1))
            case .node(let n): nodes.append(try build(node: n, underOr: inner, depth: depth + 1))
            }
        }
        if nodes.isEmpty { return .empty }
        if nodes.count == 1 { return nodes[0] }
        return isOr ? .or(nodes) : .and(nodes)
    }

    private func build(group: DetectionGroup, underOr: Bool, depth: Int) throws(ConversionError) -> ConditionNode {
        guard depth < Self.maxDepth else {
            throw ConversionError(.invalidRule, "detection is nested too deeply")
        }
        // A single node is returned as is: no operator object exists, so none joins the parent chain.
        if group.nodes.count == 1 { return try build(node: group.nodes[0], underOr: underOr, depth: depth + 1) }
        return try link(group.nodes.map { .node($0) }, isOr: group.linking == .or, underOr: underOr, depth: depth)
    }

    private func build(node: DetectionNode, underOr: Bool, depth: Int) throws(ConversionError) -> ConditionNode {
        switch node {
        case .group(let g): return try build(group: g, underOr: underOr, depth: depth + 1)
        case .item(let item): return try build(item: item, underOr: underOr)
        }
    }

    static let timestampModifiers: Set<Modifier> = [.minute, .hour, .day, .week, .month, .year]

    private func build(item: DetectionItem, underOr: Bool) throws(ConversionError) -> ConditionNode {
        let negated = item.negated || item.modifiers.contains(.neq)
        let timestampPart = item.modifiers.contains { Self.timestampModifiers.contains($0) }
        func leaf(_ value: SigmaValue, _ underOr: Bool) -> ConditionNode {
            if let field = item.field {
                var cond = FieldCondition(field: field, value: value, underOr: underOr)
                if case .number = value { cond.timestampPart = timestampPart }
                return .field(cond)
            }
            return .keyword(value, underOr: underOr)
        }
        let cond: ConditionNode
        switch item.values.count {
        case 0:
            guard let field = item.field else {
                throw ConversionError(.invalidRule, "Null value must be bound to a field")
            }
            cond = .field(FieldCondition(field: field, value: .null, underOr: underOr))
        case 1:
            cond = leaf(item.values[0], underOr)
        default:
            let isOr = item.valueLinking == .or
            let leaves = item.values.map { leaf($0, underOr || isOr) }
            cond = isOr ? .or(leaves) : .and(leaves)
        }
        return negated ? .not(cond) : cond
    }
}
