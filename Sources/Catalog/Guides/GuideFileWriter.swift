import Foundation

extension GuideFile {
    /// The file as YAML in the seed layout: block scalars for long or multi-line text, so it stays easy to edit.
    /// Parsing the result gives back the same `GuideFile` (apart from line numbers).
    public func render(header: String? = "HuntKB guide file: hunting notes and false-positive scenarios (format: seed/README.md).") -> String {
        var out = ""
        if let header { out += "# \(header)\n" }
        if !rules.isEmpty {
            out += "rules:\n"
            for rule in rules {
                out += "  - rule: \(YAMLText.scalar(rule.rule, indent: 6))\n"
                if let title = rule.title { out += "    title: \(YAMLText.scalar(title, indent: 6))\n" }
                if let note = rule.note { out += "    note: \(YAMLText.scalar(note, indent: 6))\n" }
                if let ads = rule.ads, !ads.isEmpty {
                    out += "    ads:\n"
                    for section in ads.sections { out += "      \(section.key): \(YAMLText.scalar(section.text, indent: 8))\n" }
                }
                if !rule.scenarios.isEmpty {
                    out += "    scenarios:\n"
                    for s in rule.scenarios {
                        out += "      - title: \(YAMLText.scalar(s.title, indent: 10))\n"
                        out += "        description: \(YAMLText.scalar(s.description, indent: 10))\n"
                        out += "        exclusion: \(YAMLText.scalar(s.exclusion, indent: 10))\n"
                        out += "        example_filter: \(YAMLText.scalar(s.exampleFilter, indent: 10))\n"
                        if s.exampleLanguage != "kql" {
                            out += "        example_language: \(YAMLText.scalar(s.exampleLanguage, indent: 10))\n"
                        }
                        if !s.completedFields.isEmpty {
                            out += "        completed_by_huntkb: [\(s.completedFields.joined(separator: ", "))]\n"
                        }
                        if let note = s.translationNote { out += "        translation_note: \(YAMLText.scalar(note, indent: 10))\n" }
                        if let filter = s.filter { out += "        filter: \(YAMLText.scalar(filter, indent: 10))\n" }
                        if let author = s.author { out += "        author: \(YAMLText.scalar(author, indent: 10))\n" }
                        if let created = s.created { out += "        created: \(created)\n" }
                        if let updated = s.updated { out += "        updated: \(updated)\n" }
                    }
                }
            }
        }
        if !techniques.isEmpty {
            out += "techniques:\n"
            for technique in techniques {
                out += "  - technique: \(technique.technique)\n"
                if let note = technique.note { out += "    note: \(YAMLText.scalar(note, indent: 6))\n" }
            }
        }
        if rules.isEmpty && techniques.isEmpty { out += "rules: []\n" }
        return out
    }
}

/// Writes one string as a YAML scalar that reads back exactly: plain, double-quoted, folded or literal.
enum YAMLText {
    static let width = 100

    /// The scalar text to put after `key: `; block scalars continue on following lines indented by `indent`.
    static func scalar(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        if text.contains("\n") {
            if let literal = literal(text, pad: pad) { return literal }
            return quoted(text)
        }
        if isPlainSafe(text) && text.count <= width { return text }
        if let folded = folded(text, pad: pad) { return folded }
        return quoted(text)
    }

    /// Text that YAML reads back as the same string when written without quotes.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if first == " " || last == " " { return false }
        if "-?:,[]{}#&*!|>'\"%@`~".contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if text.contains(where: { $0.isNewline || $0 == "\t" || isControl($0) }) { return false }
        // Anything YAML 1.1 or 1.2 would resolve to another type stays quoted.
        let lower = text.lowercased()
        if ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(lower) { return false }
        if text.wholeMatch(of: /[-+]?[0-9][0-9_.:eE+-]*/) != nil { return false }
        if text.wholeMatch(of: /[-+]?\.(inf|Inf|INF|nan|NaN|NAN)/) != nil { return false }
        return true
    }

    static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.contains { ($0.value < 0x20 && $0.value != 0x0A && $0.value != 0x09) || $0.value == 0x7F
            || (0x80...0x9F).contains($0.value) || $0.value == 0xFEFF || $0.value == 0x2028 || $0.value == 0x2029 }
    }

    /// `"..."` with JSON-style escapes, which YAML's double-quoted style reads the same way.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `>-` for one long line of single-spaced words; nil when folding could change the text.
    static func folded(_ text: String, pad: String) -> String? {
        guard let first = text.first, first != " ", text.last != " ", !text.contains("  "),
              !text.contains(where: { $0 == "\t" || $0.isNewline || isControl($0) }) else { return nil }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count > width - pad.count {
                lines.append(current)
                current = String(word)
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        // A line starting with "#" is still content inside a block scalar, so nothing else needs care here.
        return ">-\n" + lines.map { pad + $0 }.joined(separator: "\n")
    }

    /// `|`, `|-` or `|+` keeping every line and the exact trailing newlines; nil when a block cannot hold the text.
    static func literal(_ text: String, pad: String) -> String? {
        if text.contains(where: { $0 == "\r" || isControl($0) }) { return nil }
        var body = text
        var trailing = 0
        while body.hasSuffix("\n") { body.removeLast(); trailing += 1 }
        if body.isEmpty { return nil }
        let chomp = trailing == 0 ? "-" : (trailing == 1 ? "" : "+")
        // Content sits two columns right of its key; a first non-empty line starting with a space must say so.
        let firstLine = body.split(separator: "\n").first ?? ""
        let indicator = firstLine.first == " " ? "2" : ""
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.isEmpty ? "" : pad + line
        }
        var out = "|\(indicator)\(chomp)\n" + lines.joined(separator: "\n")
        if trailing > 1 { out += String(repeating: "\n", count: trailing - 1) }
        return out
    }
}
