#!/usr/bin/env python3
"""Writes N flattened Windows events (Sysmon and Security) as JSON Lines, deterministically (seeded).

  Scripts/gen-events.py N OUT.jsonl

A yardstick input for the evaluation benchmark: the mix and field sets of a workstation's Sysmon and
Security logs (process creation, network, file, registry, image load, logons, PowerShell script blocks),
flattened as the Sigma field convention says.
"""
import json
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(42)
hosts = [f"WKS-{i:03d}.corp.example.com" for i in range(40)]
users = ["CORP\\alice", "CORP\\bob", "CORP\\svc_backup", "NT AUTHORITY\\SYSTEM", "CORP\\carol"]
images = [
    ("C:\\Windows\\System32\\svchost.exe", "svchost.exe", "-k netsvcs -p -s Schedule"),
    ("C:\\Windows\\explorer.exe", "EXPLORER.EXE", ""),
    ("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "chrome.exe", "--type=renderer --lang=en-US"),
    ("C:\\Windows\\System32\\cmd.exe", "Cmd.Exe", "/c dir C:\\Users"),
    ("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "PowerShell.EXE", "-NoProfile -Command Get-Process"),
    ("C:\\Windows\\System32\\conhost.exe", "CONHOST.EXE", "0xffffffff -ForceV1"),
    ("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE", "WinWord.exe", "/n \"C:\\Users\\alice\\Documents\\report.docx\""),
    ("C:\\Windows\\System32\\rundll32.exe", "RUNDLL32.EXE", "shell32.dll,Control_RunDLL"),
    ("C:\\Windows\\System32\\whoami.exe", "whoami.exe", "/all"),
    ("C:\\Windows\\System32\\net.exe", "net.exe", "user /domain"),
    ("C:\\Windows\\System32\\reg.exe", "reg.exe", "query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
    ("C:\\Windows\\System32\\schtasks.exe", "schtasks.exe", "/query /fo LIST"),
]
parents = ["C:\\Windows\\explorer.exe", "C:\\Windows\\System32\\services.exe", "C:\\Windows\\System32\\svchost.exe",
           "C:\\Windows\\System32\\cmd.exe"]
sysmon = "Microsoft-Windows-Sysmon/Operational"


def guid():
    return "{%08X-%04X-%04X-%04X-%012X}" % (rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(16),
                                          rnd.getrandbits(16), rnd.getrandbits(48))


def base(eid, channel, provider):
    return {"EventID": eid, "Channel": channel, "Provider_Name": provider, "Computer": rnd.choice(hosts),
            "TimeCreated_SystemTime": "2026-11-%02dT%02d:%02d:%02d.%06dZ" % (rnd.randint(1, 30), rnd.randint(0, 23),
                                                                             rnd.randint(0, 59), rnd.randint(0, 59), rnd.randint(0, 999999)),
            "EventRecordID": rnd.randint(1, 10**7), "Execution_ProcessID": rnd.randint(400, 9000)}


def proc_creation():
    image, ofn, args = rnd.choice(images)
    parent = rnd.choice(parents)
    e = base(1, sysmon, "Microsoft-Windows-Sysmon")
    e.update({"RuleName": "-", "UtcTime": e["TimeCreated_SystemTime"][:19].replace("T", " "), "ProcessGuid": guid(),
              "ProcessId": rnd.randint(1000, 60000), "Image": image, "FileVersion": "10.0.19041.1", "Description": ofn,
              "Product": "Microsoft® Windows® Operating System", "Company": "Microsoft Corporation",
              "OriginalFileName": ofn, "CommandLine": f"\"{image}\" {args}".strip(), "CurrentDirectory": "C:\\Windows\\system32\\",
              "User": rnd.choice(users), "LogonGuid": guid(), "LogonId": hex(rnd.getrandbits(24)), "TerminalSessionId": 1,
              "IntegrityLevel": rnd.choice(["Medium", "High", "System"]),
              "Hashes": "SHA256=%064X,IMPHASH=%032X" % (rnd.getrandbits(256), rnd.getrandbits(128)),
              "ParentProcessGuid": guid(), "ParentProcessId": rnd.randint(400, 9000), "ParentImage": parent,
              "ParentCommandLine": parent, "ParentUser": rnd.choice(users)})
    return e


def network():
    image = rnd.choice(images)[0]
    e = base(3, sysmon, "Microsoft-Windows-Sysmon")
    e.update({"RuleName": "-", "ProcessGuid": guid(), "ProcessId": rnd.randint(1000, 60000), "Image": image,
              "User": rnd.choice(users), "Protocol": "tcp", "Initiated": "true", "SourceIsIpv6": "false",
              "SourceIp": f"10.1.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}", "SourceHostname": rnd.choice(hosts),
              "SourcePort": rnd.randint(49152, 65535), "DestinationIsIpv6": "false",
              "DestinationIp": f"{rnd.randint(1, 223)}.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}",
              "DestinationHostname": rnd.choice(["www.example.com", "login.microsoftonline.com", "-"]),
              "DestinationPort": rnd.choice([443, 80, 445, 53, 8080]), "DestinationPortName": "https"})
    return e


def file_event():
    e = base(11, sysmon, "Microsoft-Windows-Sysmon")
    user = rnd.choice(["alice", "bob", "carol"])
    e.update({"RuleName": "-", "ProcessGuid": guid(), "ProcessId": rnd.randint(1000, 60000), "Image": rnd.choice(images)[0],
              "TargetFilename": rnd.choice([f"C:\\Users\\{user}\\AppData\\Local\\Temp\\tmp{rnd.getrandbits(16):04x}.tmp",
                                            f"C:\\Users\\{user}\\Downloads\\invoice_{rnd.randint(1, 999)}.pdf",
                                            "C:\\Windows\\Prefetch\\CHROME.EXE-%08X.pf" % rnd.getrandbits(32)]),
              "CreationUtcTime": "2026-11-02 10:00:00.000", "User": rnd.choice(users)})
    return e


def registry():
    e = base(13, sysmon, "Microsoft-Windows-Sysmon")
    e.update({"RuleName": "-", "EventType": "SetValue", "ProcessGuid": guid(), "ProcessId": rnd.randint(1000, 60000),
              "Image": rnd.choice(images)[0],
              "TargetObject": rnd.choice(["HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\.docx",
                                          "HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-21-1",
                                          "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\LastUpdate"]),
              "Details": rnd.choice(["DWORD (0x00000001)", "Binary Data", "C:\\Program Files\\App\\app.exe"]),
              "User": rnd.choice(users)})
    return e


def image_load():
    e = base(7, sysmon, "Microsoft-Windows-Sysmon")
    e.update({"RuleName": "-", "ProcessGuid": guid(), "ProcessId": rnd.randint(1000, 60000), "Image": rnd.choice(images)[0],
              "ImageLoaded": rnd.choice(["C:\\Windows\\System32\\ntdll.dll", "C:\\Windows\\System32\\kernel32.dll",
                                         "C:\\Windows\\System32\\combase.dll"]),
              "FileVersion": "10.0.19041.1", "Description": "NT Layer DLL", "Product": "Microsoft® Windows® Operating System",
              "Company": "Microsoft Corporation", "OriginalFileName": "ntdll.dll", "Hashes": "SHA256=%064X" % rnd.getrandbits(256),
              "Signed": "true", "Signature": "Microsoft Windows", "SignatureStatus": "Valid", "User": rnd.choice(users)})
    return e


def security():
    eid = rnd.choice([4624, 4624, 4688, 4625, 4634, 4672])
    e = base(eid, "Security", "Microsoft-Windows-Security-Auditing")
    e.update({"SubjectUserSid": "S-1-5-18", "SubjectUserName": "WKS$", "SubjectDomainName": "CORP", "SubjectLogonId": "0x3e7",
              "TargetUserSid": "S-1-5-21-1-%d" % rnd.randint(1000, 1100), "TargetUserName": rnd.choice(["alice", "bob", "carol"]),
              "TargetDomainName": "CORP", "LogonType": rnd.choice([2, 3, 5, 7, 10]), "LogonProcessName": "User32",
              "AuthenticationPackageName": rnd.choice(["Negotiate", "NTLM", "Kerberos"]), "WorkstationName": rnd.choice(hosts),
              "IpAddress": f"10.1.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}", "IpPort": rnd.randint(0, 65535),
              "ProcessName": rnd.choice(images)[0]})
    if eid == 4688:
        image, _, args = rnd.choice(images)
        e.update({"NewProcessName": image, "CommandLine": f"{image} {args}", "ParentProcessName": rnd.choice(parents)})
    return e


def powershell():
    e = base(4104, "Microsoft-Windows-PowerShell/Operational", "Microsoft-Windows-PowerShell")
    e.update({"MessageNumber": 1, "MessageTotal": 1, "ScriptBlockId": guid(), "Path": "",
              "ScriptBlockText": rnd.choice(["Get-ChildItem -Path C:\\Users -Recurse | Measure-Object",
                                             "Import-Module ActiveDirectory; Get-ADUser -Filter *",
                                             "$env:PSModulePath -split ';'"])})
    return e


kinds = [(proc_creation, 40), (network, 15), (file_event, 15), (registry, 10), (image_load, 5), (security, 10), (powershell, 5)]
table = [k for k, w in kinds for _ in range(w)]
with open(out, "w") as f:
    for _ in range(n):
        f.write(json.dumps(rnd.choice(table)(), ensure_ascii=False))
        f.write("\n")
