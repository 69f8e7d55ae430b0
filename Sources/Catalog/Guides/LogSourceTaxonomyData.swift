// The Sigma taxonomy appendix as data: which log a log source means (product, category, service, then what the
// appendix says must be collected). Encoded from the Sigma specification's taxonomy appendix; one entry a line.
enum LogSourceTaxonomyData {
    static let text = #"""
django	application		
python	application		
rpc_firewall	application		
ruby_on_rails	application		
spring	application		
sql	application		
	antivirus		antivirus detection message (format depends on the editor)
	database		sql queries log (drop, select,...)
aws		cloudtrail	
azure		activitylogs	
azure		auditlogs	
azure		riskdetection	
azure		pim	
azure		signinlogs	
bitbucket		audit	
cisco		duo	
gcp		gcp.audit	
gcp		google_workspace.admin	
github		audit	organization Audit log
m365		audit	
m365		exchange	
m365		threat_detection	
m365		threat_management	
okta		okta	
onelogin		onelogin.events	
linux	file_event		EventID: 11; service: sysmon
linux	network_connection		EventID: 3; service: sysmon
linux	process_creation		EventID: 1; service: sysmon
linux		auditd	auditd.log
linux		auth	auth.log
linux		clamav	
linux		cron	
linux		guacamole	
linux		sudo	
linux		sshd	
linux		syslog	
linux		vsftpd	
macos	file_event		
macos	process_creation		
cisco		aaa	
cisco		bgp	
cisco		ldp	
huawei		ldp	
juniper		ldp	
zeek		dce_rpc	
zeek		dns	
zeek		http	
zeek		kerberos	
zeek		rdp	
zeek		smb_files	
zeek		x509	
	dns		
	firewall		
	proxy		
	webserver		
		apache	Application error.log
modsecurity			
windows	process_creation		EventID: 1; Channel: Microsoft-Windows-Sysmon/Operational
windows	file_change		EventID: 2; Channel: Microsoft-Windows-Sysmon/Operational
windows	network_connection		EventID: 3; Channel: Microsoft-Windows-Sysmon/Operational
windows	sysmon_status		EventIDs: 4 16; Channel: Microsoft-Windows-Sysmon/Operational
windows	process_termination		EventID: 5; Channel: Microsoft-Windows-Sysmon/Operational
windows	driver_load		EventID: 6; Channel: Microsoft-Windows-Sysmon/Operational
windows	image_load		EventID: 7; Channel: Microsoft-Windows-Sysmon/Operational
windows	create_remote_thread		EventID: 8; Channel: Microsoft-Windows-Sysmon/Operational
windows	raw_access_thread		EventID: 9; Channel: Microsoft-Windows-Sysmon/Operational
windows	process_access		EventID: 10; Channel: Microsoft-Windows-Sysmon/Operational
windows	file_event		EventID: 11; Channel: Microsoft-Windows-Sysmon/Operational
windows	registry_event		EventID: 12 13 14; Channel: Microsoft-Windows-Sysmon/Operational
windows	registry_add		EventID: 12; Channel: Microsoft-Windows-Sysmon/Operational
windows	registry_delete		EventID: 12; Channel: Microsoft-Windows-Sysmon/Operational
windows	registry_set		EventID: 13; Channel: Microsoft-Windows-Sysmon/Operational
windows	registry_rename		EventID: 14; Channel: Microsoft-Windows-Sysmon/Operational
windows	create_stream_hash		EventID: 15; Channel: Microsoft-Windows-Sysmon/Operational
windows	pipe_created		EventIDs: 17 18; Channel: Microsoft-Windows-Sysmon/Operational
windows	wmi_event		EventIDs: 19 20 21; Channel: Microsoft-Windows-Sysmon/Operational
windows	dns_query		EventID: 22; Channel: Microsoft-Windows-Sysmon/Operational
windows	file_delete		EventID: 23; Channel: Microsoft-Windows-Sysmon/Operational
windows	clipboard_capture		EventID: 24; Channel: Microsoft-Windows-Sysmon/Operational
windows	process_tampering		EventID: 25; Channel: Microsoft-Windows-Sysmon/Operational
windows	file_delete_detected		EventID: 26; Channel: Microsoft-Windows-Sysmon/Operational
windows	file_block_executable		EventID: 27; Channel: Microsoft-Windows-Sysmon/Operational
windows	file_block_shredding		EventID: 28; Channel: Microsoft-Windows-Sysmon/Operational
windows	file_executable_detected		EventID: 29; Channel: Microsoft-Windows-Sysmon/Operational
windows	sysmon_error		EventID: 255; Channel: Microsoft-Windows-Sysmon/Operational
windows	file_access		ETW Provider: Microsoft-Windows-Kernel-File
windows	ps_classic_start		EventID: 400; Channel: Windows PowerShell
windows	ps_classic_provider_start		EventID: 600; Channel: Windows PowerShell
windows	ps_classic_script		EventID: 800; Channel: Windows PowerShell
windows	ps_module		EventID: 4103; Channel: Microsoft-Windows-PowerShell/Operational PowerShellCore/Operational
windows	ps_script		EventID: 4104; Channel: Microsoft-Windows-PowerShell/Operational PowerShellCore/Operational
windows	file_rename		ETW Provider: Microsoft-Windows-Kernel-File
windows		application	Channel: Application
windows		application-experience	Channel: Microsoft-Windows-Application-Experience/Program-Telemetry Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant
windows		applocker	Channel: Microsoft-Windows-AppLocker/MSI and Script Microsoft-Windows-AppLocker/EXE and DLL Microsoft-Windows-AppLocker/Packaged app-Deployment Microsoft-Windows-AppLocker/Packaged app-Execution
windows		appmodel-runtime	Channel: Microsoft-Windows-AppModel-Runtime/Admin
windows		appxdeployment-server	Channel: Microsoft-Windows-AppXDeploymentServer/Operational
windows		appxpackaging-om	Channel: Microsoft-Windows-AppxPackaging/Operational
windows		bitlocker	Channel: Microsoft-Windows-BitLocker/BitLocker Management
windows		bits-client	Channel: Microsoft-Windows-Bits-Client/Operational
windows		capi2	Channel: Microsoft-Windows-CAPI2/Operational
windows		certificateservicesclient-lifecycle-system	Channel: Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational
windows		codeintegrity-operational	Channel: Microsoft-Windows-CodeIntegrity/Operational
windows		dhcp	Channel: Microsoft-Windows-DHCP-Server/Operational
windows		diagnosis-scripted	Channel: Microsoft-Windows-Diagnosis-Scripted/Operational
windows		dns-client	Channel: Microsoft-Windows-DNS Client Events/Operational
windows		dns-server	Channel: DNS Server
windows		dns-server-analytic	Channel: Microsoft-Windows-DNS-Server/Analytical
windows		dns-server-audit	Channel: Microsoft-Windows-DNS-Server/Audit
windows		driver-framework	Channel: Microsoft-Windows-DriverFrameworks-UserMode/Operational
windows		firewall-as	Channel: Microsoft-Windows-Windows Firewall With Advanced Security/Firewall
windows		hyper-v-worker	Channel: Microsoft-Windows-Hyper-V-Worker
windows		iis-configuration	Channel: Microsoft-IIS-Configuration/Operational
windows		kernel-event-tracing	Channel: Microsoft-Windows-Kernel-EventTracing
windows		kernel-shimengine	Channel: Microsoft-Windows-Kernel-ShimEngine/Operational WinEventLog:Microsoft-Windows-Kernel-ShimEngine/Diagnostic
windows		ldap	Channel: Microsoft-Windows-LDAP-Client/Debug
windows		lsa-server	Channel: Microsoft-Windows-LSA/Operational
windows		msexchange-management	Channel: MSExchange Management
windows		ntfs	Channel: Microsoft-Windows-Ntfs/Operational
windows		ntlm	Channel: Microsoft-Windows-NTLM/Operational
windows		openssh	Channel: OpenSSH/Operational
windows		powershell	Channel: Microsoft-Windows-PowerShell/Operational
windows		powershell-classic	Channel: Windows PowerShell
windows		printservice-admin	Channel: Microsoft-Windows-PrintService/Admin
windows		printservice-operational	Channel: Microsoft-Windows-PrintService/Operational
windows		security	Channel: Security
windows		security-mitigations	Channel: Microsoft-Windows-Security-Mitigations/Kernel Mode Microsoft-Windows-Security-Mitigations/User Mode
windows		sense	Channel: Microsoft-Windows-SENSE/Operational
windows		servicebus-client	Channel: Microsoft-ServiceBus-Client/Operational Microsoft-ServiceBus-Client/Admin
windows		shell-core	Channel: Microsoft-Windows-Shell-Core/Operational
windows		smbclient-security	Channel: Microsoft-Windows-SmbClient/Security
windows		sysmon	Channel: Microsoft-Windows-Sysmon/Operational
windows		system	Channel: System
windows		taskscheduler	Channel: Microsoft-Windows-TaskScheduler/Operational
windows		terminalservices-localsessionmanager	Channel: Microsoft-Windows-TerminalServices-LocalSessionManager/Operational
windows		vhdmp	Channel: Microsoft-Windows-VHDMP/Operational
windows		windefend	Channel: Microsoft-Windows-Windows Defender/Operational
windows		wmi	Channel: Microsoft-Windows-WMI-Activity/Operational
	network	connection	networks connection in general
	network	dns	DNS queries in general
			Comment
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
			
"""#
}
