import SigmaKit

/// A detection item during pipeline processing, with the ids of the steps that changed it
/// (pySigma's applied processing items, which later steps' conditions consult).
struct WorkItem: Sendable {
    var item: DetectionItem
    var appliedSteps: Set<String> = []
}

/// The detection tree during pipeline processing.
indirect enum WorkNode: Sendable {
    case item(WorkItem)
    case group(nodes: [WorkNode], linking: Linking, position: SourcePosition?)

    init(_ group: DetectionGroup) {
        self = .group(nodes: group.nodes.map(WorkNode.init), linking: group.linking, position: group.position)
    }

    init(_ node: DetectionNode) {
        switch node {
        case .item(let item): self = .item(WorkItem(item: item))
        case .group(let group): self.init(group)
        }
    }

    /// A group of new items, all marked as changed by `step` (pySigma marks a returned detection's items).
    static func group(_ items: [DetectionItem], linking: Linking, step: String, position: SourcePosition?) -> WorkNode {
        .group(nodes: items.map { .item(WorkItem(item: $0, appliedSteps: [step])) }, linking: linking, position: position)
    }

    /// Back to the model; an emptied group stays (empty) so the backend can skip it as pySigma does.
    var detectionNode: DetectionNode {
        switch self {
        case .item(let work): .item(work.item)
        case .group(let nodes, let linking, let position):
            .group(DetectionGroup(nodes: nodes.map(\.detectionNode), linking: linking, position: position))
        }
    }

    var detectionGroup: DetectionGroup {
        switch self {
        case .item(let work): DetectionGroup(nodes: [.item(work.item)], linking: .and, position: work.item.position)
        case .group(let nodes, let linking, let position):
            DetectionGroup(nodes: nodes.map(\.detectionNode), linking: linking, position: position)
        }
    }

    /// What a per-item transformation does with one item.
    enum Replacement {
        case keep
        case remove
        case replace(WorkNode)
    }

    /// Applies `transform` to every item, depth first in order; nesting depth is bounded by the parsed YAML.
    func rewritingItems(_ transform: (WorkItem) throws(ConversionError) -> Replacement) throws(ConversionError) -> WorkNode {
        try rewritten(transform) ?? self
    }

    /// The rewritten node, or nil when no item changed (most steps touch nothing: no copying then).
    private func rewritten(_ transform: (WorkItem) throws(ConversionError) -> Replacement) throws(ConversionError) -> WorkNode? {
        switch self {
        case .item(let work):
            switch try transform(work) {
            case .keep: return nil
            // A bare item only occurs as a group's child, handled below.
            case .remove: return .group(nodes: [], linking: .and, position: work.item.position)
            case .replace(let new): return new
            }
        case .group(let nodes, let linking, let position):
            var out: [WorkNode]? = nil
            for (index, node) in nodes.enumerated() {
                let replacement: Replacement
                switch node {
                case .item(let work): replacement = try transform(work)
                case .group: replacement = try node.rewritten(transform).map(Replacement.replace) ?? .keep
                }
                if case .keep = replacement {
                    out?.append(node)
                    continue
                }
                if out == nil { out = Array(nodes[..<index]) }
                if case .replace(let new) = replacement { out?.append(new) }
            }
            return out.map { .group(nodes: $0, linking: linking, position: position) }
        }
    }

    /// Every item, depth first in order.
    func forEachItem(_ body: (WorkItem) throws(ConversionError) -> Void) throws(ConversionError) {
        switch self {
        case .item(let work): try body(work)
        case .group(let nodes, _, _):
            for node in nodes { try node.forEachItem(body) }
        }
    }
}
