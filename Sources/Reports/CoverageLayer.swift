import CatalogModel
import Foundation

/// An ATT&CK Navigator layer, format 4.5 (`layers/spec/v4.5/layerformat.md` of mitre-attack/attack-navigator).
public struct NavigatorLayer: Codable, Sendable, Hashable {
    public struct Versions: Codable, Sendable, Hashable {
        public var attack: String?
        public var navigator: String
        public var layer: String
    }

    public struct Filters: Codable, Sendable, Hashable {
        public var platforms: [String]
    }

    public struct Layout: Codable, Sendable, Hashable {
        public var layout = "side"
        public var showID = true
        public var showName = true
        public var showAggregateScores = true
        public var countUnscored = false
        public var aggregateFunction = "sum"
        public var expandedSubtechniques = "annotated"
    }

    public struct Gradient: Codable, Sendable, Hashable {
        public var colors: [String]
        public var minValue: Int
        public var maxValue: Int
    }

    public struct LegendItem: Codable, Sendable, Hashable {
        public var label: String
        public var color: String
    }

    /// A metadata entry, or a divider (`{"divider": true}`).
    public struct Metadata: Codable, Sendable, Hashable {
        public var name: String?
        public var value: String?
        public var divider: Bool?

        public static func item(_ name: String, _ value: String) -> Metadata { Metadata(name: name, value: value, divider: nil) }
        public static let divider = Metadata(name: nil, value: nil, divider: true)
    }

    public struct Link: Codable, Sendable, Hashable {
        public var label: String
        public var url: String
    }

    public struct Technique: Codable, Sendable, Hashable {
        public var techniqueID: String
        public var tactic: String?
        public var score: Int?
        public var color: String?
        public var comment: String?
        public var enabled: Bool?
        public var metadata: [Metadata]?
        public var links: [Link]?
        public var showSubtechniques: Bool?
    }

    public var name: String
    public var versions: Versions
    public var domain = "enterprise-attack"
    public var description: String
    public var filters: Filters?
    public var sorting = 3
    public var layout = Layout()
    public var hideDisabled = false
    public var techniques: [Technique]
    public var gradient: Gradient
    public var legendItems: [LegendItem]
    public var showTacticRowBackground = false
    public var tacticRowBackground = "#dddddd"
    public var selectTechniquesAcrossTactics = true
    public var selectSubtechniquesWithParent = false
    public var selectVisibleTechniques = false
    public var metadata: [Metadata]
    public var links: [Link]?
}

/// Writes coverage, comparison and delta reports as Navigator 4.5 layers.
public enum CoverageLayer {
    public static let layerVersion = "4.5"
    public static let navigatorVersion = "5.2.0"
    /// Rules named per technique in `metadata` (the comment names fewer).
    public static let ruleCap = 25
    static let commentCap = 5

    /// Options shared by every layer.
    public struct Options: Sendable, Hashable {
        /// Base URL of the published hunt guide (`https://wiki.example.org/guides/`): each technique links to its page.
        public var guideBaseURL: String?
        public var name: String?
        /// Words describing the filters, for the description.
        public var filterSummary: String?

        public init(guideBaseURL: String? = nil, name: String? = nil, filterSummary: String? = nil) {
            self.guideBaseURL = guideBaseURL
            self.name = name
            self.filterSummary = filterSummary
        }
    }

    static let coverageColors = ["#d9f0d3", "#5aae61", "#00441b"]
    static let lackingColors = ["#fee8c8", "#fdbb84", "#b30000"]
    static let deltaColors = ["#d73027", "#f7f7f7", "#1a9850"]

    /// The coverage layer: score = rules tagged with exactly the technique, one entry per technique and tactic.
    public static func layer(_ report: CoverageReport, options: Options = Options()) -> NavigatorLayer {
        let lacking = report.missingLocalStatus != nil
        let maxScore = max(1, report.techniques.map(\.score).max() ?? 0)
        let colors = lacking ? lackingColors : coverageColors
        var entries: [NavigatorLayer.Technique] = []
        let parentsWithSubs = Set(report.techniques.compactMap(\.parentID))
        for technique in report.techniques {
            let scored = technique.score > 0
            var comment: String
            if scored {
                comment = "\(rules(technique.score)): " + names(technique.rules, cap: commentCap)
                if lacking { comment += ". None is \(report.missingLocalStatus!.joined(separator: " or "))." }
            } else {
                comment = "No rule tagged exactly \(technique.id); \(rules(technique.total)) on its sub-techniques."
            }
            if technique.total > technique.score, scored { comment += " With sub-techniques: \(rules(technique.total))." }
            if !technique.known { comment += " Not in the loaded ATT&CK catalog (newer release?)." }
            var metadata: [NavigatorLayer.Metadata] = [.item("rules", "\(technique.score)"), .item("with sub-techniques", "\(technique.total)")]
            metadata += ruleMetadata(technique.rules)
            for tactic in technique.tactics.isEmpty ? [nil] : technique.tactics.map(Optional.some) {
                entries.append(NavigatorLayer.Technique(
                    techniqueID: technique.id, tactic: tactic, score: scored ? technique.score : nil, color: nil,
                    comment: comment, enabled: nil, metadata: metadata, links: links(technique.id, options),
                    showSubtechniques: parentsWithSubs.contains(technique.id) ? true : nil))
            }
        }
        let what = lacking ? "covered by the catalog but by no \(report.missingLocalStatus!.joined(separator: "/")) rule" : "ATT&CK coverage"
        var description = "\(what.prefix(1).uppercased() + what.dropFirst()): score = rules tagged with exactly the technique. \(rules(report.rules)) counted"
        description += options.filterSummary.map { " (\($0))" } ?? ""
        description += "; deprecated, unsupported and removed rules are left out unless asked for."
        var metadata: [NavigatorLayer.Metadata] = [.item("generator", "huntkb coverage"), .item("rules", "\(report.rules)"),
                                                   .item("techniques", "\(report.techniques.filter { $0.score > 0 }.count)")]
        if let version = report.attackVersion { metadata.append(.item("ATT&CK", version)) }
        return NavigatorLayer(
            name: options.name ?? (lacking ? "HuntKB: covered but not \(report.missingLocalStatus!.joined(separator: "/"))" : "HuntKB coverage"),
            versions: .init(attack: report.attackVersion, navigator: navigatorVersion, layer: layerVersion),
            description: description,
            filters: report.platforms.isEmpty ? nil : .init(platforms: report.platforms),
            techniques: entries,
            gradient: .init(colors: colors, minValue: 0, maxValue: maxScore),
            legendItems: legend(max: maxScore, colors: colors, unit: lacking ? "rules, none \(report.missingLocalStatus!.joined(separator: "/"))" : nil),
            metadata: metadata,
            links: options.guideBaseURL.map { [.init(label: "Hunt guide index", url: join($0, GuideBook.indexFile))] })
    }

    /// The delta layer: score = rules after − rules before; gains green, losses red; unchanged techniques absent.
    public static func layer(_ delta: CoverageDelta, options: Options = Options()) -> NavigatorLayer {
        let span = max(1, delta.techniques.map { abs($0.change) }.max() ?? 0)
        var entries: [NavigatorLayer.Technique] = []
        // A swap of rules without a net change leaves the count unchanged: not an entry (the markdown names it).
        for technique in delta.techniques where technique.change != 0 {
            var parts: [String] = []
            if !technique.gained.isEmpty { parts.append("Gained \(rules(technique.gained.count)): " + names(technique.gained, cap: commentCap)) }
            if !technique.lost.isEmpty { parts.append("Lost \(rules(technique.lost.count)): " + names(technique.lost, cap: commentCap)) }
            var metadata: [NavigatorLayer.Metadata] = [.item("change", signed(technique.change))]
            if !technique.gained.isEmpty { metadata += [.divider, .item("gained", "\(technique.gained.count)")] + ruleMetadata(technique.gained) }
            if !technique.lost.isEmpty { metadata += [.divider, .item("lost", "\(technique.lost.count)")] + ruleMetadata(technique.lost) }
            for tactic in technique.tactics.isEmpty ? [nil] : technique.tactics.map(Optional.some) {
                entries.append(NavigatorLayer.Technique(
                    techniqueID: technique.id, tactic: tactic, score: technique.change,
                    color: technique.change > 0 ? deltaColors[2] : technique.change < 0 ? deltaColors[0] : nil,
                    comment: parts.joined(separator: ". "), enabled: nil, metadata: metadata, links: links(technique.id, options),
                    showSubtechniques: nil))
            }
        }
        let window: String
        if let from = delta.fromImport, let to = delta.toImport {
            window = from == to ? "import #\(from)" : "imports #\(from) to #\(to)"
        } else {
            window = "no import run"
        }
        var metadata: [NavigatorLayer.Metadata] = [.item("generator", "huntkb coverage (delta)"), .item("window", window)]
        if let since = delta.since { metadata.append(.item("since", since)) }
        if let source = delta.source { metadata.append(.item("source", source)) }
        metadata.append(.item("techniques changed", "\(delta.techniques.filter { $0.change != 0 }.count)"))
        return NavigatorLayer(
            name: options.name ?? "HuntKB coverage changes (\(window))",
            versions: .init(attack: delta.attackVersion, navigator: navigatorVersion, layer: layerVersion),
            description: "Change in rules per technique over \(window)\(delta.since.map { " (since \($0))" } ?? ""): score = rules after − rules before; techniques whose count did not change are absent.",
            sorting: 3,
            techniques: entries,
            gradient: .init(colors: deltaColors, minValue: -span, maxValue: span),
            legendItems: [.init(label: "rules lost", color: deltaColors[0]), .init(label: "rules gained", color: deltaColors[2])],
            metadata: metadata,
            links: nil)
    }

    /// Pretty-printed JSON with sorted keys (stable output for diffs and golden files).
    public static func json(_ layer: NavigatorLayer) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(layer), as: UTF8.self) + "\n"
    }

    // MARK: Pieces

    static func rules(_ n: Int) -> String { "\(n) rule\(n == 1 ? "" : "s")" }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

    static func names(_ rules: [CoveredRule], cap: Int) -> String {
        var text = rules.prefix(cap).map { "\($0.title) (\($0.level ?? "no level"))" }.joined(separator: "; ")
        if rules.count > cap { text += "; and \(rules.count - cap) more" }
        return text
    }

    static func ruleMetadata(_ rules: [CoveredRule]) -> [NavigatorLayer.Metadata] {
        var out = rules.prefix(ruleCap).map { NavigatorLayer.Metadata.item($0.level ?? "rule", "\($0.title) [\($0.id)]") }
        if rules.count > ruleCap { out.append(.item("more", "\(rules.count - ruleCap) more rules")) }
        return out
    }

    static func links(_ id: String, _ options: Options) -> [NavigatorLayer.Link]? {
        guard let base = options.guideBaseURL else { return nil }
        return [.init(label: "Hunt guide \(id)", url: join(base, GuideBook.fileName(forTechnique: id)))]
    }

    static func join(_ base: String, _ file: String) -> String {
        base.hasSuffix("/") ? base + file : base + "/" + file
    }

    /// Four legend steps from 1 rule to the top score, coloured along the gradient.
    static func legend(max top: Int, colors: [String], unit: String?) -> [NavigatorLayer.LegendItem] {
        var steps = [1]
        for fraction in [0.33, 0.66, 1.0] {
            let value = Swift.max(1, Int((Double(top) * fraction).rounded()))
            if value > steps.last! { steps.append(value) }
        }
        return steps.map { value in
            let label = value == 1 ? "1 rule" : "\(value) rules"
            return NavigatorLayer.LegendItem(label: unit.map { "\(label) (\($0))" } ?? label,
                                             color: HeatColor.along(colors, Double(value) / Double(top)))
        }
    }
}

/// Colour interpolation shared by the layer legend and the SVG heatmap.
public enum HeatColor {
    /// The colour at `t` (0...1) along evenly spaced hex stops.
    public static func along(_ stops: [String], _ t: Double) -> String {
        guard stops.count > 1 else { return stops.first ?? "#000000" }
        let x = Swift.min(1, Swift.max(0, t)) * Double(stops.count - 1)
        let i = Swift.min(stops.count - 2, Int(x))
        let f = x - Double(i)
        let a = rgb(stops[i]), b = rgb(stops[i + 1])
        func mix(_ p: Int, _ q: Int) -> Int { Int((Double(p) + (Double(q) - Double(p)) * f).rounded()) }
        return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    static func rgb(_ hex: String) -> (Int, Int, Int) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        let value = Int(digits, radix: 16) ?? 0
        return ((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff)
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        String(format: "#%02x%02x%02x", r, g, b)
    }

    /// Perceived brightness below the middle: white text reads better on it.
    public static func isDark(_ hex: String) -> Bool {
        let (r, g, b) = rgb(hex)
        return 0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b) < 140
    }
}
