import SigmaKit

/// The reference's Defender XDR user handling: a `DOMAIN\user` value becomes the user name AND the domain in
/// the table's domain field; each value becomes one alternative of an OR.
enum DomainUserSplitting {
    static let domainFields: [String: String] = [
        "AccountName": "AccountDomain",
        "RequestAccountName": "RequestAccountDomain",
        "InitiatingProcessAccountName": "InitiatingProcessAccountDomain",
    ]

    static func apply(to work: WorkItem, step: String) throws(ConversionError) -> WorkNode.Replacement {
        let item = work.item
        var alternatives: [WorkNode] = []
        for value in item.values {
            let text = try ValueRewriting.plainText(value, field: item.field, position: item.position)
            let parts = text.split(separator: "\\", omittingEmptySubsequences: false).map(String.init)
            var items: [DetectionItem]
            if parts.count == 2 {
                let domainField = item.field.flatMap { domainFields[$0] } ?? "InitiatingProcessAccountDomain"
                items = [newItem(field: item.field, text: parts[1], like: item),
                         newItem(field: domainField, text: parts[0], like: item)]
            } else {
                // The item keeps its modifiers; the reference re-applies them, which leaves values as they were,
                // except a regex, kept as it is.
                var same = item
                if case .regex = value {
                    same.values = [value]
                } else {
                    same.values = parts.map(PlainValueText.stringValue)
                }
                same.rawValues = same.values.map(ValueRewriting.rawValue)
                items = [same]
            }
            alternatives.append(.group(items, linking: .and, step: step, position: item.position))
        }
        return .replace(.group(nodes: alternatives, linking: .or, position: item.position))
    }

    private static func newItem(field: String?, text: String, like item: DetectionItem) -> DetectionItem {
        let value = PlainValueText.stringValue(text)
        return DetectionItem(field: field, modifiers: [], rawValues: [ValueRewriting.rawValue(value)], values: [value],
                             valueLinking: .or, position: item.position)
    }
}
