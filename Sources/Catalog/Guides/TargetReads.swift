import SigmaConvert

/// What a target's query reads (table, index, data model), per language family. The one place to extend when a
/// target is added: add a case keyed by the target key's prefix (the part before `/`).
public enum TargetReads {
    /// Tables that only hold Windows events: a rule for another platform placed there can never match.
    static let windowsOnlyTables: Set<String> = ["SecurityEvent", "Event", "WindowsEvent", "SysmonEvent", "WindowsFirewall"]

    /// A one-line statement of what `query` reads for `target`, and a reason when the query cannot match.
    public static func reads(target: TargetDescription, query: String, product: String?) -> (reads: String, unrunnable: String?) {
        switch family(target.key) {
        case "kusto":
            // The kusto backends start every query with its table (or a union of tables).
            let table = String(query.prefix { $0 != "\n" && $0 != "|" }).trimmingCharacters(in: .whitespaces)
            let reads = "table \(table)"
            if let product = product?.lowercased(), !["windows", ""].contains(product), windowsOnlyTables.contains(table) {
                return (reads, "log source mapped to a table of another platform (\(table) holds Windows events; the rule is for \(product))")
            }
            return (reads, nil)
        case "splunk":
            if let range = query.range(of: "from datamodel="), query.hasPrefix("| tstats") {
                let model = query[range.upperBound...].prefix { !$0.isWhitespace }
                return ("the CIM data model \(model) through tstats (its acceleration must cover the time window)", nil)
            }
            return ("the role's default indexes (the target sets no index or sourcetype: add index= and sourcetype=)", nil)
        case "lucene", "esql", "eql":
            return ("the index pattern you run it on (the target sets no index)", nil)
        default:
            return ("not stated for this target", nil)
        }
    }

    /// `kusto/sentinel_asim` -> `kusto`.
    public static func family(_ key: String) -> String {
        String(key.prefix { $0 != "/" })
    }
}
