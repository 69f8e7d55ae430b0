import SigmaKit

/// The processing pipelines of the `kusto` target, looked up by their sigma-cli names.
public enum KustoPipelines {
    /// Every kusto pipeline, in display order: a new one is its definition (and tables) plus one element in
    /// `all` and in `lazyEntries`.
    static let all: [TableDrivenPipeline] = [sentinelASIM, microsoftXDR, azureMonitor]

    /// Name, display name and the pipeline, built only when first used: building one parses its tables, and
    /// every command's help (so every start of `huntkb`) lists the names.
    private static let lazyEntries: [(name: String, displayName: String, pipeline: @Sendable () -> TableDrivenPipeline)] = [
        ("sentinel_asim", "Sentinel ASIM", { sentinelASIM }),
        ("microsoft_xdr", "Microsoft XDR", { microsoftXDR }),
        ("azure_monitor", "Azure Monitor", { azureMonitor }),
    ]

    /// Every pipeline name accepted by `named(_:)`, in display order.
    public static let names: [String] = lazyEntries.map(\.name)

    /// The registry entries of the kusto pipelines: they read the table the log source (or EventID) decides.
    static let entries: [PipelineEntry] = lazyEntries.map { entry in
        PipelineEntry(name: entry.name, displayName: entry.displayName, acceptsQueryTable: true,
                      make: { options in
                          var pipeline = entry.pipeline()
                          pipeline.fixedQueryTable = options.queryTable
                          return pipeline
                      },
                      reads: { rule in entry.pipeline().queryTable(for: rule).map { DataSource(.table, [$0]) } })
    }

    /// The pipeline called `name`, or nil when there is none.
    public static func named(_ name: String) -> (any ProcessingPipeline)? {
        lazyEntries.first { $0.name == name }?.pipeline()
    }

    /// Whether the light entries name each pipeline as its definition does.
    static var entriesAgreeWithPipelines: Bool {
        lazyEntries.map { [$0.name, $0.displayName] } == lazyEntries.map { [$0.pipeline().name, $0.pipeline().displayName] }
            && all.map(\.name) == names
    }

    /// The pipeline called `name` querying `queryTable` for every rule (the reference's `query_table`
    /// parameter): the log source no longer decides, and a table outside the pipeline's schema is not checked.
    public static func named(_ name: String, queryTable: String) -> (any ProcessingPipeline)? {
        guard var pipeline = named(name) as? TableDrivenPipeline else { return nil }
        pipeline.fixedQueryTable = queryTable
        return pipeline
    }

    /// Microsoft Sentinel ASIM parsers (`imProcessCreate`, `imFileEvent`, ...).
    static let sentinelASIM = TableDrivenPipeline(
        name: "sentinel_asim", displayName: "Sentinel ASIM", tables: .sentinelASIM,
        steps: [
            PipelineStep(id: "set_query_table", action: .setQueryTable),
            PipelineStep(id: "drop_eventid", action: .dropItems, fields: ["EventID", "EventCode", "ObjectType"]),
            PipelineStep(id: "table_fieldmappings", action: .mapFields(.queryTable)),
            PipelineStep(id: "generic_fieldmappings", action: .mapFields(.generic),
                         skipItemsProcessedBy: "table_fieldmappings"),
        ]
        // The reference lists `PreviousRegistryKey` for the first rewrite only and `RegistryPreviousKey` after.
        + registryKeyRewrites(first: ["RegistryKey", "PreviousRegistryKey"], rest: ["RegistryKey", "RegistryPreviousKey"])
        + [
            PipelineStep(id: "registry_actiontype_value", action: .rewriteValues(.registryActionType), fields: ["EventType"]),
            PipelineStep(id: "processcreate_hashes", action: .splitHashes(HashSplit(
                algorithms: ["MD5", "SHA1", "SHA256", "SHA512", "IMPHASH"], fieldPrefix: "TargetProcess")),
                when: .queryTable("imProcessCreate"), fields: ["Hashes"]),
            PipelineStep(id: "fileevent_hashes", action: .splitHashes(HashSplit(
                algorithms: ["MD5", "SHA1", "SHA256", "SHA512"], fieldPrefix: "TargetFile")),
                when: .queryTable("imFileEvent"), fields: ["Hashes"]),
            PipelineStep(id: "websession_hashes", action: .splitHashes(HashSplit(
                algorithms: ["MD5", "SHA1", "SHA256", "SHA512"], fieldPrefix: "File")),
                when: .queryTable("imWebSession"), fields: ["Hashes"]),
            dropInitiated,
            PipelineStep(id: "unsupported_fields", action: .rejectUnknownFields),
        ]
    )

    /// Microsoft Defender XDR advanced hunting (`DeviceProcessEvents`, ...).
    static let microsoftXDR = TableDrivenPipeline(
        name: "microsoft_xdr", displayName: "Microsoft XDR", tables: .microsoftXDR,
        steps: [
            PipelineStep(id: "set_query_table", action: .setQueryTable),
            PipelineStep(id: "drop_eventid", action: .dropItems, fields: ["EventID", "EventCode", "ObjectType"]),
            PipelineStep(id: "table_fieldmappings", action: .mapFields(.queryTable)),
            PipelineStep(id: "generic_fieldmappings", action: .mapFields(.generic),
                         skipItemsProcessedBy: "table_fieldmappings"),
            // No table has the parent's folder path: outside process creation, match the parent's file name.
            PipelineStep(id: "parent_image_fieldmapping",
                         action: .mapFields(.fixed(["ParentImage": ["InitiatingProcessParentFileName"]])),
                         when: .not(.category("process_creation"))),
            PipelineStep(id: "parent_image_name_value", action: .rewriteValues(.fileName),
                         when: .not(.category("process_creation")), fields: ["InitiatingProcessParentFileName"]),
        ]
        + registryKeyRewrites(first: ["RegistryKey", "PreviousRegistryKey"], rest: ["RegistryKey", "PreviousRegistryKey"])
        + [
            PipelineStep(id: "registry_actiontype_value", action: .rewriteValues(.registryActionType), fields: ["ActionType"]),
            PipelineStep(id: "domain_username_extract", action: .splitDomainUser,
                         fields: ["AccountName", "InitiatingProcessAccountName"]),
            PipelineStep(id: "hashes_field_values", action: .splitHashes(HashSplit(
                algorithms: ["MD5", "SHA1", "SHA256"], fieldPrefix: "")), fields: ["Hashes"]),
            dropInitiated,
            PipelineStep(id: "unsupported_fields", action: .rejectUnknownFields),
        ]
    )

    /// Azure Monitor Log Analytics (`SecurityEvent`).
    static let azureMonitor = TableDrivenPipeline(
        name: "azure_monitor", displayName: "Azure Monitor", tables: .azureMonitor,
        steps: [
            PipelineStep(id: "set_query_table", action: .setQueryTable),
            // Mapping first: `EventID` stays a SecurityEvent column; `ObjectType` is dropped after mapping.
            PipelineStep(id: "table_fieldmappings", action: .mapFields(.queryTable)),
            PipelineStep(id: "drop_fields", action: .dropItems, fields: ["ObjectType"]),
        ]
        + registryKeyRewrites(first: ["RegistryKey", "RegistryPreviousKey", "ObjectName"],
                              rest: ["RegistryKey", "RegistryPreviousKey", "ObjectName"])
        + [
            PipelineStep(id: "registry_actiontype_value", action: .rewriteValues(.registryActionType), fields: ["EventType"]),
            PipelineStep(id: "securityevent_hashes", action: .splitHashes(HashSplit(
                algorithms: ["MD5", "SHA1", "SHA256"], fieldPrefix: "FileHash", dropAlgorithmName: true)),
                when: .queryTable("SecurityEvent"), fields: ["FileHash"]),
            PipelineStep(id: "hashes_field_values", action: .splitHashes(HashSplit(
                algorithms: ["MD5", "SHA1", "SHA256"], fieldPrefix: "")),
                when: .not(.queryTable("SecurityEvent")), fields: ["Hashes"]),
            dropInitiated,
            PipelineStep(id: "unsupported_fields", action: .rejectUnknownFields),
        ]
    )

    /// Sysmon's abbreviated hive names to the full names the tables hold. `CurrentControlSet` goes first so
    /// the `HKLM` rewrite does not pre-empt it.
    private static func registryKeyRewrites(first: Set<String>, rest: Set<String>) -> [PipelineStep] {
        [
            PipelineStep(id: "registry_key_replace_currentcontrolset",
                         action: .rewriteValues(.replacePrefix(#"HKLM\SYSTEM\CurrentControlSet"#,
                                                               with: #"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet001"#)),
                         fields: first),
            PipelineStep(id: "registry_key_replace_hklm",
                         action: .rewriteValues(.replacePrefix("HKLM", with: "HKEY_LOCAL_MACHINE")), fields: rest),
            PipelineStep(id: "registry_key_replace_hku",
                         action: .rewriteValues(.replacePrefix("HKU", with: "HKEY_USERS")), fields: rest),
            PipelineStep(id: "registry_key_replace_hkcr",
                         action: .rewriteValues(.replacePrefix("HKCR", with: #"HKEY_LOCAL_MACHINE\CLASSES"#)), fields: rest),
        ]
    }

    /// Sysmon's `Initiated` has no column: network connection rules ignore it.
    private static let dropInitiated = PipelineStep(id: "network_initiated_field", action: .dropItems,
                                                    when: .category("network_connection"), fields: ["Initiated"])
}
