import Foundation

/// One rule's matches in a hunt, as the table shows them: the first matching event and its detection values.
public struct HuntMatchGroup: Sendable {
    public var rule: String?
    public var title: String
    public var level: String?
    /// Orders the table, highest first; -1 for a rule without a level.
    public var levelRank: Int
    public var count: Int
    public var firstEvent: String
    public var firstRecord: Int
    /// The first event's values of the rule's detection fields, in field order.
    public var values: [(field: String, value: String)]

    public init(rule: String?, title: String, level: String?, levelRank: Int, count: Int, firstEvent: String, firstRecord: Int,
                values: [(field: String, value: String)]) {
        self.rule = rule
        self.title = title
        self.level = level
        self.levelRank = levelRank
        self.count = count
        self.firstEvent = firstEvent
        self.firstRecord = firstRecord
        self.values = values
    }

}

/// The table layout of `hunt`.
public enum HuntMatchText {
    /// Rules by level then title, one row each, and a totals line; or one line when nothing matched.
    public static func render(_ groups: [HuntMatchGroup], matches: Int, events: Int, rules: Int) -> String {
        guard !groups.isEmpty else { return "no matches in \(events) events (\(rules) rules)\n" }
        let ordered = groups.sorted { a, b in a.levelRank != b.levelRank ? a.levelRank > b.levelRank : a.title < b.title }
        let rows = ordered.map { g -> [String] in
            let values = g.values.map { "\($0.field)=\(clip($0.value))" }.joined(separator: " ")
            return [g.rule ?? "-", g.level ?? "-", String(g.count), g.title, "\(g.firstEvent):\(g.firstRecord)", values]
        }
        return ListRenderer.table(headers: ["RULE", "LEVEL", "MATCHES", "TITLE", "FIRST", "VALUES"], rows: rows)
            + "\(matches) matches of \(groups.count) rules in \(events) events\n"
    }

    /// One line of at most 60 characters (newlines shown as `\n`).
    static func clip(_ s: String) -> String {
        let oneLine = s.replacingOccurrences(of: "\n", with: "\\n")
        return oneLine.count > 60 ? String(oneLine.prefix(57)) + "..." : oneLine
    }
}
