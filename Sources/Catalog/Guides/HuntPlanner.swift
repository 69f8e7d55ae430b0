import Foundation
import SigmaConvert
import SigmaKit

/// Builds per-target hunt plans: stacking queries and pivots, with field names taken from the target's own
/// mapping (a one-field probe rule converted by the target), never invented.
final class HuntPlanner {
    /// Suggested time window of every stacking query.
    static let windowDays = 14
    static let probeValue = "huntkbprobe"

    /// Host and time fields per target key; a target missing here gets plans with a stated reason.
    static let hostAndTime: [String: (host: String, time: String)] = [
        "kusto/sentinel_asim": ("DvcHostname", "TimeGenerated"),
        "kusto/microsoft_xdr": ("DeviceName", "Timestamp"),
        "kusto/azure_monitor": ("Computer", "TimeGenerated"),
        "splunk": ("host", "_time"),
        "splunk/splunk_windows": ("host", "_time"),
        "splunk/splunk_sysmon_acceleration": ("host", "_time"),
        // After `drop_dm_object_name`, a CIM row names its host `dest`.
        "splunk/splunk_cim": ("dest", "_time"),
        "lucene": ("host.name", "@timestamp"),
        "lucene/ecs_windows": ("host.name", "@timestamp"),
        "esql/ecs_windows": ("host.name", "@timestamp"),
        "eql/ecs_windows": ("host.name", "@timestamp"),
    ]

    /// Key fields per log source category when the rule lists no `fields:`.
    static let keyFields: [String: [String]] = [
        "process_creation": ["Image", "CommandLine", "ParentImage", "User"],
        "file_event": ["Image", "TargetFilename"], "file_delete": ["Image", "TargetFilename"],
        "registry_set": ["Image", "TargetObject", "Details"], "registry_event": ["Image", "TargetObject"],
        "registry_add": ["Image", "TargetObject"], "registry_delete": ["Image", "TargetObject"],
        "network_connection": ["Image", "DestinationIp", "DestinationPort"],
        "image_load": ["Image", "ImageLoaded"], "dns_query": ["Image", "QueryName"],
        "process_access": ["SourceImage", "TargetImage", "GrantedAccess"],
        "pipe_created": ["Image", "PipeName"], "driver_load": ["ImageLoaded"],
        "create_remote_thread": ["SourceImage", "TargetImage"],
    ]

    private var cache: [String: String?] = [:]
    private var parsedCache: [String: SigmaRule?] = [:]

    /// The target's name for a Sigma field of a log source, or nil when the target does not map it.
    func mapped(_ field: String, logsource: LogSource, converter: Converter, target: String) -> String? {
        let key = "\(target)|\(logsource.product ?? "")|\(logsource.category ?? "")|\(logsource.service ?? "")|\(field)"
        if let hit = cache[key] { return hit }
        var yaml = "title: probe\nid: 00000000-0000-4000-8000-000000000000\nlogsource:\n"
        for (k, v) in [("product", logsource.product), ("category", logsource.category), ("service", logsource.service)] {
            if let v { yaml += "    \(k): '\(v.replacingOccurrences(of: "'", with: "''"))'\n" }
        }
        yaml += "detection:\n    sel:\n        '\(field)': \(Self.probeValue)\n    condition: sel\n"
        var result: String?
        if let rule = SigmaParser.parse(text: yaml, path: "probe").rules.first,
           case .success(let query) = converter.convert(rule) {
            let pattern = #"([A-Za-z_@][\w.\-@]*)["']?\s*(=~|==|=|:)\s*["']?"# + Self.probeValue
            if let range = query.range(of: pattern, options: .regularExpression) {
                let match = String(query[range])
                result = String(match.prefix { !"=~: \"'".contains($0) })
            }
        }
        cache[key] = result
        return result
    }

    /// The plan of one rule on one target whose query is `query`.
    func plan(rule: SigmaRule?, query: String, target: TargetDescription, converter: Converter?,
              product: String?, unrunnable: inout String?) -> GuideTargetPlan {
        let read = TargetReads.reads(target: target, query: query, product: product)
        unrunnable = read.unrunnable
        var plan = GuideTargetPlan(target: target.key, siem: "\(target.siemName) — \(target.language)", fence: target.fence, reads: read.reads)
        let logsource = rule?.logsource
        plan.pivotGroup = [logsource?.product, logsource?.category ?? logsource?.service].compactMap { $0 }.joined(separator: "/")
        guard let rule, let converter else {
            plan.stackingReason = "the rule text could not be parsed here, so no field mapping is known"
            plan.pivotReason = plan.stackingReason
            return plan
        }
        guard let ht = Self.hostAndTime[target.key] else {
            plan.stackingReason = "HuntKB knows no host and time fields for this target yet"
            plan.pivotReason = plan.stackingReason
            return plan
        }
        var wanted = rule.fields.filter { !$0.isEmpty }
        if wanted.isEmpty { wanted = Self.keyFields[rule.logsource.category ?? ""] ?? [] }
        if wanted.isEmpty { wanted = Self.detectionFields(rule) }
        let dataModel = Self.dataModel(of: query)
        for field in wanted.prefix(4) {
            if let name = mapped(field, logsource: rule.logsource, converter: converter, target: target.key)
                .map({ Self.stackingName($0, dataModel: dataModel) }) {
                if !plan.keyFields.contains(name) { plan.keyFields.append(name) }
            } else {
                plan.leftOut.append("\(field): the target has no mapping for it on this log source")
            }
        }
        let family = TargetReads.family(target.key)
        if plan.keyFields.isEmpty {
            plan.stackingReason = "no key field of the rule is mapped by this target"
        } else {
            plan.stacking = dataModel != nil
                ? Self.dataModelStacking(query: query, fields: plan.keyFields, host: ht.host)
                : Self.stacking(family: family, query: query, fields: plan.keyFields, host: ht.host, time: ht.time)
            if plan.stacking == nil {
                plan.stackingReason = "\(target.language) has no aggregation: over the last \(Self.windowDays) days, a rare-terms (least frequent values) view of \(plan.keyFields.joined(separator: ", ")) with a unique count of \(ht.host)"
            }
        }
        if unrunnable != nil {
            plan.stacking = nil
            plan.stackingReason = unrunnable
        }
        let probe = { (field: String) in
            self.mapped(field, logsource: rule.logsource, converter: converter, target: target.key).map { Self.baseField($0) }
        }
        if let dataModel {
            plan.pivots = Self.dataModelPivots(dataModel: dataModel, parent: probe("ParentImage"), image: probe("Image"),
                                               commandLine: probe("CommandLine"), user: probe("User"))
        } else {
            plan.pivots = Self.pivots(family: family, query: query, host: ht.host, time: ht.time, parent: probe("ParentImage"),
                                      image: probe("Image"), commandLine: probe("CommandLine"), user: probe("User"))
        }
        if plan.pivots.isEmpty { plan.pivotReason = "\(target.language) pivots are not generated by HuntKB yet" }
        if let unrunnable { plan.pivots = []; plan.pivotReason = unrunnable }
        return plan
    }

    /// The field to group on: ECS `.caseless` sub-fields are a lower-cased copy for matching, so rarity is counted
    /// on the field itself.
    static func baseField(_ name: String) -> String {
        name.hasSuffix(".caseless") ? String(name.dropLast(".caseless".count)) : name
    }

    /// A stacking column: the base field, and in a CIM data-model query the name left after `drop_dm_object_name`.
    static func stackingName(_ name: String, dataModel: String?) -> String {
        let base = baseField(name)
        guard dataModel != nil, let dot = base.firstIndex(of: ".") else { return base }
        return String(base[base.index(after: dot)...])
    }

    /// `Endpoint.Processes` of a `| tstats ... from datamodel=Endpoint.Processes` query.
    static func dataModel(of query: String) -> String? {
        guard query.hasPrefix("| tstats"), let range = query.range(of: "from datamodel=") else { return nil }
        let name = query[range.upperBound...].prefix { !$0.isWhitespace }
        return name.isEmpty ? nil : String(name)
    }

    static func detectionFields(_ rule: SigmaRule) -> [String] {
        var out: [String] = []
        func visit(_ node: DetectionNode) {
            switch node {
            case .group(let g): g.nodes.forEach(visit)
            case .item(let item): if let f = item.field, !out.contains(f), f.lowercased() != "eventid" { out.append(f) }
            }
        }
        for named in rule.detection.named { visit(.group(named.body)) }
        return Array(out.prefix(3))
    }

    static func stacking(family: String, query: String, fields: [String], host: String, time: String) -> String? {
        let days = windowDays
        switch family {
        case "kusto":
            return query + "\n| where \(time) > ago(\(days)d)"
                + "\n| summarize Count = count(), Hosts = dcount(\(host)), FirstSeen = min(\(time)), LastSeen = max(\(time)) by \(fields.joined(separator: ", "))"
                + "\n| where Hosts <= 3\n| order by Count asc"
        case "splunk":
            // The time window comes from the time picker (or `earliest=-\(days)d` before the search), so the
            // stacking stays an append to the rule's query.
            return query
                + "\n| stats count dc(\(host)) as hosts min(\(time)) as first_seen max(\(time)) as last_seen by \(fields.joined(separator: " "))"
                + "\n| where hosts <= 3\n| sort count"
        case "esql":
            return query + "\n| where \(time) > NOW() - \(days) days"
                + "\n| stats count = COUNT(*), hosts = COUNT_DISTINCT(\(host)) by \(fields.joined(separator: ", "))"
                + "\n| where hosts <= 3\n| sort count asc"
        default:
            return nil
        }
    }

    /// A tstats query already counts per row of its `by` clause; the stacking sums those counts per key field.
    static func dataModelStacking(query: String, fields: [String], host: String) -> String {
        query + "\n| stats sum(count) as count dc(\(host)) as hosts min(firstTime) as first_seen max(lastTime) as last_seen by \(fields.joined(separator: " "))"
            + "\n| where hosts <= 3\n| sort count"
    }

    static func dataModelPivots(dataModel: String, parent: String?, image: String?, commandLine: String?,
                                user: String?) -> [GuidePivot] {
        let object = String(dataModel.split(separator: ".").last ?? Substring(dataModel))
        let columns = [parent, image, commandLine, user].compactMap { $0 }
        var out = [GuidePivot(title: "Same host within ±1 h (process tree)", query: """
            | tstats summariesonly=false count from datamodel=\(dataModel) where \(object).dest="HOST" earliest="HIT-1h" latest="HIT+1h" by _time span=1m \(columns.joined(separator: " "))
            | `drop_dm_object_name(\(object))`
            | sort _time
            """)]
        if let user {
            out.append(GuidePivot(title: "Same user, last 7 days, by host and process", query: """
                | tstats summariesonly=false count from datamodel=\(dataModel) where \(user)="USER" earliest=-7d by \(([object + ".dest"] + [image].compactMap { $0 }).joined(separator: " "))
                | `drop_dm_object_name(\(object))`
                | sort count
                """))
        }
        return out
    }

    static func pivots(family: String, query: String, host: String, time: String, parent: String?, image: String?,
                       commandLine: String?, user: String?) -> [GuidePivot] {
        let columns = [time, host, parent, image, commandLine, user].compactMap { $0 }
        switch family {
        case "kusto":
            let table = String(query.prefix { $0 != "\n" && $0 != "|" }).trimmingCharacters(in: .whitespaces)
            var out = [GuidePivot(title: "Same host within ±1 h (process tree)", query: """
                let hit = datetime(2026-01-01T00:00:00Z); // time of the hit
                let hitHost = "HOST"; // host of the hit
                \(table)
                | where \(time) between ((hit - 1h) .. (hit + 1h)) and \(host) =~ hitHost
                | project \(columns.joined(separator: ", "))
                | order by \(time) asc
                """)]
            if let user {
                out.append(GuidePivot(title: "Same user, last 7 days, by host and process", query: """
                    \(table)
                    | where \(time) > ago(7d) and \(user) =~ "USER"
                    | summarize Count = count(), FirstSeen = min(\(time)) by \(([host] + [image].compactMap { $0 }).joined(separator: ", "))
                    | order by Count asc
                    """))
            }
            return out
        case "splunk":
            var out = [GuidePivot(title: "Same host within ±1 h (process tree)",
                                  query: "\(host)=\"HOST\" earliest=\"HIT-1h\" latest=\"HIT+1h\"\n| table \(columns.joined(separator: " "))\n| sort \(time)")]
            if let user {
                out.append(GuidePivot(title: "Same user, last 7 days, by host and process",
                                      query: "\(user)=\"USER\" earliest=-7d\n| stats count min(\(time)) as first_seen by \(([host] + [image].compactMap { $0 }).joined(separator: " "))\n| sort count"))
            }
            return out
        case "esql":
            // The rule's own source (`from *`, or the index it names), without the metadata columns.
            let source = String(query.prefix { $0 != "|" }).components(separatedBy: " metadata ")[0].trimmingCharacters(in: .whitespaces)
            var out = [GuidePivot(title: "Same host within ±1 h (process tree)", query: """
                \(source)
                | where \(host) == "HOST" and \(time) >= to_datetime("2026-01-01T00:00:00Z") - 1 hour and \(time) <= to_datetime("2026-01-01T00:00:00Z") + 1 hour
                | keep \(columns.joined(separator: ", "))
                | sort \(time) asc
                """)]
            if let user {
                out.append(GuidePivot(title: "Same user, last 7 days, by host and process", query: """
                    \(source)
                    | where \(user) == "USER" and \(time) > NOW() - 7 days
                    | stats count = COUNT(*), first_seen = MIN(\(time)) by \(([host] + [image].compactMap { $0 }).joined(separator: ", "))
                    | sort count asc
                    """))
            }
            return out
        case "eql":
            // EQL has no time functions: the ±1 h window is the time filter the query runs under.
            var out = [GuidePivot(title: "Same host (set the time filter to ±1 h around the hit)",
                                  query: "any where \(host) == \"HOST\"")]
            if let user { out.append(GuidePivot(title: "Same user (last 7 days in the time filter)", query: "any where \(user) == \"USER\"")) }
            return out
        case "lucene":
            var out = [GuidePivot(title: "Same host within ±1 h (process tree)",
                                  query: "\(host):\"HOST\" AND \(time):[\"HIT||-1h\" TO \"HIT||+1h\"]")]
            if let user { out.append(GuidePivot(title: "Same user (last 7 days in the time picker)", query: "\(user):\"USER\"")) }
            return out
        default:
            return []
        }
    }
}
