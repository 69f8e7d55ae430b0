import Foundation

/// ATT&CK facts the validator checks tags against, supplied by the caller (e.g. from the catalog).
///
/// Keys are lower-case: technique ids like `t1059.001`, tactic short names like `execution`.
public struct AttackKnowledge: Sendable, Hashable {
    /// Technique id → short names of its tactics.
    public var techniques: [String: Set<String>]
    /// Known tactic short names.
    public var tactics: Set<String>
    /// Revoked or deprecated technique ids.
    public var deprecated: Set<String>
    /// Catalog version shown in messages (e.g. `18.1`).
    public var version: String?

    public init(techniques: [String: Set<String>], tactics: Set<String>, deprecated: Set<String> = [], version: String? = nil) {
        self.techniques = Dictionary(uniqueKeysWithValues: techniques.map { ($0.key.lowercased(), Set($0.value.map { $0.lowercased() })) })
        self.tactics = Set(tactics.map { $0.lowercased() })
        self.deprecated = Set(deprecated.map { $0.lowercased() })
        self.version = version
    }

    /// Reads a MITRE ATT&CK STIX 2.x bundle (`enterprise-attack.json`); nil when it is not one.
    public init?(stixBundle data: Data) {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let objects = root["objects"] as? [[String: Any]] else { return nil }
        var techniques: [String: Set<String>] = [:]
        var tactics: Set<String> = []
        var deprecated: Set<String> = []
        var version: String?
        for object in objects {
            switch object["type"] as? String {
            case "x-mitre-tactic":
                if let short = object["x_mitre_shortname"] as? String { tactics.insert(short.lowercased()) }
            case "attack-pattern":
                let refs = object["external_references"] as? [[String: Any]] ?? []
                guard let id = refs.first(where: { $0["source_name"] as? String == "mitre-attack" })?["external_id"] as? String
                else { continue }
                let phases = (object["kill_chain_phases"] as? [[String: Any]] ?? [])
                    .filter { $0["kill_chain_name"] as? String == "mitre-attack" }
                    .compactMap { $0["phase_name"] as? String }
                techniques[id.lowercased(), default: []].formUnion(phases.map { $0.lowercased() })
                if object["revoked"] as? Bool == true || object["x_mitre_deprecated"] as? Bool == true {
                    deprecated.insert(id.lowercased())
                }
            case "x-mitre-collection":
                version = object["x_mitre_version"] as? String
            default:
                continue
            }
        }
        guard !techniques.isEmpty else { return nil }
        self.init(techniques: techniques, tactics: tactics, deprecated: deprecated, version: version)
    }

    /// The tactics of a technique; a sub-technique missing from the catalog falls back to its parent.
    func tactics(ofTechnique id: String) -> Set<String>? {
        if let t = techniques[id] { return t }
        if let dot = id.firstIndex(of: ".") { return techniques[String(id[..<dot])] }
        return nil
    }
}
