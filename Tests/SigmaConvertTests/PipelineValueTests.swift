import Testing
import SigmaKit
@testable import SigmaConvert

/// Value transformations of the kusto pipelines; expectations come from pySigma-backend-kusto 1.0.1.
struct PipelineValueTests {
    typealias F = PipelineFixture

    static let hashes = F.rule(category: "process_creation", [
        ("selection", F.map(F.item("Hashes", ["*SHA256=AAAA*", "*IMPHASH=BBBB*", "*MD5=CCCC*", "*SHA1=DDDD*"].map(F.s),
                                   modifiers: [.contains]))),
    ])

    @Test func hashesSplitByAlgorithm() throws {
        #expect(try F.apply("sentinel_asim", Self.hashes).detections["selection"]
            == "and(or(TargetProcessSHA256=[s:AAAA*], TargetProcessIMPHASH=[s:BBBB*], TargetProcessMD5=[s:CCCC*], TargetProcessSHA1=[s:DDDD*]))")
        // XDR has no IMPHASH column: that value is left out.
        #expect(try F.apply("microsoft_xdr", Self.hashes).detections["selection"]
            == "and(or(SHA256=[s:AAAA*], MD5=[s:CCCC*], SHA1=[s:DDDD*]))")
        // Azure's SecurityEvent has one FileHash column for every algorithm.
        #expect(try F.apply("azure_monitor", Self.hashes).detections["selection"]
            == "and(or(FileHash=[s:AAAA*, s:BBBB*, s:CCCC*, s:DDDD*]))")
    }

    @Test func bareHashesRecognisedByLength() throws {
        let md5 = String(repeating: "a", count: 32), sha1 = String(repeating: "b", count: 40)
        let rule = F.rule(category: "file_event", [
            ("selection", F.map(F.item("Hashes", [F.s(md5), F.s(sha1), F.s("SHA256|cc")]))),
        ])
        #expect(try F.apply("sentinel_asim", rule).detections["selection"]
            == "and(or(TargetFileMD5=[s:\(md5)], TargetFileSHA1=[s:\(sha1)], TargetFileSHA256=[s:cc]))")
    }

    @Test func hashesWithoutValidAlgorithmFail() {
        let rule = F.rule(category: "process_creation", [
            ("selection", F.map(F.item("Hashes", [F.s("*IMPHASH=BBBB*")]))),
        ])
        #expect(F.error("microsoft_xdr", rule)?.kind == .unsupported)
        #expect(F.error("azure_monitor", rule)?.kind == .unsupported)
        #expect(F.error("sentinel_asim", rule) == nil)
    }

    static let registry = F.rule(category: "registry_set", [
        ("selection", F.map(
            F.item("EventType", [F.s("SetValue")]),
            F.item("TargetObject", [#"HKLM\SYSTEM\CurrentControlSet\Services\*"#, #"HKLM\Software\x*"#, #"hku\x*"#,
                                    #"HKCR\CLSID*"#, #"*\HKLM\y"#].map(F.s), modifiers: [.startswith]))),
        ("sel2", F.map(F.item("TargetObject", [F.s(#"*\Run*"#)]), F.item("EventType", [F.s("DeleteKey")]))),
    ])

    @Test func registryHivesAndActionTypes() throws {
        let keys = #"RegistryKey=[s:HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet001\Services\*, s:HKEY_LOCAL_MACHINE\Software\x*, s:HKEY_USERS\x*, s:HKEY_LOCAL_MACHINE\CLASSES\CLSID*, s:*\HKLM\y]"#
        let asim = try F.apply("sentinel_asim", Self.registry)
        #expect(asim.table == "imRegistry")
        #expect(asim.detections["selection"] == "and(EventType=[s:RegistryValueSet], \(keys))")
        #expect(asim.detections["sel2"] == #"and(RegistryKey=[s:*\Run*], EventType=[s:RegistryKeyDeleted, s:RegistryValueDeleted])"#)
        let xdr = try F.apply("microsoft_xdr", Self.registry)
        #expect(xdr.detections["selection"] == "and(ActionType=[s:RegistryValueSet], \(keys))")
        #expect(xdr.detections["sel2"] == #"and(RegistryKey=[s:*\Run*], ActionType=[s:RegistryKeyDeleted, s:RegistryValueDeleted])"#)
    }

    @Test func registryRewriteOnAzureObjectName() throws {
        let rule = F.rule(category: "registry_event", [
            ("selection", F.map(F.item("TargetObject", [F.s(#"HKLM\SOFTWARE\a"#)]))),
        ])
        #expect(try F.apply("azure_monitor", rule).detections["selection"] == #"and(ObjectName=[s:HKEY_LOCAL_MACHINE\SOFTWARE\a])"#)
    }

    @Test func literalWildcardsSurviveRewrite() throws {
        // `\*` is a literal star: it must stay literal after the text round trip.
        let rule = F.rule(category: "registry_set", [
            ("selection", F.map(F.item("TargetObject", [F.s(#"HKU\a\*b*"#)]))),
        ])
        let processed = try #require(KustoPipelines.named("microsoft_xdr")).apply(to: rule)
        guard case .item(let item)? = processed.rule.detection.named.first?.body.nodes.first,
              case .string(let s, _)? = item.values.first else {
            Issue.record("no string item")
            return
        }
        #expect(s.parts == [.text(#"HKEY_USERS\a*b"#), .wildcardMulti])
    }

    @Test func backslashBeforeWildcardBecomesEscapeAsInReference() throws {
        // `HKCU\x\\*` is the text `HKCU\x\` then a wildcard; the reference's text round trip reads `\*` as an
        // escaped star, so the value becomes the literal `HKCU\x*` (even without a hive rewrite).
        let rule = F.rule(category: "registry_set", [
            ("selection", F.map(F.item("TargetObject", [F.s(#"HKCU\x\\*"#)]))),
        ])
        #expect(try F.apply("microsoft_xdr", rule).detections["selection"] == #"and(RegistryKey=[s:HKCU\x\*])"#)
    }

    @Test func domainUserSplitOnXDR() throws {
        let rule = F.rule(category: "process_creation", [
            ("selection", F.map(F.item("User", [#"*NT AUTHORITY\SYSTEM*"#, "*admin*"].map(F.s), modifiers: [.contains]),
                                F.item("ParentUser", [F.s(#"DOM\svc"#)]))),
        ])
        #expect(try F.apply("microsoft_xdr", rule).detections["selection"]
            == #"and(or(and(AccountName=[s:SYSTEM*], AccountDomain=[s:*NT AUTHORITY]), and(AccountName=[s:*admin*])), or(and(InitiatingProcessAccountName=[s:svc], InitiatingProcessAccountDomain=[s:DOM])))"#)
    }

    @Test func parentImageBecomesFileNameOutsideProcessCreation() throws {
        let rule = F.rule(category: "file_event", [
            ("selection", F.map(F.item("ParentImage", [F.s(#"*\cmd.exe"#), F.s("/usr/bin/bash")]),
                                F.item("Image", [F.s(#"C:\x\y.exe"#)]))),
        ])
        #expect(try F.apply("microsoft_xdr", rule).detections["selection"]
            == #"and(InitiatingProcessParentFileName=[s:cmd.exe, s:bash], InitiatingProcessFolderPath=[s:C:\x\y.exe])"#)
        #expect(try F.apply("sentinel_asim", rule).detections["selection"]
            == #"and(ActingProcessName=[s:*\cmd.exe, s:/usr/bin/bash], TargetFilePath=[s:C:\x\y.exe])"#)
    }

    @Test func nonStringValueInRewrittenFieldFails() {
        let rule = F.rule(category: "file_event", [("selection", F.map(F.item("ParentImage", [F.n(3)])))])
        #expect(F.error("microsoft_xdr", rule)?.kind == .unsupported)
    }
}
