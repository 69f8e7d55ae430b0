import Foundation
import SigmaKit

/// Renders rows as an aligned text table, CSV (RFC 4180) or JSON for list commands.
///
/// Table cells are neutralised (one line, no control characters) wherever the table goes; CSV and JSON are
/// exact data, made safe for a terminal by `TerminalOutput`.
public enum ListRenderer {
    public static func table(headers: [String], rows: [[String]]) -> String {
        TextTable.render(headers: headers, rows: rows.map { $0.map(SafeText.line) })
    }

    public static func csv(headers: [String], rows: [[String]]) -> String {
        func field(_ s: String) -> String {
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = headers.map(field).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\r\n" }
        return out
    }

    public static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
