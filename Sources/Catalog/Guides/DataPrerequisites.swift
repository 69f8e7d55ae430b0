import SigmaKit

/// What must be collected for a rule to see anything: derived from its log source, the Sigma taxonomy and the
/// event IDs its detection names.
public enum DataPrerequisites {
    struct Entry {
        var product: String
        var category: String
        var service: String
        var text: String
    }

    static let entries: [Entry] = LogSourceTaxonomyData.text.split(separator: "\n").compactMap { line in
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard cells.count >= 4 else { return nil }
        return Entry(product: cells[0], category: cells[1], service: cells[2], text: cells[3])
    }

    /// Audit policy and native alternatives the taxonomy does not state, for the log sources most rules use.
    static let auditPolicy: [String: String] = [
        "windows/process_creation": "Security 4688 with command-line auditing (Audit Process Creation and \"Include command line in process creation events\"), or Sysmon event 1",
        "windows/ps_script": "PowerShell Script Block Logging (Microsoft-Windows-PowerShell/Operational event 4104)",
        "windows/ps_module": "PowerShell Module Logging (Microsoft-Windows-PowerShell/Operational event 4103, module names \"*\")",
        "windows/network_connection": "Sysmon event 3 (or Security 5156 with Audit Filtering Platform Connection)",
        "windows/registry_set": "Sysmon event 13 (or Security 4657 with a registry SACL and Audit Registry)",
        "windows/registry_event": "Sysmon events 12-14 (or Security 4657 with a registry SACL and Audit Registry)",
        "windows/registry_add": "Sysmon event 12", "windows/registry_delete": "Sysmon event 12",
        "windows/file_event": "Sysmon event 11 (or Security 4663 with a file SACL and Audit File System)",
        "windows/image_load": "Sysmon event 7 (image loading enabled in the Sysmon configuration; it is off by default)",
        "windows/process_access": "Sysmon event 10 (or Security 4656/4663 on lsass with Audit Kernel Object)",
        "windows/dns_query": "Sysmon event 22", "windows/pipe_created": "Sysmon events 17-18",
        "windows/create_remote_thread": "Sysmon event 8", "windows/driver_load": "Sysmon event 6 (or System 7045 for services)",
        "linux/process_creation": "Sysmon for Linux event 1, or auditd execve rules (-a always,exit -F arch=b64 -S execve) forwarded with the full command line",
        "linux/file_event": "Sysmon for Linux event 11, or auditd file watches (-w PATH -p wa)",
        "linux/network_connection": "Sysmon for Linux event 3",
        "linux/auditd": "auditd (/var/log/audit/audit.log) with rules for the syscalls and paths the rule names",
        "macos/process_creation": "Endpoint Security process events (an EDR or the Endpoint Security framework), with the command line",
    ]

    /// One line per thing to collect, e.g. "Security 4688 with command-line auditing, or Sysmon event 1".
    public static func lines(product: String?, category: String?, service: String?, eventIDs: [String]) -> [String] {
        let p = product?.lowercased() ?? "", c = category?.lowercased() ?? "", s = service?.lowercased() ?? ""
        var out: [String] = []
        let label = [p, c, s].filter { !$0.isEmpty }.joined(separator: " / ")
        if let policy = auditPolicy["\(p)/\(c.isEmpty ? s : c)"] { out.append(policy) }
        let match = entries.first { $0.product == p && $0.category == c && $0.service == s && (!c.isEmpty || !s.isEmpty) }
            ?? entries.first { $0.category == c && $0.service == s && $0.product.isEmpty && (!c.isEmpty || !s.isEmpty) }
            ?? (c.isEmpty ? nil : entries.first { $0.category == c && $0.product == p && $0.service.isEmpty })
        if let match, !match.text.isEmpty {
            out.append("Sigma taxonomy for \(label): \(match.text)")
        } else if match != nil {
            out.append("Sigma taxonomy for \(label): the \(label) log (the taxonomy names no channel or event ID)")
        } else if !label.isEmpty {
            out.append("Log source \(label) is not in the Sigma taxonomy: collect the log its definition names")
        } else {
            out.append("The rule names no log source: it searches whatever the query is run on")
        }
        if !eventIDs.isEmpty {
            out.append("Event IDs the rule tests: " + eventIDs.joined(separator: ", "))
        }
        return out
    }

    /// The EventID values a rule's detection tests, in first-seen order (plain numbers only).
    public static func eventIDs(_ rule: SigmaRule) -> [String] {
        var out: [String] = []
        func visit(_ node: DetectionNode) {
            switch node {
            case .group(let group): group.nodes.forEach(visit)
            case .item(let item):
                guard item.field?.lowercased() == "eventid" else { return }
                for raw in item.rawValues {
                    let text: String
                    switch raw {
                    case .int(let n): text = String(n)
                    case .string(let s): text = s
                    default: continue
                    }
                    if !out.contains(text) { out.append(text) }
                }
            }
        }
        for named in rule.detection.named { visit(.group(named.body)) }
        return out
    }
}
