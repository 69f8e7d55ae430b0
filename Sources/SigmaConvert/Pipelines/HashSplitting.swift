import SigmaKit

/// The reference's `Hashes` handling: `ALGO=value` (or `ALGO|value`, or a bare value recognised by its
/// length) becomes one item per algorithm field, OR'ed.
enum HashSplitting {
    static func apply(_ split: HashSplit, to work: WorkItem, step: String) throws(ConversionError) -> WorkNode.Replacement {
        var order: [String] = []
        var byField: [String: [String]] = [:]
        var anyValidAlgorithm = false
        for value in work.item.values {
            let text = try ValueRewriting.plainText(value, field: work.item.field, position: work.item.position)
            var parts = text.split(separator: "|", omittingEmptySubsequences: false)
            if parts.count == 1 { parts = parts[0].split(separator: "=", omittingEmptySubsequences: false) }
            let algorithm: String
            let hash: String
            if parts.count == 2 {
                let name = String(parts[0].drop(while: { $0 == "*" })).uppercased()
                algorithm = split.algorithms.contains(name) ? name : ""
                hash = String(parts[1])
            } else {
                hash = String(parts[0])
                // Recognised by length even when the table has no column for it (as the reference does).
                switch hash.unicodeScalars.count {
                case 32: algorithm = "MD5"
                case 40: algorithm = "SHA1"
                case 64: algorithm = "SHA256"
                case 128: algorithm = "SHA512"
                default: algorithm = ""
                }
            }
            if !algorithm.isEmpty { anyValidAlgorithm = true }
            let field = split.fieldPrefix + (split.dropAlgorithmName ? "" : algorithm)
            if byField[field] == nil { order.append(field) }
            byField[field, default: []].append(hash)
        }
        guard anyValidAlgorithm else {
            throw ConversionError(.unsupported,
                "no valid hash algorithm in field '\(work.item.field ?? "Hashes")'; use one of: "
                + split.algorithms.joined(separator: ", "), position: work.item.position)
        }
        // Values without a recognised algorithm have no field and are left out.
        let items = order.filter { !$0.isEmpty }.map { field -> DetectionItem in
            let values = (byField[field] ?? []).map(PlainValueText.stringValue)
            return DetectionItem(field: field, modifiers: [], rawValues: values.map(ValueRewriting.rawValue),
                                 values: values, valueLinking: .or, position: work.item.position)
        }
        return .replace(.group(items, linking: .or, step: step, position: work.item.position))
    }
}
