/// Sigma's Windows `service` names and the event log channels they read (pySigma 1.5.1's
/// `windows_logsource_mapping`, in its order), shared by pipelines that add a channel condition.
enum WindowsChannels {
    static let byService: [(service: String, channels: [String])] = [
        ("security", ["Security"]),
        ("application", ["Application"]),
        ("system", ["System"]),
        ("sysmon", ["Microsoft-Windows-Sysmon/Operational"]),
        ("powershell", ["Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational"]),
        ("powershell-classic", ["Windows PowerShell"]),
        ("taskscheduler", ["Microsoft-Windows-TaskScheduler/Operational"]),
        ("wmi", ["Microsoft-Windows-WMI-Activity/Operational"]),
        ("dns-server", ["DNS Server"]),
        ("dns-server-audit", ["Microsoft-Windows-DNS-Server/Audit"]),
        ("dns-server-analytic", ["Microsoft-Windows-DNS-Server/Analytical"]),
        ("driver-framework", ["Microsoft-Windows-DriverFrameworks-UserMode/Operational"]),
        ("ntlm", ["Microsoft-Windows-NTLM/Operational"]),
        ("dhcp", ["Microsoft-Windows-DHCP-Server/Operational"]),
        ("msexchange-management", ["MSExchange Management"]),
        ("applocker", ["Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL", "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution"]),
        ("printservice-admin", ["Microsoft-Windows-PrintService/Admin"]),
        ("printservice-operational", ["Microsoft-Windows-PrintService/Operational"]),
        ("codeintegrity-operational", ["Microsoft-Windows-CodeIntegrity/Operational"]),
        ("smbclient-security", ["Microsoft-Windows-SmbClient/Security"]),
        ("firewall-as", ["Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"]),
        ("bits-client", ["Microsoft-Windows-Bits-Client/Operational"]),
        ("windefend", ["Microsoft-Windows-Windows Defender/Operational"]),
        ("terminalservices-localsessionmanager", ["Microsoft-Windows-TerminalServices-LocalSessionManager/Operational"]),
        ("microsoft-servicebus-client", ["Microsoft-ServiceBus-Client"]),
        ("ldap_debug", ["Microsoft-Windows-LDAP-Client/Debug"]),
        ("security-mitigations", ["Microsoft-Windows-Security-Mitigations/Kernel Mode", "Microsoft-Windows-Security-Mitigations/User Mode"]),
        ("diagnosis-scripted", ["Microsoft-Windows-Diagnosis-Scripted/Operational"]),
        ("shell-core", ["Microsoft-Windows-Shell-Core/Operational"]),
        ("openssh", ["OpenSSH/Operational"]),
        ("bitlocker", ["Microsoft-Windows-BitLocker/BitLocker Management"]),
        ("vhdmp", ["Microsoft-Windows-VHDMP/Operational"]),
        ("appxdeployment-server", ["Microsoft-Windows-AppXDeploymentServer/Operational"]),
        ("lsa-server", ["Microsoft-Windows-LSA/Operational"]),
        ("appxpackaging-om", ["Microsoft-Windows-AppxPackaging/Operational"]),
        ("dns-client", ["Microsoft-Windows-DNS Client Events/Operational"]),
        ("appmodel-runtime", ["Microsoft-Windows-AppModel-Runtime/Admin"]),
        ("capi2", ["Microsoft-Windows-CAPI2/Operational"]),
        ("certificateservicesclient-lifecycle-system", ["Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational"]),
    ]

    /// The channels of a Windows service, if Sigma knows it.
    static func channels(service: String) -> [String]? {
        byService.first { $0.service == service }?.channels
    }
}
