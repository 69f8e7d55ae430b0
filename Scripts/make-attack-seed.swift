// Generates seed/attack/enterprise-attack.json, the compact ATT&CK catalog a fresh HuntKB database starts with.
//
// usage: swift Scripts/make-attack-seed.swift ../shared/corpus/attack/enterprise-attack-18.1.json > seed/attack/enterprise-attack.json
//
// Keeps ids, names, tactics, platforms, deprecated/revoked flags and the replacement of revoked techniques;
// drops descriptions. Replacements come from `revoked-by` relationships when the bundle has them. The shared
// v18.1 bundle was published without relationships, so for it the replacement is (1) the table below,
// transcribed from MITRE's revoked-by relationships, else (2) the single live technique with the same name
// (ATT&CK v7 turned most techniques into same-named sub-techniques). Unresolved ones keep no replacement.
import Foundation

let knownRevokedBy: [String: String] = [
    "T1002": "T1560", "T1017": "T1072", "T1022": "T1560", "T1024": "T1573", "T1031": "T1543.003",
    "T1032": "T1573", "T1038": "T1574.001", "T1044": "T1574.010", "T1050": "T1543.003", "T1053.001": "T1053.002",
    "T1058": "T1574.011", "T1065": "T1571", "T1077": "T1021.002", "T1079": "T1573", "T1089": "T1562.001",
    "T1094": "T1095", "T1139": "T1552.003", "T1141": "T1056.002", "T1148": "T1562.003", "T1156": "T1546.004",
    "T1163": "T1037.004", "T1168": "T1053", "T1169": "T1548.003", "T1171": "T1557.001", "T1179": "T1056.004",
    "T1196": "T1218.002", "T1206": "T1548.003",
]

let args = CommandLine.arguments
guard args.count == 2, let data = FileManager.default.contents(atPath: args[1]),
      let bundle = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let objects = bundle["objects"] as? [[String: Any]] else {
    FileHandle.standardError.write(Data("usage: make-attack-seed.swift BUNDLE.json\n".utf8))
    exit(2)
}

func attackID(_ o: [String: Any]) -> String? {
    for ref in o["external_references"] as? [[String: Any]] ?? [] where ref["source_name"] as? String == "mitre-attack" {
        return (ref["external_id"] as? String)?.uppercased()
    }
    return nil
}
func json(_ s: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
}

var tactics: [(id: String, short: String, name: String)] = []
var techniques: [String: [String: Any]] = [:]
var stixToID: [String: String] = [:]
var revokedBy: [String: String] = [:]
for o in objects {
    switch o["type"] as? String {
    case "x-mitre-tactic":
        if let id = attackID(o), let short = o["x_mitre_shortname"] as? String, let name = o["name"] as? String {
            tactics.append((id, short, name))
        }
    case "attack-pattern":
        if let id = attackID(o) { techniques[id] = o; stixToID[o["id"] as? String ?? ""] = id }
    case "relationship" where o["relationship_type"] as? String == "revoked-by":
        if let s = o["source_ref"] as? String, let t = o["target_ref"] as? String { revokedBy[s] = t }
    default: break
    }
}
var liveByName: [String: [String]] = [:]
for (id, o) in techniques where !(o["revoked"] as? Bool ?? false) {
    liveByName[(o["name"] as? String ?? "").lowercased(), default: []].append(id)
}

var version = "unknown"
if let name = args[1].split(separator: "/").last, let dash = name.lastIndex(of: "-") {
    version = String(name[name.index(after: dash)...].dropLast(5))
}
var out = "{\n  \"version\": \(json(version)),\n  \"source\": \(json(String(args[1].split(separator: "/").last ?? "")))," 
out += "\n  \"tactics\": [\n"
out += tactics.sorted { $0.id < $1.id }.map {
    "    {\"id\": \(json($0.id)), \"shortName\": \(json($0.short)), \"name\": \(json($0.name))}"
}.joined(separator: ",\n")
out += "\n  ],\n  \"techniques\": [\n"
var lines: [String] = []
for id in techniques.keys.sorted() {
    let o = techniques[id]!
    var fields = ["\"id\": \(json(id))", "\"name\": \(json(o["name"] as? String ?? ""))"]
    let phases = (o["kill_chain_phases"] as? [[String: Any]] ?? [])
        .filter { $0["kill_chain_name"] as? String == "mitre-attack" }.compactMap { $0["phase_name"] as? String }
    if !phases.isEmpty { fields.append("\"tactics\": [\(phases.map(json).joined(separator: ", "))]") }
    let platforms = o["x_mitre_platforms"] as? [String] ?? []
    if !platforms.isEmpty { fields.append("\"platforms\": [\(platforms.map(json).joined(separator: ", "))]") }
    if o["x_mitre_deprecated"] as? Bool == true { fields.append("\"deprecated\": true") }
    if o["revoked"] as? Bool == true {
        fields.append("\"revoked\": true")
        var replacement = (o["id"] as? String).flatMap { revokedBy[$0] }.flatMap { stixToID[$0] }
        if replacement == nil { replacement = knownRevokedBy[id] }
        if replacement == nil, let same = liveByName[(o["name"] as? String ?? "").lowercased()], same.count == 1 {
            replacement = same[0]
        }
        if let replacement { fields.append("\"revokedBy\": \(json(replacement))") }
    }
    lines.append("    {" + fields.joined(separator: ", ") + "}")
}
out += lines.joined(separator: ",\n") + "\n  ]\n}\n"
print(out, terminator: "")
