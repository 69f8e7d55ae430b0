import Foundation

/// Reads a MITRE ATT&CK STIX 2.1 bundle (`enterprise-attack-*.json`) into an `AttackCatalog`.
///
/// Uses tactics (`x-mitre-tactic`), techniques (`attack-pattern` with their `mitre-attack` external id,
/// `kill_chain_phases`, `x_mitre_platforms`, `revoked`, `x_mitre_deprecated`) and `revoked-by` relationships.
/// Everything else (descriptions, groups, software, mitigations) is ignored.
public enum STIXBundleReader {
    /// Reads the bundle at `path`; a bundle of another ATT&CK domain than `domain` is refused (importing ICS or
    /// Mobile must be asked for: it replaces the Enterprise catalog every rule tag is checked against).
    public static func read(path: String, domain: AttackDomain = .enterprise) throws -> AttackCatalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CatalogError.missingFile(path: path)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CatalogError.invalidAttackBundle(path: path, reason: isDirectory.boolValue ? "is a folder" : "cannot read the file")
        }
        return try read(data: data, path: path, domain: domain)
    }

    public static func read(data: Data, path: String, domain expected: AttackDomain = .enterprise) throws -> AttackCatalog {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw CatalogError.invalidAttackBundle(path: path, reason: "not valid JSON")
        }
        guard let bundle = root as? [String: Any], bundle["type"] as? String == "bundle",
              let objects = bundle["objects"] as? [[String: Any]] else {
            throw CatalogError.invalidAttackBundle(path: path, reason: "expected a JSON object with \"type\": \"bundle\" and \"objects\"")
        }

        var tactics: [AttackCatalog.Tactic] = []
        var techniques: [String: AttackCatalog.Technique] = [:]
        var externalIDByStixID: [String: String] = [:]
        var revokedBy: [(source: String, target: String)] = []
        var version: String?
        var domainVotes: [AttackDomain: Int] = [:]

        for object in objects {
            guard let type = object["type"] as? String else { continue }
            switch type {
            case "x-mitre-collection":
                version = object["x_mitre_version"] as? String
            case "x-mitre-tactic":
                guard let id = attackID(object), let short = object["x_mitre_shortname"] as? String,
                      let name = object["name"] as? String else { continue }
                tactics.append(.init(id: id, shortName: short, name: name))
            case "attack-pattern":
                guard let id = attackID(object), let name = object["name"] as? String else { continue }
                if let stixID = object["id"] as? String { externalIDByStixID[stixID] = id }
                let chains = (object["kill_chain_phases"] as? [[String: Any]] ?? [])
                    .filter { ($0["kill_chain_name"] as? String)?.hasPrefix("mitre-") ?? false }
                let phases = chains.compactMap { $0["phase_name"] as? String }
                if let chain = chains.first?["kill_chain_name"] as? String, let domain = AttackDomain(killChain: chain) {
                    domainVotes[domain, default: 0] += 1
                }
                let technique = AttackCatalog.Technique(
                    id: id, name: name, tactics: phases,
                    platforms: object["x_mitre_platforms"] as? [String] ?? [],
                    deprecated: object["x_mitre_deprecated"] as? Bool ?? false,
                    revoked: object["revoked"] as? Bool ?? false)
                // A live object wins over a revoked duplicate of the same external id.
                if let existing = techniques[id], !existing.revoked, technique.revoked { continue }
                techniques[id] = technique
            case "relationship":
                if object["relationship_type"] as? String == "revoked-by",
                   let source = object["source_ref"] as? String, let target = object["target_ref"] as? String {
                    revokedBy.append((source, target))
                }
            default:
                continue
            }
        }
        for link in revokedBy {
            guard let from = externalIDByStixID[link.source], let to = externalIDByStixID[link.target], from != to else { continue }
            techniques[from]?.revokedBy = to
        }
        guard !techniques.isEmpty || !tactics.isEmpty else {
            throw CatalogError.invalidAttackBundle(path: path, reason: "no ATT&CK tactics or techniques in the bundle")
        }
        if let found = domainVotes.max(by: { $0.value < $1.value })?.key, found != expected {
            throw CatalogError.otherAttackDomain(path: path, domain: found.rawValue)
        }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        return AttackCatalog(
            version: version ?? versionFromFileName(fileName) ?? "unknown",
            source: fileName,
            tactics: tactics.sorted { $0.id < $1.id },
            techniques: techniques.values.sorted { $0.id < $1.id })
    }

    /// The `mitre-attack` external id (T1053.003, TA0003), upper-cased.
    private static func attackID(_ object: [String: Any]) -> String? {
        guard let refs = object["external_references"] as? [[String: Any]] else { return nil }
        for ref in refs where (ref["source_name"] as? String)?.hasPrefix("mitre-") ?? false {
            if let id = ref["external_id"] as? String { return id.uppercased() }
        }
        return nil
    }

    /// `enterprise-attack-18.1.json` → `18.1` (bundles from MITRE's CTI repository carry no collection object).
    static func versionFromFileName(_ name: String) -> String? {
        let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        guard let dash = stem.lastIndex(of: "-") else { return nil }
        let candidate = stem[stem.index(after: dash)...]
        guard !candidate.isEmpty, candidate.first?.isNumber == true,
              candidate.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return String(candidate)
    }
}

/// The ATT&CK matrices MITRE publishes, told apart by their kill-chain names.
public enum AttackDomain: String, Sendable, Hashable, CaseIterable {
    case enterprise, ics, mobile

    init?(killChain: String) {
        switch killChain {
        case "mitre-attack": self = .enterprise
        case "mitre-ics-attack": self = .ics
        case "mitre-mobile-attack": self = .mobile
        default: return nil
        }
    }
}
