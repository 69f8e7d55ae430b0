import SigmaKit

/// Windows log sources as channels and event IDs, as pySigma's `sysmon_pipeline` followed by
/// `windows_logsource_pipeline` derive them (the conditions a converted query gains).
public enum LogsourceMapping {
    /// What a rule's log source requires of an event.
    public enum Outcome: Sendable, Equatable {
        /// Field conditions (ANDed; any value of each).
        case conditions([Condition])
        /// Not a Windows log source: these pipelines give it no conditions, so no event is taken for it.
        case notWindows
        /// A Windows log source the pipelines do not know.
        case notMapped
    }

    public struct Condition: Sendable, Equatable {
        public var field: String
        public var values: [String]
        public init(field: String, values: [String]) {
            self.field = field
            self.values = values
        }
    }

    static let sysmonEventIDs: [String: [Int]] = [
        "process_creation": [1], "file_change": [2], "network_connection": [3], "sysmon_status": [4, 16],
        "process_termination": [5], "driver_load": [6], "image_load": [7], "create_remote_thread": [8],
        "raw_access_thread": [9], "process_access": [10], "file_event": [11], "registry_add": [12],
        "registry_delete": [12], "registry_set": [13], "registry_rename": [14], "registry_event": [12, 13, 14],
        "create_stream_hash": [15], "pipe_created": [17, 18], "wmi_event": [19, 20, 21], "dns_query": [22],
        "file_delete": [23], "clipboard_capture": [24], "process_tampering": [25], "file_delete_detected": [26],
        "file_block_executable": [27], "file_block_shredding": [28], "file_executable_detected": [29],
        "sysmon_error": [255],
    ]

    static let windowsCategories: [String: (service: String, eventID: Int)] = [
        "ps_module": ("powershell", 4103), "ps_script": ("powershell", 4104),
        "ps_classic_start": ("powershell-classic", 400), "ps_classic_provider_start": ("powershell-classic", 600),
        "ps_classic_script": ("powershell-classic", 800),
    ]

    static let channels: [String: [String]] = [
        "security": ["Security"], "application": ["Application"], "system": ["System"],
        "sysmon": ["Microsoft-Windows-Sysmon/Operational"],
        "powershell": ["Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational"],
        "powershell-classic": ["Windows PowerShell"],
        "taskscheduler": ["Microsoft-Windows-TaskScheduler/Operational"],
        "wmi": ["Microsoft-Windows-WMI-Activity/Operational"], "dns-server": ["DNS Server"],
        "dns-server-audit": ["Microsoft-Windows-DNS-Server/Audit"],
        "dns-server-analytic": ["Microsoft-Windows-DNS-Server/Analytical"],
        "driver-framework": ["Microsoft-Windows-DriverFrameworks-UserMode/Operational"],
        "ntlm": ["Microsoft-Windows-NTLM/Operational"], "dhcp": ["Microsoft-Windows-DHCP-Server/Operational"],
        "msexchange-management": ["MSExchange Management"],
        "applocker": ["Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL",
                      "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution"],
        "printservice-admin": ["Microsoft-Windows-PrintService/Admin"],
        "printservice-operational": ["Microsoft-Windows-PrintService/Operational"],
        "codeintegrity-operational": ["Microsoft-Windows-CodeIntegrity/Operational"],
        "smbclient-security": ["Microsoft-Windows-SmbClient/Security"],
        "firewall-as": ["Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"],
        "bits-client": ["Microsoft-Windows-Bits-Client/Operational"],
        "windefend": ["Microsoft-Windows-Windows Defender/Operational"],
        "terminalservices-localsessionmanager": ["Microsoft-Windows-TerminalServices-LocalSessionManager/Operational"],
        "microsoft-servicebus-client": ["Microsoft-ServiceBus-Client"],
        "ldap_debug": ["Microsoft-Windows-LDAP-Client/Debug"],
        "security-mitigations": ["Microsoft-Windows-Security-Mitigations/Kernel Mode", "Microsoft-Windows-Security-Mitigations/User Mode"],
        "diagnosis-scripted": ["Microsoft-Windows-Diagnosis-Scripted/Operational"],
        "shell-core": ["Microsoft-Windows-Shell-Core/Operational"], "openssh": ["OpenSSH/Operational"],
        "bitlocker": ["Microsoft-Windows-BitLocker/BitLocker Management"], "vhdmp": ["Microsoft-Windows-VHDMP/Operational"],
        "appxdeployment-server": ["Microsoft-Windows-AppXDeploymentServer/Operational"],
        "lsa-server": ["Microsoft-Windows-LSA/Operational"], "appxpackaging-om": ["Microsoft-Windows-AppxPackaging/Operational"],
        "dns-client": ["Microsoft-Windows-DNS Client Events/Operational"],
        "appmodel-runtime": ["Microsoft-Windows-AppModel-Runtime/Admin"], "capi2": ["Microsoft-Windows-CAPI2/Operational"],
        "certificateservicesclient-lifecycle-system": ["Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational"],
    ]

    public static func outcome(for logsource: LogSource) -> Outcome {
        guard logsource.product == "windows" else { return .notWindows }
        var service = logsource.service
        var conditions: [Condition] = []
        if let category = logsource.category {
            if let ids = sysmonEventIDs[category] {
                conditions.append(Condition(field: "EventID", values: ids.map(String.init)))
                service = "sysmon"
            }
            if let mapped = windowsCategories[category] {
                conditions.append(Condition(field: "EventID", values: [String(mapped.eventID)]))
                service = mapped.service
            }
        }
        if let service, let names = channels[service] {
            conditions.append(Condition(field: "Channel", values: names))
        }
        return conditions.isEmpty ? .notMapped : .conditions(conditions)
    }
}
