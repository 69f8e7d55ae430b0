import SigmaKit

/// The processing pipelines of pysigma-backend-splunk 2.1.0, by their sigma-cli names.
enum SplunkPipelines {
    static let names = entries.map(\.name)

    static let entries: [PipelineEntry] = [
        PipelineEntry(name: "splunk_windows", displayName: "Splunk Windows",
                      make: { _ in SplunkWindowsPipeline() },
                      reads: { rule in SplunkWindowsPipeline.channels(for: rule.logsource).map {
                          DataSource(.source, $0.map { "WinEventLog:" + $0 }) } }),
        PipelineEntry(name: "splunk_sysmon_acceleration", displayName: "Splunk Sysmon acceleration",
                      make: { _ in SplunkSysmonAccelerationPipeline() },
                      reads: { _ in nil }),
        PipelineEntry(name: "splunk_cim", displayName: "Splunk CIM",
                      make: { _ in SplunkCIMPipeline() },
                      reads: { rule in SplunkCIMPipeline.model(for: rule.logsource).map {
                          DataSource(.dataModel, [$0.dataModelSet]) } }),
    ]
}

/// `splunk_windows`: a `source="WinEventLog:<channel>"` condition from the Windows service, `EventID` as
/// `EventCode`.
struct SplunkWindowsPipeline: ProcessingPipeline {
    let name = "splunk_windows"

    static func channels(for logsource: LogSource) -> [String]? {
        guard logsource.product == "windows", let service = logsource.service else { return nil }
        return WindowsChannels.channels(service: service)
    }

    func apply(to rule: SigmaRule) throws(ConversionError) -> ProcessedRule {
        var out = rule
        if let channels = Self.channels(for: rule.logsource) {
            RuleEditing.addCondition(&out, name: "_cond_windows_logsource",
                                     item: RuleEditing.item(field: "source", values: channels.map { "WinEventLog:" + $0 }))
        }
        RuleEditing.mapFields(&out, Self.fieldMapping, step: "splunk_windows_field_mapping")
        return ProcessedRule(rule: out)
    }

    /// Built once: every rule goes through it.
    static let fieldMapping = RuleEditing.FieldRenames(["EventID": "EventCode"])
}

/// `splunk_sysmon_acceleration`: a keyword characteristic of Sysmon process creation and file events, so
/// Splunk's index can narrow the search.
struct SplunkSysmonAccelerationPipeline: ProcessingPipeline {
    let name = "splunk_sysmon_acceleration"
    static let keywords = ["process_creation": "ParentProcessGuid", "file_event": "TargetFilename"]

    func apply(to rule: SigmaRule) throws(ConversionError) -> ProcessedRule {
        var out = rule
        let source = rule.logsource
        if source.product == "windows", source.service == "sysmon", let category = source.category,
           let keyword = Self.keywords[category] {
            RuleEditing.addCondition(&out, name: "_cond_sysmon_acceleration", item: RuleEditing.item(field: nil, values: [keyword]))
        }
        return ProcessedRule(rule: out)
    }
}

/// One CIM data model of the `splunk_cim` pipeline: the log sources it serves and its field names.
struct CIMDataModel: Sendable {
    /// For messages: `process_creation`, `registry`, ...
    var label: String
    var matches: @Sendable (LogSource) -> Bool
    /// Sigma field → CIM field, in the reference's order (the order of the `tstats ... by` list).
    var mapping: [(String, String)]
    /// `Endpoint.Processes`.
    var dataModelSet: String
    /// The mapping as a lookup, the `by` list and the refusal's field list: made once with the model, not per rule.
    let renames: RuleEditing.FieldRenames
    let byFields: String
    let knownFieldsText: String

    init(label: String, matches: @escaping @Sendable (LogSource) -> Bool, mapping: [(String, String)], dataModelSet: String) {
        self.label = label
        self.matches = matches
        self.mapping = mapping
        self.dataModelSet = dataModelSet
        renames = RuleEditing.FieldRenames(Dictionary(mapping, uniquingKeysWith: { a, _ in a }))
        byFields = mapping.map(\.1).joined(separator: " ")
        knownFieldsText = mapping.map(\.0).joined(separator: ",")
    }
}

/// `splunk_cim`: Sigma fields to CIM data model fields; other fields and log sources are refused.
struct SplunkCIMPipeline: ProcessingPipeline {
    let name = "splunk_cim"

    static func windowsOrLinux(_ category: String) -> @Sendable (LogSource) -> Bool {
        { $0.category == category && ($0.product == "windows" || $0.product == "linux") }
    }

    static let models: [CIMDataModel] = [
        CIMDataModel(label: "process_creation", matches: windowsOrLinux("process_creation"), mapping: [
            ("CommandLine", "Processes.process"), ("Computer", "Processes.dest"),
            ("CurrentDirectory", "Processes.process_current_directory"), ("Image", "Processes.process_path"),
            ("IntegrityLevel", "Processes.process_integrity_level"), ("OriginalFileName", "Processes.original_file_name"),
            ("ParentCommandLine", "Processes.parent_process"), ("ParentImage", "Processes.parent_process_path"),
            ("ParentProcessGuid", "Processes.parent_process_guid"), ("ParentProcessId", "Processes.parent_process_id"),
            ("ProcessGuid", "Processes.process_guid"), ("ProcessId", "Processes.process_id"), ("User", "Processes.user"),
        ], dataModelSet: "Endpoint.Processes"),
        CIMDataModel(label: "registry", matches: {
            $0.product == "windows" && ["registry_add", "registry_delete", "registry_event", "registry_set"].contains($0.category ?? "")
        }, mapping: [
            ("Computer", "Registry.dest"), ("Details", "Registry.registry_value_data"), ("EventType", "Registry.action"),
            ("Image", "Registry.process_path"), ("ProcessGuid", "Registry.process_guid"), ("ProcessId", "Registry.process_id"),
            ("TargetObject", "Registry.registry_key_name"),
        ], dataModelSet: "Endpoint.Registry"),
        CIMDataModel(label: "file_event", matches: { $0.product == "windows" && $0.category == "file_event" }, mapping: [
            ("Computer", "Filesystem.dest"), ("CreationUtcTime", "Filesystem.file_create_time"),
            ("Image", "Filesystem.process_path"), ("ProcessGuid", "Filesystem.process_guid"),
            ("ProcessId", "Filesystem.process_id"), ("TargetFilename", "Filesystem.file_path"),
        ], dataModelSet: "Endpoint.Filesystem"),
        CIMDataModel(label: "web proxy", matches: { $0.category == "proxy" }, mapping: [
            ("c-uri", "Web.url"), ("c-uri-query", "Web.uri_query"), ("c-uri-stem", "Web.uri_path"),
            ("c-useragent", "Web.http_user_agent"), ("cs-method", "Web.http_method"), ("cs-host", "Web.dest"),
            ("cs-referrer", "Web.http_referrer"), ("src_ip", "Web.src"), ("dst_ip", "Web.dest_ip"),
        ], dataModelSet: "Web.Proxy"),
        CIMDataModel(label: "DNS", matches: { $0.category == "network" && $0.service == "dns" }, mapping: [
            ("destination.ip", "DNS.dest"), ("destination.port", "DNS.dest_port"), ("dns.answers.name", "DNS.answer"),
            ("dns.answers.ttl", "DNS.ttl"), ("dns.answers.type", "DNS.record_type"), ("dns.id", "DNS.transaction_id"),
            ("dns.question.name", "DNS.query"), ("dns.question.type", "DNS.query_type"),
            ("dns.response.code", "DNS.reply_code_id"), ("source.ip", "DNS.src"), ("source.port", "DNS.src_port"),
        ], dataModelSet: "Network_Resolution.DNS"),
    ]

    static func model(for logsource: LogSource) -> CIMDataModel? {
        models.first { $0.matches(logsource) }
    }

    /// Pipeline state keys the `data_model` format reads.
    static let dataModelSetKey = "data_model_set"
    static let fieldsKey = "fields"

    func apply(to rule: SigmaRule) throws(ConversionError) -> ProcessedRule {
        guard let model = Self.model(for: rule.logsource) else {
            throw ConversionError(.unmappedLogSource, "Rule type not yet supported by the Splunk data model CIM pipeline!")
        }
        let mapping = model.renames.renames
        let known = { (field: String?) in field.map { mapping[$0] != nil } ?? false }
        if let bad = RuleEditing.firstItem(in: rule, where: { item in
            !known(item.field) || item.values.contains { if case .fieldRef(let f, _, _) = $0 { !known(f) } else { false } }
        }) {
            throw ConversionError(.unknownField,
                "The Splunk Data Model Sigma backend supports only the following fields for \(model.label) log source: "
                + model.knownFieldsText, position: bad.position)
        }
        var out = rule
        RuleEditing.mapFields(&out, model.renames, step: "splunk_dm_mapping")
        let state = PipelineState(values: [Self.dataModelSetKey: model.dataModelSet, Self.fieldsKey: model.byFields])
        return ProcessedRule(rule: out, state: state)
    }
}
