import ArgumentParser
import Catalog
import Foundation
import Reports
import SigmaEval
import SigmaKit

/// `huntkb hunt`: runs catalog rules (or rule files) over exported events and lists the matches.
struct HuntCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hunt",
        abstract: "Run Sigma rules over exported events (JSON, JSON Lines, evtx rendered as JSON).",
        discussion: """
            Rules come from the catalog (the search filters of 'huntkb search' choose them; none = every \
            detection rule) or from --rules files and folders. Event files hold one JSON object, a JSON array, \
            JSON Lines, or several JSON documents one after another (SigmaHQ regression data); folders are \
            searched for .json/.jsonl files. Windows evtx renderings ({"Event": {"System", "EventData"}}) are \
            flattened by the Sigma field convention; other objects with dotted names for nested members.

            By default a rule's log source must hold: Windows categories and services become the channel and \
            event ID conditions of pySigma's sysmon and windows pipelines, other products take no event. \
            --ignore-logsource evaluates the detection alone.

            A .jsonl file whose first line is one object is read as JSON Lines, on every core (--threads): each \
            line holds whole records, and a bad line is reported and skipped without giving up the file.

            --format jsonl prints one line per match {"rule","title","level","event","record"} (record: 0-based \
            index of the record in its file); json the same as one array; table (default on a terminal) groups \
            matches by rule with counts and the first matching values. Rules the engine cannot evaluate are \
            listed once on stderr. A bad event file or record is reported on one line and skipped.

            Correlation rules among the rules (event_count, value_count, temporal, temporal_ordered) are evaluated \
            over their rules' matches: per group-by value, a window opens at an event and holds the events within \
            the timespan; the first window meeting the condition is reported (jsonl: {"rule","title","level",\
            "correlation","group","window","count","records"}) and the next opens after it. An event's time is the \
            first --time-field it has (default: TimeCreated_SystemTime, @timestamp, timestamp, UtcTime, EventTime, \
            _time); events without a time or a group-by value take no part. Rules a correlation references are not \
            reported on their own unless it sets 'generate: true'.

            Exit status 0, or 1 when an event file or record (or a --rules file) was skipped.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case table, json, jsonl
    }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: SearchFilterOptions

    @Option(name: .customLong("events"), parsing: .upToNextOption,
            help: ArgumentHelp("Event files or folders (repeatable).", valueName: "path"))
    var events: [String] = []

    @Option(name: .customLong("rules"), parsing: .upToNextOption,
            help: ArgumentHelp("Rule files or folders instead of the catalog.", valueName: "path"))
    var rules: [String] = []

    @Flag(help: "Evaluate the detection alone, without the log source's channel and event ID conditions.")
    var ignoreLogsource = false

    @Option(help: "Output format: table, json or jsonl (default: table on a terminal, else jsonl).")
    var format: Format?

    @Option(help: "Threads matching a JSON Lines file (default: one per core).")
    var threads: Int?

    @Option(name: .customLong("time-field"),
            help: ArgumentHelp("Event field holding the time correlations use (repeatable; first present wins).", valueName: "field"))
    var timeFields: [String] = []

    func validate() throws {
        if events.isEmpty { throw ValidationError("give at least one --events file or folder") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var skipped = false
        try runReportingErrors {
            let loaded = try loadRules()
            skipped = loaded.hadErrors
            let mode: EvaluationMode = ignoreLogsource ? .detection : .logsource
            let set = RuleSet(rules: loaded.rules, mode: mode)
            for refusal in set.refused {
                StdErr.print("huntkb: rule \(refusal.rule.id ?? "-") (\(refusal.rule.title)) not evaluated: \(refusal.reason)")
            }
            let output = format ?? (Terminal.stdoutIsTTY ? .table : .jsonl)
            var hunt = HuntRun(set: set, format: output)
            if !loaded.correlations.isEmpty {
                let correlations = CorrelationSet(correlations: loaded.correlations, rules: set,
                                                  timeFields: timeFields.isEmpty ? CorrelationTime.standardFields : timeFields)
                for refusal in correlations.refused {
                    StdErr.print("huntkb: correlation \(refusal.rule.id ?? "-") (\(refusal.rule.title)) not evaluated: \(refusal.reason)")
                }
                if !correlations.isEmpty { hunt.correlate(correlations) }
            }
            hunt.progress = Terminal.stderrIsTTY
            if let threads { hunt.workers = threads }
            for file in try Self.eventFiles(events) {
                if !hunt.scan(file) { skipped = true }
            }
            hunt.finish()
        }
        if skipped { throw ExitCode(1) }
    }

    /// Rules and correlation rules from --rules files, else from the catalog search.
    func loadRules() throws -> (rules: [SigmaRule], correlations: [CorrelationRule], hadErrors: Bool) {
        if !rules.isEmpty {
            var out: [SigmaRule] = []
            var correlations: [CorrelationRule] = []
            var hadErrors = false
            // Parsed on every core (loading is most of a short hunt), reported in file order.
            let paths = try RuleFileLister.expand(rules)
            let parsed = Parallel.map(paths.count) { SigmaParser.parseFileWithoutWarnings(atPath: paths[$0]) }
            for file in parsed {
                for d in file.errors { StdErr.print(d.description) }
                if !file.errors.isEmpty { hadErrors = true; continue }
                out += file.rules
                correlations += file.documents.compactMap { if case .correlation(let c) = $0 { c } else { nil } }
            }
            return (out, correlations, hadErrors)
        }
        let db = try database.openCatalog()
        let sources: [RuleSource]
        var correlationRecords: [RuleRecord] = []
        do {
            let query = try filters.query()
            sources = try db.ruleSources(matching: query)
            var correlationQuery = query
            correlationQuery.kinds = ["correlation"]
            correlationRecords = try db.search(correlationQuery).map { try db.rule(idOrPrefix: $0.id) }
        } catch let error as CatalogError {
            throw UsageError.mapping(error)
        }
        var out: [SigmaRule] = []
        for source in sources {
            let file = SigmaParser.parseWithoutWarnings(text: source.yaml, path: source.sourcePath)
            if let rule = file.rules.first(where: { $0.id == source.id }) ?? file.rules.first { out.append(rule) }
        }
        var correlations: [CorrelationRule] = []
        for record in correlationRecords {
            let file = SigmaParser.parseWithoutWarnings(text: record.yaml, path: record.sourcePath)
            for case .correlation(let c) in file.documents where c.id?.lowercased() == record.id { correlations.append(c) }
        }
        return (out, correlations, false)
    }

    /// Files as given; folders searched recursively for .json and .jsonl files (hidden ones skipped), sorted.
    static func eventFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = fm.enumerator(atPath: path) else { throw FatalError("cannot list folder \(path)") }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") { enumerator.skipDescendants(); continue }
                let ext = (name as NSString).pathExtension.lowercased()
                if ext == "json" || ext == "jsonl" { found.append((path as NSString).appendingPathComponent(relative)) }
            }
            files += found.sorted()
        }
        return files
    }
}

/// One hunt: scans event files, streams jsonl matches, keeps what table and json output need.
struct HuntRun {
    struct Match: Encodable {
        var rule: String
        var title: String
        var level: String?
        var event: String
        var record: Int

        enum CodingKeys: String, CodingKey { case rule, title, level, event, record }

        /// One JSON object with its keys in the documented order (JSONEncoder's order is unspecified).
        var jsonLine: String {
            "{\"rule\":\(JSONText.quote(rule)),\"title\":\(JSONText.quote(title)),\"level\":\(level.map(JSONText.quote) ?? "null"),"
                + "\"event\":\(JSONText.quote(event)),\"record\":\(record)}"
        }
    }

    /// Per rule: count and the first match with its values.
    struct Group {
        var count = 0
        var first: (event: String, record: Int)
        var values: [(String, String)]
    }

    let set: RuleSet
    let format: HuntCommand.Format
    var progress = false
    var eventCount = 0
    var matchCount = 0
    var files = 0
    var groups: [Int: Group] = [:]
    var all: [Match] = []
    var lastProgress = Date.distantPast
    /// The fields each rule names, for the table's first matching values.
    lazy var ruleFields: [[String]] = set.rules.map { Self.fields(of: $0.rule) }
    var out = BufferedOutput()
    /// Reused from file to file: its buffers have grown to the largest record.
    var matcher: EventMatcher?
    /// JSON Lines files are matched on every core, one matcher each.
    var workers = ProcessInfo.processInfo.activeProcessorCount
    var matchers: [EventMatcher]?
    /// Correlation rules' inputs, when some are loaded (events are then read whole, one at a time, so
    /// group-by and time fields no rule names can be read).
    var correlations: CorrelationCollector?
    /// Rules only correlations use: their own matches are not listed.
    var hidden: Set<Int> = []
    var correlationMatches: [CorrelationMatch] = []

    init(set: RuleSet, format: HuntCommand.Format) {
        self.set = set
        self.format = format
    }

    mutating func correlate(_ set: CorrelationSet) {
        correlations = CorrelationCollector(set)
        hidden = set.hiddenRules
    }

    /// Scans one file; false when the file or one of its records was skipped.
    mutating func scan(_ path: String) -> Bool {
        files += 1
        var ok = true
        if correlations != nil { return scanWhole(path) }
        if workers > 1, ParallelLineReader.isJSONLines(path: path) {
            var matchers = self.matchers ?? (0..<workers).map { _ in EventMatcher(set) }
            var problems = 0
            do {
                let records = try ParallelLineReader().read(path: path, matchers: &matchers) { index, result, fields in
                    switch result {
                    case .failure(let problem):
                        StdErr.print("huntkb: error: \(problem)")
                        ok = false
                        problems += 1
                    case .success(let hits):
                        for i in hits { addMatch(i, text: fields.text, path: path, index: index) }
                    }
                }
                eventCount += records - problems
            } catch {
                StdErr.print("huntkb: error: \(error)")
                ok = false
            }
            if progress { showProgress() }
            self.matchers = matchers
            return ok
        }
        var matcher = self.matcher ?? EventMatcher(set)
        do {
            try EventFileReader().read(path: path, matcher: &matcher) { index, result, fields in
                switch result {
                case .failure(let problem):
                    StdErr.print("huntkb: error: \(problem)")
                    ok = false
                case .success(let hits):
                    eventCount += 1
                    for i in hits { addMatch(i, text: fields.text, path: path, index: index) }
                    if progress, eventCount % 4096 == 0 { showProgress() }
                }
            }
        } catch {
            StdErr.print("huntkb: error: \(error)")
            ok = false
        }
        self.matcher = matcher
        return ok
    }

    /// Scans one file reading each event whole, for correlations: their fields need not be any rule's.
    mutating func scanWhole(_ path: String) -> Bool {
        var ok = true
        var matcher = self.matcher ?? EventMatcher(set)
        do {
            try EventFileReader().read(path: path) { index, result in
                switch result {
                case .failure(let problem):
                    StdErr.print("huntkb: error: \(problem)")
                    ok = false
                case .success(let event):
                    eventCount += 1
                    let hits = matcher.matches(event)
                    for i in hits where !hidden.contains(i) { addMatch(i, text: { event[$0] }, path: path, index: index) }
                    correlations!.add(hits: hits, event: path, record: index) { event[$0] }
                    if progress, eventCount % 4096 == 0 { showProgress() }
                }
            }
        } catch {
            StdErr.print("huntkb: error: \(error)")
            ok = false
        }
        self.matcher = matcher
        return ok
    }

    mutating func addMatch(_ i: Int, text: (String) -> String?, path: String, index: Int) {
        matchCount += 1
        let rule = set.rules[i].rule
        switch format {
        case .jsonl:
            let m = Match(rule: rule.id ?? "", title: rule.title, level: rule.level?.rawValue, event: path, record: index)
            out.write(Data((m.jsonLine + "\n").utf8))
        case .json:
            all.append(Match(rule: rule.id ?? "", title: rule.title, level: rule.level?.rawValue, event: path, record: index))
        case .table:
            if groups[i] == nil {
                let values = ruleFields[i].compactMap { f in text(f).map { (f, $0) } }
                groups[i] = Group(first: (path, index), values: values)
            }
            groups[i]!.count += 1
        }
    }

    mutating func showProgress() {
        let now = Date()
        guard now.timeIntervalSince(lastProgress) > 0.25 else { return }
        lastProgress = now
        FileHandle.standardError.write(Data("\r\(files) files, \(eventCount) events, \(matchCount) matches".utf8))
    }

    mutating func finish() {
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        var correlationLines: [String] = []
        if let correlations {
            if correlations.eventsWithoutTime > 0 {
                StdErr.print("huntkb: \(correlations.eventsWithoutTime) matched events had no time for correlations "
                             + "(fields: \(correlations.set.timeFields.joined(separator: ", ")))")
            }
            correlationMatches = correlations.matches()
            correlationLines = correlationMatches.map { CorrelationMatchJSON.line($0, correlations.set, rules: set) }
        }
        switch format {
        case .jsonl:
            for line in correlationLines { out.write(Data((line + "\n").utf8)) }
        case .json:
            let lines = all.map(\.jsonLine) + correlationLines
            let body = lines.map { "  " + $0 }.joined(separator: ",\n")
            out.write(Data((lines.isEmpty ? "[]\n" : "[\n" + body + "\n]\n").utf8))
        case .table:
            let summary = groups.map { i, g -> HuntMatchGroup in
                let r = set.rules[i].rule
                return HuntMatchGroup(rule: r.id, title: r.title, level: r.level?.rawValue, levelRank: r.level?.rank ?? -1, count: g.count,
                                      firstEvent: g.first.event, firstRecord: g.first.record, values: g.values.map { (field: $0.0, value: $0.1) })
            }
            let text = HuntMatchText.render(summary, matches: matchCount, events: eventCount, rules: set.rules.count)
            out.write(Data(text.utf8))
            if let correlations, !correlationMatches.isEmpty {
                out.write(Data(CorrelationMatchJSON.table(correlationMatches, correlations.set).utf8))
            }
        }
        out.flush()
    }

    /// Field names of the rule's detection, in order, without repeats.
    static func fields(of rule: SigmaRule) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        func walk(_ g: DetectionGroup) {
            for n in g.nodes {
                switch n {
                case .group(let inner): walk(inner)
                case .item(let item):
                    if let f = item.field, seen.insert(f).inserted { out.append(f) }
                }
            }
        }
        for n in rule.detection.named { walk(n.body) }
        return out
    }
}

/// Standard output written in large blocks (a hunt may print millions of lines).
struct BufferedOutput {
    var buffer = Data()

    mutating func write(_ data: Data) {
        buffer.append(data)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Correlation matches as hunt output: one JSON object each, or lines under the table.
enum CorrelationMatchJSON {
    /// `{"rule","title","level","correlation","group","window","count","records"}`, keys in that order.
    static func line(_ m: CorrelationMatch, _ correlations: CorrelationSet, rules: RuleSet) -> String {
        let rule = correlations.correlations[m.correlation].rule
        let group: String = zip(rule.groupBy, m.group).map { "\(JSONText.quote($0)):\(JSONText.quote($1))" as String }.joined(separator: ",")
        let records = m.records.map { r -> String in
            let ids: String = r.rules.map { JSONText.quote(rules.rules[$0].rule.id ?? "") }.joined(separator: ",")
            return "{\"event\":\(JSONText.quote(r.event)),\"record\":\(r.record),\"time\":\(JSONText.quote(r.time)),\"rules\":[\(ids)]}"
        }.joined(separator: ",")
        return "{\"rule\":\(JSONText.quote(rule.id ?? "")),\"title\":\(JSONText.quote(rule.title)),"
            + "\"level\":\(rule.level.map { JSONText.quote($0.rawValue) } ?? "null"),"
            + "\"correlation\":\(JSONText.quote(rule.type.rawValue)),\"group\":{\(group)},"
            + "\"window\":{\"start\":\(JSONText.quote(m.start)),\"end\":\(JSONText.quote(m.end)),\"timespan\":\(JSONText.quote(rule.timespan))},"
            + "\"count\":\(m.count),\"records\":[\(records)]}"
    }

    /// A section after the table: one line per window.
    static func table(_ matches: [CorrelationMatch], _ correlations: CorrelationSet) -> String {
        var text = "\n\(matches.count) correlation match\(matches.count == 1 ? "" : "es")\n"
        for m in matches {
            let rule = correlations.correlations[m.correlation].rule
            let group = zip(rule.groupBy, m.group).map { "\($0)=\($1)" }.joined(separator: " ")
            text += "  \(rule.level?.rawValue ?? "-")  \(rule.title)  [\(group)]  \(m.start) .. \(m.end)  "
                + "\(rule.type.rawValue) \(m.count), \(m.records.count) event\(m.records.count == 1 ? "" : "s")\n"
        }
        return SafeText.block(text)
    }
}
