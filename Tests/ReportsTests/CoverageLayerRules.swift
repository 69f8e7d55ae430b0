import Foundation

/// The field rules of the ATT&CK Navigator layer format 4.5 (`layers/spec/v4.5/layerformat.md`), as a checker.
///
/// Navigator publishes the format as a Markdown table, not as a JSON Schema, so the table is encoded here: required
/// keys, the type of every key, enumerated values, `versions` values, and no keys outside the spec.
enum NavigatorLayerRules {
    static let topKeys: Set<String> = [
        "versions", "name", "description", "domain", "customDataURL", "filters", "sorting", "layout", "hideDisabled",
        "techniques", "gradient", "legendItems", "showTacticRowBackground", "tacticRowBackground",
        "selectTechniquesAcrossTactics", "selectSubtechniquesWithParent", "selectVisibleTechniques", "metadata", "links",
    ]
    static let techniqueKeys: Set<String> = [
        "techniqueID", "tactic", "comment", "enabled", "score", "color", "metadata", "links", "showSubtechniques",
    ]
    static let layoutKeys: Set<String> = [
        "layout", "showID", "showName", "showAggregateScores", "countUnscored", "aggregateFunction", "expandedSubtechniques",
    ]

    /// Every rule the layer breaks, as `path: problem` lines (empty when valid).
    static func violations(_ json: Any) -> [String] {
        var out: [String] = []
        guard let layer = json as? [String: Any] else { return ["$: a layer is a JSON object"] }
        for key in layer.keys where !topKeys.contains(key) { out.append("$.\(key): not a 4.5 layer property") }
        string(layer, "name", required: true, "$", &out)
        string(layer, "description", required: false, "$", &out)
        if let domain = string(layer, "domain", required: true, "$", &out),
           !["enterprise-attack", "mobile-attack", "ics-attack"].contains(domain) {
            out.append("$.domain: '\(domain)' is not a valid domain")
        }
        if let versions = object(layer, "versions", "$", &out) {
            for key in versions.keys where !["attack", "navigator", "layer"].contains(key) { out.append("$.versions.\(key): unknown") }
            string(versions, "attack", required: false, "$.versions", &out)
            if let layerVersion = string(versions, "layer", required: true, "$.versions", &out), layerVersion != "4.5" {
                out.append("$.versions.layer: must be \"4.5\", not \"\(layerVersion)\"")
            }
            if let navigator = string(versions, "navigator", required: true, "$.versions", &out), !atLeast(navigator, "4.9.0") {
                out.append("$.versions.navigator: must be at least 4.9.0, not \(navigator)")
            }
        }
        if let filters = object(layer, "filters", "$", &out) {
            if let platforms = filters["platforms"], !((platforms as? [Any])?.allSatisfy { $0 is String } ?? false) {
                out.append("$.filters.platforms: array of strings")
            }
        }
        if let sorting = number(layer, "sorting", "$", &out), ![0, 1, 2, 3].contains(sorting) { out.append("$.sorting: 0 to 3") }
        if let layout = object(layer, "layout", "$", &out) {
            for key in layout.keys where !layoutKeys.contains(key) { out.append("$.layout.\(key): unknown") }
            if let value = string(layout, "layout", required: false, "$.layout", &out), !["side", "flat", "mini"].contains(value) {
                out.append("$.layout.layout: side, flat or mini")
            }
            for key in ["showID", "showName", "showAggregateScores", "countUnscored"] { bool(layout, key, "$.layout", &out) }
            if let value = string(layout, "aggregateFunction", required: false, "$.layout", &out), !["average", "min", "max", "sum"].contains(value) {
                out.append("$.layout.aggregateFunction: average, min, max or sum")
            }
            if let value = string(layout, "expandedSubtechniques", required: false, "$.layout", &out), !["none", "all", "annotated"].contains(value) {
                out.append("$.layout.expandedSubtechniques: none, all or annotated")
            }
        }
        for key in ["hideDisabled", "showTacticRowBackground", "selectTechniquesAcrossTactics", "selectSubtechniquesWithParent", "selectVisibleTechniques"] {
            bool(layer, key, "$", &out)
        }
        string(layer, "tacticRowBackground", required: false, "$", &out)
        if let techniques = array(layer, "techniques", "$", &out) {
            for (i, item) in techniques.enumerated() {
                let path = "$.techniques[\(i)]"
                guard let technique = item as? [String: Any] else { out.append("\(path): object"); continue }
                for key in technique.keys where !techniqueKeys.contains(key) { out.append("\(path).\(key): unknown") }
                if let id = string(technique, "techniqueID", required: true, path, &out), !isTechniqueID(id) {
                    out.append("\(path).techniqueID: '\(id)' is not T#### or T####.###")
                }
                string(technique, "tactic", required: false, path, &out)
                string(technique, "comment", required: false, path, &out)
                bool(technique, "enabled", path, &out)
                _ = number(technique, "score", path, &out)
                if let color = string(technique, "color", required: false, path, &out), !isColor(color) { out.append("\(path).color: hex colour") }
                metadata(technique, path, &out)
                links(technique, path, &out)
                bool(technique, "showSubtechniques", path, &out)
            }
        }
        if let gradient = object(layer, "gradient", "$", &out) {
            let colors = gradient["colors"] as? [Any]
            if colors == nil || colors!.count < 2 || !colors!.allSatisfy({ ($0 as? String).map(isColor) ?? false }) {
                out.append("$.gradient.colors: at least two hex colours")
            }
            let low = number(gradient, "minValue", "$.gradient", &out, required: true)
            let high = number(gradient, "maxValue", "$.gradient", &out, required: true)
            if let low, let high, high <= low { out.append("$.gradient: maxValue must be > minValue") }
        }
        if let legend = array(layer, "legendItems", "$", &out) {
            for (i, item) in legend.enumerated() {
                guard let entry = item as? [String: Any] else { out.append("$.legendItems[\(i)]: object"); continue }
                string(entry, "label", required: true, "$.legendItems[\(i)]", &out)
                string(entry, "color", required: true, "$.legendItems[\(i)]", &out)
            }
        }
        metadata(layer, "$", &out)
        links(layer, "$", &out)
        return out
    }

    static func isTechniqueID(_ s: String) -> Bool {
        s.range(of: #"^T[0-9]{4}(\.[0-9]{3})?$"#, options: .regularExpression) != nil
    }

    static func isColor(_ s: String) -> Bool {
        s.range(of: #"^#[0-9a-fA-F]{6}$"#, options: .regularExpression) != nil
    }

    static func atLeast(_ version: String, _ minimum: String) -> Bool {
        let a = version.split(separator: ".").map { Int($0) ?? -1 }, b = minimum.split(separator: ".").map { Int($0) ?? 0 }
        guard !a.contains(-1) else { return false }
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            if x != y { return x > y }
        }
        return true
    }

    @discardableResult
    static func string(_ o: [String: Any], _ key: String, required: Bool, _ path: String, _ out: inout [String]) -> String? {
        guard let value = o[key] else {
            if required { out.append("\(path).\(key): required") }
            return nil
        }
        guard let s = value as? String else { out.append("\(path).\(key): string"); return nil }
        return s
    }

    static func bool(_ o: [String: Any], _ key: String, _ path: String, _ out: inout [String]) {
        guard let value = o[key] else { return }
        // JSONSerialization gives NSNumber for both; a boolean's objCType is "c".
        if let n = value as? NSNumber, String(cString: n.objCType) == "c" { return }
        out.append("\(path).\(key): boolean")
    }

    static func number(_ o: [String: Any], _ key: String, _ path: String, _ out: inout [String], required: Bool = false) -> Int? {
        guard let value = o[key] else {
            if required { out.append("\(path).\(key): required") }
            return nil
        }
        guard let n = value as? NSNumber, String(cString: n.objCType) != "c" else { out.append("\(path).\(key): number"); return nil }
        return n.intValue
    }

    static func object(_ o: [String: Any], _ key: String, _ path: String, _ out: inout [String]) -> [String: Any]? {
        guard let value = o[key] else { return nil }
        guard let object = value as? [String: Any] else { out.append("\(path).\(key): object"); return nil }
        return object
    }

    static func array(_ o: [String: Any], _ key: String, _ path: String, _ out: inout [String]) -> [Any]? {
        guard let value = o[key] else { return nil }
        guard let list = value as? [Any] else { out.append("\(path).\(key): array"); return nil }
        return list
    }

    static func metadata(_ o: [String: Any], _ path: String, _ out: inout [String]) {
        guard let list = array(o, "metadata", path, &out) else { return }
        for (i, item) in list.enumerated() {
            let at = "\(path).metadata[\(i)]"
            guard let entry = item as? [String: Any] else { out.append("\(at): object"); continue }
            if entry["divider"] != nil { bool(entry, "divider", at, &out); continue }
            string(entry, "name", required: true, at, &out)
            string(entry, "value", required: true, at, &out)
        }
    }

    static func links(_ o: [String: Any], _ path: String, _ out: inout [String]) {
        guard let list = array(o, "links", path, &out) else { return }
        for (i, item) in list.enumerated() {
            let at = "\(path).links[\(i)]"
            guard let entry = item as? [String: Any] else { out.append("\(at): object"); continue }
            if entry["divider"] != nil { bool(entry, "divider", at, &out); continue }
            string(entry, "label", required: true, at, &out)
            if let url = string(entry, "url", required: true, at, &out), url.range(of: #"^[a-z][a-z0-9+.-]*://"#, options: .regularExpression) == nil {
                out.append("\(at).url: must start with a protocol")
            }
        }
    }
}
