import Testing
import SigmaKit
import SigmaConvert

/// One construct converted by the Elastic targets; expectations are pySigma 1.5.1 with
/// pySigma-backend-elasticsearch 2.1.1 (generated once from the reference, then kept as written here).
struct ElasticGoldenCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case query(String)
        /// Refused; with the reference's message when ours is the same.
        case refused(String?)
    }

    var name: String
    var yaml: String
    /// `target` or `target/pipeline` → the reference's result.
    var expected: KeyValuePairs<String, Expected>

    var testDescription: String { name }
}

/// Golden queries for every construct the Elastic languages and pipelines handle differently: field mapping
/// (ECS, Winlogbeat 6, Zeek), added channel and dataset conditions, value changes (numbers to strings,
/// `network.direction`), quoting and escaping, and what each language refuses.
struct ElasticGoldenTests {
    @Test(arguments: ElasticGoldenCase.all)
    func matchesTheReference(_ golden: ElasticGoldenCase) throws {
        let file = SigmaParser.parse(text: golden.yaml, path: "\(golden.name).yml")
        #expect(file.errors.isEmpty, "\(file.errors)")
        for (key, expected) in golden.expected {
            let parts = key.split(separator: "/").map(String.init)
            let converter = try Converter(target: parts[0], pipeline: parts.count > 1 ? parts[1] : nil)
            let result = converter.convert(file: file)
            switch (expected, result) {
            case (.query(let query), .success(let got)):
                #expect(got == query, "\(golden.name) on \(key)")
            case (.refused(let message), .failure(let error)):
                if let message { #expect(error.message == message, "\(golden.name) on \(key)") }
            case (.query, .failure(let error)):
                Issue.record("\(golden.name) on \(key): refused (\(error.message)), the reference converts it")
            case (.refused, .success(let got)):
                Issue.record("\(golden.name) on \(key): converted to \(got), the reference refuses it")
            }
        }
    }
}

extension ElasticGoldenCase {
    static let all: [ElasticGoldenCase] = [
    ElasticGoldenCase(name: "keyword", yaml: #"""
        title: Case keyword
        id: 6f1a3c2e-0000-4000-8000-000000000001
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          keywords:
            - 'mimikatz'
            - 42
          condition: keywords
        """#, expected: [
            "esql": .refused(#"String value expressions are not supported by the backend."#),
            "eql": .query(#"any where "mimikatz" or 42"#),
            "lucene/ecs_windows": .query(#"*mimikatz* OR *42*"#),
            "esql/ecs_windows": .refused(#"String value expressions are not supported by the backend."#),
            "eql/ecs_windows": .query(#"any where "mimikatz" or "42""#),
            "lucene/ecs_windows_old": .query(#"*mimikatz* OR 42"#),
    ]),
    ElasticGoldenCase(name: "cased", yaml: #"""
        title: Case cased
        id: 6f1a3c2e-0000-4000-8000-000000000002
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            CommandLine|cased: 'Invoke-*Mimi'
          condition: sel
        """#, expected: [
            "esql": .refused(#"Case-sensitive string matching is not supported by backend."#),
            "eql": .query(#"any where CommandLine == "Invoke-*Mimi""#),
            "lucene/ecs_windows": .refused(#"Case-sensitive string matching is not supported by backend."#),
            "esql/ecs_windows": .refused(#"Case-sensitive string matching is not supported by backend."#),
            "eql/ecs_windows": .query(#"any where process.command_line == "Invoke-*Mimi""#),
            "lucene/ecs_windows_old": .refused(#"Case-sensitive string matching is not supported by backend."#),
    ]),
    ElasticGoldenCase(name: "cased_ends", yaml: #"""
        title: Case cased_ends
        id: 6f1a3c2e-0000-4000-8000-000000000003
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            CommandLine|cased|endswith: 'Mimi'
          condition: sel
        """#, expected: [
            "esql": .refused(#"Case-sensitive string matching is not supported by backend."#),
            "eql": .query(#"any where CommandLine == "*Mimi""#),
            "lucene/ecs_windows": .refused(#"Case-sensitive string matching is not supported by backend."#),
            "esql/ecs_windows": .refused(#"Case-sensitive string matching is not supported by backend."#),
            "eql/ecs_windows": .query(#"any where process.command_line == "*Mimi""#),
            "lucene/ecs_windows_old": .refused(#"Case-sensitive string matching is not supported by backend."#),
    ]),
    ElasticGoldenCase(name: "fieldref", yaml: #"""
        title: Case fieldref
        id: 6f1a3c2e-0000-4000-8000-000000000004
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            Image|fieldref: ParentImage
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where Image==ParentImage"#),
            "eql": .refused(#"ES Lucene backend can't handle field references."#),
            "lucene/ecs_windows": .refused(#"ES Lucene backend can't handle field references."#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where process.executable.caseless==process.parent.executable.caseless"#),
            "eql/ecs_windows": .refused(#"ES Lucene backend can't handle field references."#),
            "lucene/ecs_windows_old": .refused(#"ES Lucene backend can't handle field references."#),
    ]),
    ElasticGoldenCase(name: "fieldref_sw", yaml: #"""
        title: Case fieldref_sw
        id: 6f1a3c2e-0000-4000-8000-000000000005
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            Image|fieldref|startswith: ParentImage
          condition: sel
        """#, expected: [
            "esql": .refused(#"Field reference startswith expression is not supported by backend."#),
            "eql": .refused(#"ES Lucene backend can't handle field references."#),
            "lucene/ecs_windows": .refused(#"ES Lucene backend can't handle field references."#),
            "esql/ecs_windows": .refused(#"Field reference startswith expression is not supported by backend."#),
            "eql/ecs_windows": .refused(#"ES Lucene backend can't handle field references."#),
            "lucene/ecs_windows_old": .refused(#"ES Lucene backend can't handle field references."#),
    ]),
    ElasticGoldenCase(name: "null", yaml: #"""
        title: Case null
        id: 6f1a3c2e-0000-4000-8000-000000000006
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            Image: null
          other:
            User: null
          condition: sel and not other
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where Image is null and not User is null"#),
            "eql": .query(#"any where (?Image == null) and ?User != null"#),
            "lucene/ecs_windows": .query(#"(NOT _exists_:process.executable.caseless) AND _exists_:user.name"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where process.executable.caseless is null and not user.name is null"#),
            "eql/ecs_windows": .query(#"any where (?process.executable.caseless == null) and ?user.name != null"#),
            "lucene/ecs_windows_old": .query(#"(NOT _exists_:event_data.Image) AND _exists_:event_data.User"#),
    ]),
    ElasticGoldenCase(name: "exists", yaml: #"""
        title: Case exists
        id: 6f1a3c2e-0000-4000-8000-000000000007
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            Image|exists: true
            User|exists: false
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where Image is not null and User is null"#),
            "eql": .refused(#"Field exists expressions are not supported by the backend."#),
            "lucene/ecs_windows": .query(#"_exists_:process.executable.caseless AND NOT _exists_:user.name"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where process.executable.caseless is not null and user.name is null"#),
            "eql/ecs_windows": .refused(#"Field exists expressions are not supported by the backend."#),
            "lucene/ecs_windows_old": .query(#"_exists_:event_data.Image AND NOT _exists_:event_data.User"#),
    ]),
    ElasticGoldenCase(name: "exists_true", yaml: #"""
        title: Case exists_true
        id: 6f1a3c2e-0000-4000-8000-000000000008
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            Image|exists: true
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where Image is not null"#),
            "eql": .refused(#"Field exists expressions are not supported by the backend."#),
            "lucene/ecs_windows": .query(#"_exists_:process.executable.caseless"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where process.executable.caseless is not null"#),
            "eql/ecs_windows": .refused(#"Field exists expressions are not supported by the backend."#),
            "lucene/ecs_windows_old": .query(#"_exists_:event_data.Image"#),
    ]),
    ElasticGoldenCase(name: "cidr", yaml: #"""
        title: Case cidr
        id: 6f1a3c2e-0000-4000-8000-000000000009
        status: test
        logsource: {product: windows, category: network_connection}
        detection:
          sel:
            DestinationIp|cidr:
              - '10.0.0.0/8'
              - 'fe80::/10'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where cidr_match(DestinationIp, "10.0.0.0/8") or cidr_match(DestinationIp, "fe80::/10")"#),
            "eql": .query(#"any where cidrMatch(DestinationIp, "10.0.0.0/8") or cidrMatch(DestinationIp, "fe80::/10")"#),
            "lucene/ecs_windows": .query(#"destination.ip:10.0.0.0\/8 OR destination.ip:fe80\:\:\/10"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where cidr_match(destination.ip, "10.0.0.0/8") or cidr_match(destination.ip, "fe80::/10")"#),
            "eql/ecs_windows": .query(#"any where cidrMatch(destination.ip, "10.0.0.0/8") or cidrMatch(destination.ip, "fe80::/10")"#),
            "lucene/ecs_windows_old": .query(#"event_data.DestinationIp:10.0.0.0\/8 OR event_data.DestinationIp:fe80\:\:\/10"#),
    ]),
    ElasticGoldenCase(name: "regex", yaml: #"""
        title: Case regex
        id: 6f1a3c2e-0000-4000-8000-000000000010
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            CommandLine|re: 'a"b/c\\d+'
          flags:
            Image|re|i: '^C:\\Windows'
          condition: sel or flags
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where CommandLine rlike "a\"b/c\\\\d+" or Image rlike "(?i)^C:\\\\Windows""#),
            "eql": .query(#"any where CommandLine regex~ "a"b\/c\\\\d+" or Image regex~ "(?i)^C:\\\\Windows""#),
            "lucene/ecs_windows": .query(#"process.command_line:/a"b\/c\\d+/ OR process.executable.caseless:/(?i)^C:\\Windows/"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where process.command_line rlike "a\"b/c\\\\d+" or process.executable.caseless rlike "(?i)^C:\\\\Windows""#),
            "eql/ecs_windows": .query(#"any where process.command_line regex~ "a"b\/c\\\\d+" or process.executable.caseless regex~ "(?i)^C:\\\\Windows""#),
            "lucene/ecs_windows_old": .query(#"event_data.CommandLine:/a"b\/c\\d+/ OR event_data.Image:/(?i)^C:\\Windows/"#),
    ]),
    ElasticGoldenCase(name: "compare", yaml: #"""
        title: Case compare
        id: 6f1a3c2e-0000-4000-8000-000000000011
        status: test
        logsource: {product: windows, service: security}
        detection:
          sel:
            EventID: 4625
            LogonType|gte: 3
            Count|lt: 10
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where EventID==4625 and LogonType>=3 and Count<10"#),
            "eql": .query(#"any where EventID:4625 and LogonType >= 3 and Count < 10"#),
            "lucene/ecs_windows": .query(#"winlog.channel:Security AND (event.code:4625 AND winlog.event_data.LogonType:>=3 AND winlog.event_data.Count:<10)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="Security" and event.code=="4625" and winlog.event_data.LogonType>=3 and winlog.event_data.Count<10"#),
            "eql/ecs_windows": .query(#"any where winlog.channel:"Security" and (event.code:"4625" and winlog.event_data.LogonType >= 3 and winlog.event_data.Count < 10)"#),
            "lucene/ecs_windows_old": .query(#"winlog.channel:Security AND (event_id:4625 AND event_data.LogonType:>=3 AND event_data.Count:<10)"#),
    ]),
    ElasticGoldenCase(name: "bool", yaml: #"""
        title: Case bool
        id: 6f1a3c2e-0000-4000-8000-000000000012
        status: test
        logsource: {product: windows, category: network_connection}
        detection:
          sel:
            Initiated: true
            DestinationPort: 445
            SourcePort:
              - 1
              - 2
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where Initiated==true and DestinationPort==445 and (SourcePort in (1, 2))"#),
            "eql": .query(#"any where Initiated:true and DestinationPort:445 and (SourcePort like~ (1, 2))"#),
            "lucene/ecs_windows": .query(#"network.direction:egress AND destination.port:445 AND (source.port:(1 OR 2))"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where network.direction=="egress" and destination.port==445 and (source.port in (1, 2))"#),
            "eql/ecs_windows": .query(#"any where network.direction:"egress" and destination.port:445 and (source.port like~ (1, 2))"#),
            "lucene/ecs_windows_old": .query(#"event_data.Initiated:true AND event_data.DestinationPort:445 AND (event_data.SourcePort:(1 OR 2))"#),
    ]),
    ElasticGoldenCase(name: "initiated_false", yaml: #"""
        title: Case initiated_false
        id: 6f1a3c2e-0000-4000-8000-000000000013
        status: test
        logsource: {product: windows, category: network_connection}
        detection:
          sel:
            Initiated: false
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where Initiated==false"#),
            "eql": .query(#"any where Initiated:false"#),
            "lucene/ecs_windows": .query(#"network.direction:ingress"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where network.direction=="ingress""#),
            "eql/ecs_windows": .query(#"any where network.direction:"ingress""#),
            "lucene/ecs_windows_old": .query(#"event_data.Initiated:false"#),
    ]),
    ElasticGoldenCase(name: "initiated_str", yaml: #"""
        title: Case initiated_str
        id: 6f1a3c2e-0000-4000-8000-000000000014
        status: test
        logsource: {product: windows, category: network_connection}
        detection:
          sel:
            Initiated: 'true'
            Protocol: tcp
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where Initiated=="true" and Protocol=="tcp""#),
            "eql": .query(#"any where Initiated:"true" and Protocol:"tcp""#),
            "lucene/ecs_windows": .query(#"network.direction:true AND network.transport:tcp"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where network.direction=="true" and network.transport=="tcp""#),
            "eql/ecs_windows": .query(#"any where network.direction:"true" and network.transport:"tcp""#),
            "lucene/ecs_windows_old": .query(#"event_data.Initiated:true AND event_data.Protocol:tcp"#),
    ]),
    ElasticGoldenCase(name: "lists", yaml: #"""
        title: Case lists
        id: 6f1a3c2e-0000-4000-8000-000000000015
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            Image|endswith:
              - '\\cmd.exe'
              - '\\powershell.exe'
            OriginalFileName:
              - 'Cmd.Exe'
              - 'PowerShell.EXE'
            CommandLine|contains|all:
              - ' -enc '
              - 'abc'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where (ends_with(Image, "\\cmd.exe") or ends_with(Image, "\\powershell.exe")) and (OriginalFileName in ("Cmd.Exe", "PowerShell.EXE")) and CommandLine like "* -enc *" and CommandLine like "*abc*""#),
            "eql": .query(#"any where (Image like~ ("*\\cmd.exe", "*\\powershell.exe")) and (OriginalFileName like~ ("Cmd.Exe", "PowerShell.EXE")) and (CommandLine:"* -enc *" and CommandLine:"*abc*")"#),
            "lucene/ecs_windows": .query(#"(process.executable.caseless:(*\\cmd.exe OR *\\powershell.exe)) AND (process.pe.original_file_name:(Cmd.Exe OR PowerShell.EXE)) AND (process.command_line:*\ \-enc\ * AND process.command_line:*abc*)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where (ends_with(process.executable.caseless, "\\cmd.exe") or ends_with(process.executable.caseless, "\\powershell.exe")) and (process.pe.original_file_name in ("Cmd.Exe", "PowerShell.EXE")) and process.command_line like "* -enc *" and process.command_line like "*abc*""#),
            "eql/ecs_windows": .query(#"any where (process.executable.caseless like~ ("*\\cmd.exe", "*\\powershell.exe")) and (process.pe.original_file_name like~ ("Cmd.Exe", "PowerShell.EXE")) and (process.command_line:"* -enc *" and process.command_line:"*abc*")"#),
            "lucene/ecs_windows_old": .query(#"(event_data.Image:(*\\cmd.exe OR *\\powershell.exe)) AND (event_data.OriginalFileName:(Cmd.Exe OR PowerShell.EXE)) AND (event_data.CommandLine:*\ \-enc\ * AND event_data.CommandLine:*abc*)"#),
    ]),
    ElasticGoldenCase(name: "wild", yaml: #"""
        title: Case wild
        id: 6f1a3c2e-0000-4000-8000-000000000016
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            CommandLine:
              - 'a?b*c'
              - 'x\\*y'
              - 'say "hi"'
              - ''
            ParentImage|startswith: 'C:\\Temp\\'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where (CommandLine like "a?b*c" or CommandLine like "x\\*y" or CommandLine=="say \"hi\"" or CommandLine=="") and starts_with(ParentImage, "C:\\Temp\\")"#),
            "eql": .query(#"any where (CommandLine like~ ("a?b*c", "x\\*y", "say \"hi\"", "")) and ParentImage:"C:\\Temp\\*""#),
            "lucene/ecs_windows": .query(#"(process.command_line:(a?b*c OR x\\*y OR "say \"hi\"" OR "")) AND process.parent.executable.caseless:C\:\\Temp\\*"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where (process.command_line like "a?b*c" or process.command_line like "x\\*y" or process.command_line=="say \"hi\"" or process.command_line=="") and starts_with(process.parent.executable.caseless, "C:\\Temp\\")"#),
            "eql/ecs_windows": .query(#"any where (process.command_line like~ ("a?b*c", "x\\*y", "say \"hi\"", "")) and process.parent.executable.caseless:"C:\\Temp\\*""#),
            "lucene/ecs_windows_old": .query(#"(event_data.CommandLine:(a?b*c OR x\\*y OR "say \"hi\"" OR "")) AND event_data.ParentImage:C\:\\Temp\\*"#),
    ]),
    ElasticGoldenCase(name: "windash", yaml: #"""
        title: Case windash
        id: 6f1a3c2e-0000-4000-8000-000000000017
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            CommandLine|windash|contains: ' -exec '
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where CommandLine like "* -exec *" or CommandLine like "* /exec *" or CommandLine like "* –exec *" or CommandLine like "* —exec *" or CommandLine like "* ―exec *""#),
            "eql": .query(#"any where CommandLine like~ ("* -exec *", "* /exec *", "* –exec *", "* —exec *", "* ―exec *")"#),
            "lucene/ecs_windows": .query(#"process.command_line:(*\ \-exec\ * OR *\ \/exec\ * OR *\ –exec\ * OR *\ —exec\ * OR *\ ―exec\ *)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where process.command_line like "* -exec *" or process.command_line like "* /exec *" or process.command_line like "* –exec *" or process.command_line like "* —exec *" or process.command_line like "* ―exec *""#),
            "eql/ecs_windows": .query(#"any where process.command_line like~ ("* -exec *", "* /exec *", "* –exec *", "* —exec *", "* ―exec *")"#),
            "lucene/ecs_windows_old": .query(#"event_data.CommandLine:(*\ \-exec\ * OR *\ \/exec\ * OR *\ –exec\ * OR *\ —exec\ * OR *\ ―exec\ *)"#),
    ]),
    ElasticGoldenCase(name: "b64", yaml: #"""
        title: Case b64
        id: 6f1a3c2e-0000-4000-8000-000000000018
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            CommandLine|base64offset|contains: 'http'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where CommandLine like "*aHR0c*" or CommandLine like "*h0dH*" or CommandLine like "*odHRw*""#),
            "eql": .query(#"any where CommandLine like~ ("*aHR0c*", "*h0dH*", "*odHRw*")"#),
            "lucene/ecs_windows": .query(#"process.command_line:(*aHR0c* OR *h0dH* OR *odHRw*)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where process.command_line like "*aHR0c*" or process.command_line like "*h0dH*" or process.command_line like "*odHRw*""#),
            "eql/ecs_windows": .query(#"any where process.command_line like~ ("*aHR0c*", "*h0dH*", "*odHRw*")"#),
            "lucene/ecs_windows_old": .query(#"event_data.CommandLine:(*aHR0c* OR *h0dH* OR *odHRw*)"#),
    ]),
    ElasticGoldenCase(name: "fieldquote", yaml: #"""
        title: Case fieldquote
        id: 6f1a3c2e-0000-4000-8000-000000000019
        status: test
        logsource: {category: proxy}
        detection:
          sel:
            cs-uri|contains: '/admin'
            c-useragent: 'curl'
            '1field': x
            'my field': y
            r-dns: 'evil.com'
            dst_ip: '1.2.3.4'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where `cs-uri` like "*/admin*" and `c-useragent`=="curl" and 1field=="x" and `my field`=="y" and `r-dns`=="evil.com" and dst_ip=="1.2.3.4""#),
            "eql": .query(#"any where cs-uri:"*/admin*" and c-useragent:"curl" and `1field`:"x" and `my field`:"y" and r-dns:"evil.com" and dst_ip=="1.2.3.4""#),
            "lucene/ecs_zeek_beats": .query(#"event.dataset:zeek.http AND (url.original:*\/admin* AND user_agent.original:curl AND 1field:x AND my\ field:y AND (url.domain:evil.com OR destination.domain:evil.com) AND (destination.address:1.2.3.4 OR destination.ip:1.2.3.4))"#),
            "lucene/ecs_zeek_corelight": .query(#"event.dataset:zeek.http AND (url.original:*\/admin* AND user_agent.original:curl AND 1field:x AND my\ field:y AND (url.domain:evil.com OR destination.domain:evil.com) AND (destination.address:1.2.3.4 OR destination.ip:1.2.3.4))"#),
            "lucene/zeek": .query(#"@stream:http AND (uri:*\/admin* AND user_agent:curl AND 1field:x AND my\ field:y AND host:evil.com AND id.resp_h:1.2.3.4)"#),
            "esql/zeek": .query(#"from * metadata _id, _index, _version | where `@stream`=="http" and uri like "*/admin*" and user_agent=="curl" and 1field=="x" and `my field`=="y" and host=="evil.com" and id.resp_h=="1.2.3.4""#),
            "eql/ecs_zeek_beats": .query(#"any where event.dataset:"zeek.http" and (url.original:"*/admin*" and user_agent.original:"curl" and `1field`:"x" and `my field`:"y" and (url.domain:"evil.com" or destination.domain:"evil.com") and (destination.address=="1.2.3.4" or destination.ip=="1.2.3.4"))"#),
    ]),
    ElasticGoldenCase(name: "ip_eq", yaml: #"""
        title: Case ip_eq
        id: 6f1a3c2e-0000-4000-8000-000000000020
        status: test
        logsource: {product: windows, category: network_connection}
        detection:
          sel:
            DestinationIp: '192.168.1.1'
            SourceIp: '::1'
            DestinationHostname: '010.1.1.1'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where DestinationIp=="192.168.1.1" and SourceIp=="::1" and DestinationHostname=="010.1.1.1""#),
            "eql": .query(#"any where DestinationIp=="192.168.1.1" and SourceIp=="::1" and DestinationHostname:"010.1.1.1""#),
            "lucene/ecs_windows": .query(#"destination.ip:192.168.1.1 AND source.ip:\:\:1 AND destination.domain:010.1.1.1"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where destination.ip=="192.168.1.1" and source.ip=="::1" and destination.domain=="010.1.1.1""#),
            "eql/ecs_windows": .query(#"any where destination.ip=="192.168.1.1" and source.ip=="::1" and destination.domain:"010.1.1.1""#),
            "lucene/ecs_windows_old": .query(#"event_data.DestinationIp:192.168.1.1 AND event_data.SourceIp:\:\:1 AND event_data.DestinationHostname:010.1.1.1"#),
    ]),
    ElasticGoldenCase(name: "newline", yaml: #"""
        title: Case newline
        id: 6f1a3c2e-0000-4000-8000-000000000021
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            CommandLine: "a\nb\tc"
          condition: sel
        """#, expected: [
            "esql": .query(#"""
        from * metadata _id, _index, _version | where CommandLine=="a
        b	c"
        """#),
            "eql": .query(#"""
        any where CommandLine:"a\
        b\	c"
        """#),
            "lucene/ecs_windows": .query(#"""
        process.command_line:a
        b	c
        """#),
            "esql/ecs_windows": .query(#"""
        from * metadata _id, _index, _version | where process.command_line=="a
        b	c"
        """#),
            "eql/ecs_windows": .query(#"""
        any where process.command_line:"a\
        b\	c"
        """#),
            "lucene/ecs_windows_old": .query(#"""
        event_data.CommandLine:a
        b	c
        """#),
    ]),
    ElasticGoldenCase(name: "timestamp", yaml: #"""
        title: Case timestamp
        id: 6f1a3c2e-0000-4000-8000-000000000022
        status: test
        logsource: {product: windows, category: process_creation}
        detection:
          sel:
            Timestamp|hour: 3
          condition: sel
        """#, expected: [
            "esql": .refused(#"Field equals timestamp part value expressions are not supported by the backend."#),
            "eql": .refused(#"Field equals timestamp part value expressions are not supported by the backend."#),
            "lucene/ecs_windows": .query(#"winlog.event_data.Timestamp:3"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.event_data.Timestamp=="3""#),
            "eql/ecs_windows": .query(#"any where winlog.event_data.Timestamp:"3""#),
            "lucene/ecs_windows_old": .refused(#"Field equals timestamp part value expressions are not supported by the backend."#),
    ]),
    ElasticGoldenCase(name: "not_group", yaml: #"""
        title: Case not_group
        id: 6f1a3c2e-0000-4000-8000-000000000023
        status: test
        logsource: {product: windows, service: sysmon}
        detection:
          sel:
            EventID: 1
          f1:
            Image|endswith: '\\a.exe'
          f2:
            User: 'SYSTEM'
          condition: sel and not (f1 or f2)
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where EventID==1 and not (ends_with(Image, "\\a.exe") or User=="SYSTEM")"#),
            "eql": .query(#"any where EventID:1 and (not (Image:"*\\a.exe" or User:"SYSTEM"))"#),
            "lucene/ecs_windows": .query(#"winlog.channel:Microsoft\-Windows\-Sysmon\/Operational AND (event.code:1 AND (NOT (process.executable.caseless:*\\a.exe OR user.name:SYSTEM)))"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="Microsoft-Windows-Sysmon/Operational" and event.code=="1" and not (ends_with(process.executable.caseless, "\\a.exe") or user.name=="SYSTEM")"#),
            "eql/ecs_windows": .query(#"any where winlog.channel:"Microsoft-Windows-Sysmon/Operational" and (event.code:"1" and (not (process.executable.caseless:"*\\a.exe" or user.name:"SYSTEM")))"#),
            "lucene/ecs_windows_old": .query(#"winlog.channel:Microsoft\-Windows\-Sysmon\/Operational AND (event_id:1 AND (NOT (event_data.Image:*\\a.exe OR event_data.User:SYSTEM)))"#),
    ]),
    ElasticGoldenCase(name: "powershell", yaml: #"""
        title: Case powershell
        id: 6f1a3c2e-0000-4000-8000-000000000024
        status: test
        logsource: {product: windows, service: powershell}
        detection:
          sel:
            EventID: 4104
            ScriptBlockText|contains: 'IEX'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where EventID==4104 and ScriptBlockText like "*IEX*""#),
            "eql": .query(#"any where EventID:4104 and ScriptBlockText:"*IEX*""#),
            "lucene/ecs_windows": .query(#"(winlog.channel:(Microsoft\-Windows\-PowerShell\/Operational OR PowerShellCore\/Operational)) AND (event.code:4104 AND powershell.file.script_block_text:*IEX*)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where (winlog.channel in ("Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational")) and event.code=="4104" and powershell.file.script_block_text like "*IEX*""#),
            "eql/ecs_windows": .query(#"any where (winlog.channel like~ ("Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational")) and (event.code:"4104" and powershell.file.script_block_text:"*IEX*")"#),
            "lucene/ecs_windows_old": .query(#"(winlog.channel:(Microsoft\-Windows\-PowerShell\/Operational OR PowerShellCore\/Operational)) AND (event_id:4104 AND event_data.ScriptBlockText:*IEX*)"#),
    ]),
    ElasticGoldenCase(name: "ps_classic", yaml: #"""
        title: Case ps_classic
        id: 6f1a3c2e-0000-4000-8000-000000000025
        status: test
        logsource: {product: windows, service: powershell-classic}
        detection:
          sel:
            CommandLine|contains: 'IEX'
            EngineVersion|startswith: '2.'
            HostApplication|contains: 'x'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where CommandLine like "*IEX*" and starts_with(EngineVersion, "2.") and HostApplication like "*x*""#),
            "eql": .query(#"any where CommandLine:"*IEX*" and EngineVersion:"2.*" and HostApplication:"*x*""#),
            "lucene/ecs_windows": .query(#"winlog.channel:"Windows PowerShell" AND (powershell.command.value:*IEX* AND powershell.engine.version:2.* AND process.command_line:*x*)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="Windows PowerShell" and powershell.command.value like "*IEX*" and starts_with(powershell.engine.version, "2.") and process.command_line like "*x*""#),
            "eql/ecs_windows": .query(#"any where winlog.channel:"Windows PowerShell" and (powershell.command.value:"*IEX*" and powershell.engine.version:"2.*" and process.command_line:"*x*")"#),
            "lucene/ecs_windows_old": .query(#"winlog.channel:"Windows PowerShell" AND (event_data.CommandLine:*IEX* AND event_data.EngineVersion:2.* AND event_data.HostApplication:*x*)"#),
    ]),
    ElasticGoldenCase(name: "security_cmd", yaml: #"""
        title: Case security_cmd
        id: 6f1a3c2e-0000-4000-8000-000000000026
        status: test
        logsource: {product: windows, service: security}
        detection:
          sel:
            EventID: 4688
            CommandLine|contains: 'whoami'
            SubjectUserName: 'bob'
            NewProcessName|endswith: '\\whoami.exe'
            TargetFilename: x
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where EventID==4688 and CommandLine like "*whoami*" and SubjectUserName=="bob" and ends_with(NewProcessName, "\\whoami.exe") and TargetFilename=="x""#),
            "eql": .query(#"any where EventID:4688 and CommandLine:"*whoami*" and SubjectUserName:"bob" and NewProcessName:"*\\whoami.exe" and TargetFilename:"x""#),
            "lucene/ecs_windows": .query(#"winlog.channel:Security AND (event.code:4688 AND process.command_line:*whoami* AND user.name:bob AND process.executable.caseless:*\\whoami.exe AND file.path:x)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="Security" and event.code=="4688" and process.command_line like "*whoami*" and user.name=="bob" and ends_with(process.executable.caseless, "\\whoami.exe") and file.path=="x""#),
            "eql/ecs_windows": .query(#"any where winlog.channel:"Security" and (event.code:"4688" and process.command_line:"*whoami*" and user.name:"bob" and process.executable.caseless:"*\\whoami.exe" and file.path:"x")"#),
            "lucene/ecs_windows_old": .query(#"winlog.channel:Security AND (event_id:4688 AND event_data.CommandLine:*whoami* AND event_data.SubjectUserName:bob AND event_data.NewProcessName:*\\whoami.exe AND event_data.TargetFilename:x)"#),
    ]),
    ElasticGoldenCase(name: "dotted", yaml: #"""
        title: Case dotted
        id: 6f1a3c2e-0000-4000-8000-000000000027
        status: test
        logsource: {product: windows, category: file_event}
        detection:
          sel:
            TargetFilename|endswith: '.lnk'
            Data.Name: 'x'
            Some-Field.x: 'y'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where ends_with(TargetFilename, ".lnk") and Data.Name=="x" and `Some-Field.x`=="y""#),
            "eql": .query(#"any where TargetFilename:"*.lnk" and Data.Name:"x" and Some-Field.x:"y""#),
            "lucene/ecs_windows": .query(#"file.path:*.lnk AND Data.Name:x AND winlog.event_data.Some-Field.x:y"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where ends_with(file.path, ".lnk") and Data.Name=="x" and `winlog.event_data.Some-Field.x`=="y""#),
            "eql/ecs_windows": .query(#"any where file.path:"*.lnk" and Data.Name:"x" and winlog.event_data.Some-Field.x:"y""#),
            "lucene/ecs_windows_old": .query(#"event_data.TargetFilename:*.lnk AND Data.Name:x AND event_data.Some-Field.x:y"#),
    ]),
    ElasticGoldenCase(name: "multi_cond", yaml: #"""
        title: Case multi_cond
        id: 6f1a3c2e-0000-4000-8000-000000000028
        status: test
        logsource: {product: windows, service: system}
        detection:
          a:
            EventID: 7045
          b:
            EventID: 7036
          condition:
            - a
            - b
        """#, expected: [
            "esql": .query(#"""
        from * metadata _id, _index, _version | where EventID==7045
        from * metadata _id, _index, _version | where EventID==7036
        """#),
            "eql": .query(#"""
        any where EventID:7045
        any where EventID:7036
        """#),
            "lucene/ecs_windows": .query(#"""
        winlog.channel:System AND event.code:7045
        winlog.channel:System AND event.code:7036
        """#),
            "esql/ecs_windows": .query(#"""
        from * metadata _id, _index, _version | where winlog.channel=="System" and event.code=="7045"
        from * metadata _id, _index, _version | where winlog.channel=="System" and event.code=="7036"
        """#),
            "eql/ecs_windows": .query(#"""
        any where winlog.channel:"System" and event.code:"7045"
        any where winlog.channel:"System" and event.code:"7036"
        """#),
            "lucene/ecs_windows_old": .query(#"""
        winlog.channel:System AND event_id:7045
        winlog.channel:System AND event_id:7036
        """#),
    ]),
    ElasticGoldenCase(name: "them", yaml: #"""
        title: Case them
        id: 6f1a3c2e-0000-4000-8000-000000000029
        status: test
        logsource: {product: windows, service: system}
        detection:
          s1:
            EventID: 7045
          s2:
            ImagePath|contains: 'cmd'
          condition: all of them
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where EventID==7045 and ImagePath like "*cmd*""#),
            "eql": .query(#"any where EventID:7045 and ImagePath:"*cmd*""#),
            "lucene/ecs_windows": .query(#"winlog.channel:System AND (event.code:7045 AND winlog.event_data.ImagePath:*cmd*)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="System" and event.code=="7045" and winlog.event_data.ImagePath like "*cmd*""#),
            "eql/ecs_windows": .query(#"any where winlog.channel:"System" and (event.code:"7045" and winlog.event_data.ImagePath:"*cmd*")"#),
            "lucene/ecs_windows_old": .query(#"winlog.channel:System AND (event_id:7045 AND event_data.ImagePath:*cmd*)"#),
    ]),
    ElasticGoldenCase(name: "zeek_dns", yaml: #"""
        title: Case zeek_dns
        id: 6f1a3c2e-0000-4000-8000-000000000030
        status: test
        logsource: {category: dns}
        detection:
          sel:
            query|endswith: '.onion'
            answer: '1.1.1.1'
            dst: '8.8.8.8'
            record_type: TXT
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where ends_with(query, ".onion") and answer=="1.1.1.1" and dst=="8.8.8.8" and record_type=="TXT""#),
            "eql": .query(#"any where query:"*.onion" and answer=="1.1.1.1" and dst=="8.8.8.8" and record_type:"TXT""#),
            "lucene/ecs_zeek_beats": .query(#"event.dataset:zeek.dns AND (dns.question.name:*.onion AND dns.answers.name:1.1.1.1 AND (destination.address:8.8.8.8 OR destination.ip:8.8.8.8) AND dns.question.type:TXT)"#),
            "lucene/ecs_zeek_corelight": .query(#"event.dataset:zeek.dns AND (dns.question.name:*.onion AND dns.answers.name:1.1.1.1 AND (destination.address:8.8.8.8 OR destination.ip:8.8.8.8) AND dns.question.type:TXT)"#),
            "lucene/zeek": .query(#"@stream:dns AND (query:*.onion AND answers:1.1.1.1 AND dst:8.8.8.8 AND qtype_name:TXT)"#),
            "esql/zeek": .query(#"from * metadata _id, _index, _version | where `@stream`=="dns" and ends_with(query, ".onion") and answers=="1.1.1.1" and dst=="8.8.8.8" and qtype_name=="TXT""#),
            "eql/ecs_zeek_beats": .query(#"any where event.dataset:"zeek.dns" and (dns.question.name:"*.onion" and dns.answers.name=="1.1.1.1" and (destination.address=="8.8.8.8" or destination.ip=="8.8.8.8") and dns.question.type:"TXT")"#),
    ]),
    ElasticGoldenCase(name: "zeek_fw", yaml: #"""
        title: Case zeek_fw
        id: 6f1a3c2e-0000-4000-8000-000000000031
        status: test
        logsource: {category: firewall}
        detection:
          sel:
            dst_port: 4444
            src_ip: '10.1.1.1'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where dst_port==4444 and src_ip=="10.1.1.1""#),
            "eql": .query(#"any where dst_port:4444 and src_ip=="10.1.1.1""#),
            "lucene/ecs_zeek_beats": .query(#"event.dataset:zeek.conn AND (destination.port:4444 AND source.ip:10.1.1.1)"#),
            "lucene/ecs_zeek_corelight": .query(#"event.dataset:zeek.conn AND (destination.port:4444 AND source.ip:10.1.1.1)"#),
            "lucene/zeek": .query(#"@stream:conn AND (id.resp_p:4444 AND id.orig_h:10.1.1.1)"#),
            "esql/zeek": .query(#"from * metadata _id, _index, _version | where `@stream`=="conn" and id.resp_p==4444 and id.orig_h=="10.1.1.1""#),
            "eql/ecs_zeek_beats": .query(#"any where event.dataset:"zeek.conn" and (destination.port:4444 and source.ip=="10.1.1.1")"#),
    ]),
    ElasticGoldenCase(name: "zeek_noservice", yaml: #"""
        title: Case zeek_noservice
        id: 6f1a3c2e-0000-4000-8000-000000000032
        status: test
        logsource: {product: zeek}
        detection:
          sel:
            dst_ip: '1.2.3.4'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where dst_ip=="1.2.3.4""#),
            "eql": .query(#"any where dst_ip=="1.2.3.4""#),
            "lucene/ecs_zeek_beats": .query(#"event.dataset:zeek.None AND (destination.address:1.2.3.4 OR destination.ip:1.2.3.4)"#),
            "lucene/ecs_zeek_corelight": .query(#"event.dataset:zeek.None AND (destination.address:1.2.3.4 OR destination.ip:1.2.3.4)"#),
            "lucene/zeek": .query(#"@stream:None AND id.resp_h:1.2.3.4"#),
            "esql/zeek": .query(#"from * metadata _id, _index, _version | where `@stream`=="None" and id.resp_h=="1.2.3.4""#),
            "eql/ecs_zeek_beats": .query(#"any where event.dataset:"zeek.None" and (destination.address=="1.2.3.4" or destination.ip=="1.2.3.4")"#),
    ]),
    ElasticGoldenCase(name: "zeek_smb", yaml: #"""
        title: Case zeek_smb
        id: 6f1a3c2e-0000-4000-8000-000000000033
        status: test
        logsource: {product: zeek, service: smb_files}
        detection:
          sel:
            path|contains: 'IPC$'
            name: 'lsass'
            dest_domain: 'x.com'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where path like "*IPC$*" and name=="lsass" and dest_domain=="x.com""#),
            "eql": .query(#"any where path:"*IPC$*" and name:"lsass" and dest_domain:"x.com""#),
            "lucene/ecs_zeek_beats": .query(#"event.dataset:zeek.smb_files AND (zeek.\*.path:*IPC$* AND zeek.smb_files.name:lsass AND (query:x.com OR host:x.com OR server_name:x.com))"#),
            "lucene/ecs_zeek_corelight": .query(#"event.dataset:zeek.smb_files AND (zeek.\*.path:*IPC$* AND zeek.smb_files.name:lsass AND (query:x.com OR host:x.com OR server_name:x.com))"#),
            "lucene/zeek": .query(#"@stream:smb_files AND (path:*IPC$* AND name:lsass AND (query:x.com OR host:x.com OR server_name:x.com))"#),
            "esql/zeek": .query(#"from * metadata _id, _index, _version | where `@stream`=="smb_files" and path like "*IPC$*" and name=="lsass" and (query=="x.com" or host=="x.com" or server_name=="x.com")"#),
            "eql/ecs_zeek_beats": .query(#"any where event.dataset:"zeek.smb_files" and (zeek.*.path:"*IPC$*" and zeek.smb_files.name:"lsass" and (query:"x.com" or host:"x.com" or server_name:"x.com"))"#),
    ]),
    ElasticGoldenCase(name: "zeek_http", yaml: #"""
        title: Case zeek_http
        id: 6f1a3c2e-0000-4000-8000-000000000034
        status: test
        logsource: {category: proxy}
        detection:
          sel:
            c-uri|contains: '/admin'
            cs-cookie: 'x'
            sc-status: 200
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where `c-uri` like "*/admin*" and `cs-cookie`=="x" and `sc-status`==200"#),
            "eql": .query(#"any where c-uri:"*/admin*" and cs-cookie:"x" and sc-status:200"#),
            "lucene/ecs_zeek_beats": .query(#"event.dataset:zeek.http AND (url.original:*\/admin* AND http.cookie_vars:x AND http.response.status_code:200)"#),
            "lucene/ecs_zeek_corelight": .query(#"event.dataset:zeek.http AND (url.original:*\/admin* AND http.cookie_vars:x AND http.response.status_code:200)"#),
            "lucene/zeek": .query(#"@stream:http AND (uri:*\/admin* AND cookie:x AND status_code:200)"#),
            "esql/zeek": .query(#"from * metadata _id, _index, _version | where `@stream`=="http" and uri like "*/admin*" and cookie=="x" and status_code==200"#),
            "eql/ecs_zeek_beats": .query(#"any where event.dataset:"zeek.http" and (url.original:"*/admin*" and http.cookie_vars:"x" and http.response.status_code:200)"#),
    ]),
    ElasticGoldenCase(name: "linux", yaml: #"""
        title: Case linux
        id: 6f1a3c2e-0000-4000-8000-000000000035
        status: test
        logsource: {product: linux, category: process_creation}
        detection:
          sel:
            Image|endswith: '/bash'
            CommandLine|contains: 'curl'
            ProcessId: 5
          condition: sel
        """#, expected: [
            "lucene": .query(#"Image:*\/bash AND CommandLine:*curl* AND ProcessId:5"#),
            "esql": .query(#"from * metadata _id, _index, _version | where ends_with(Image, "/bash") and CommandLine like "*curl*" and ProcessId==5"#),
            "eql": .query(#"any where Image:"*/bash" and CommandLine:"*curl*" and ProcessId:5"#),
            "lucene/ecs_windows": .query(#"Image:*\/bash AND CommandLine:*curl* AND ProcessId:5"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where ends_with(Image, "/bash") and CommandLine like "*curl*" and ProcessId==5"#),
    ]),
    ElasticGoldenCase(name: "applocker", yaml: #"""
        title: Case applocker
        id: 6f1a3c2e-0000-4000-8000-000000000036
        status: test
        logsource: {product: windows, service: applocker}
        detection:
          sel:
            EventID: 8004
            FilePath|contains: 'x'
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where EventID==8004 and FilePath like "*x*""#),
            "eql": .query(#"any where EventID:8004 and FilePath:"*x*""#),
            "lucene/ecs_windows": .query(#"(winlog.channel:("Microsoft\-Windows\-AppLocker\/MSI and Script" OR "Microsoft\-Windows\-AppLocker\/EXE and DLL" OR "Microsoft\-Windows\-AppLocker\/Packaged app\-Deployment" OR "Microsoft\-Windows\-AppLocker\/Packaged app\-Execution")) AND (event.code:8004 AND winlog.event_data.FilePath:*x*)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where (winlog.channel in ("Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL", "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution")) and event.code=="8004" and winlog.event_data.FilePath like "*x*""#),
            "eql/ecs_windows": .query(#"any where (winlog.channel like~ ("Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL", "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution")) and (event.code:"8004" and winlog.event_data.FilePath:"*x*")"#),
            "lucene/ecs_windows_old": .query(#"(winlog.channel:("Microsoft\-Windows\-AppLocker\/MSI and Script" OR "Microsoft\-Windows\-AppLocker\/EXE and DLL" OR "Microsoft\-Windows\-AppLocker\/Packaged app\-Deployment" OR "Microsoft\-Windows\-AppLocker\/Packaged app\-Execution")) AND (event_id:8004 AND event_data.FilePath:*x*)"#),
    ]),
    ElasticGoldenCase(name: "image_load", yaml: #"""
        title: Case image_load
        id: 6f1a3c2e-0000-4000-8000-000000000037
        status: test
        logsource: {product: windows, category: image_load}
        detection:
          sel:
            ImageLoaded|endswith: '\\x.dll'
            Description: 'Foo'
            Signed: 'false'
            Hashes|contains: 'IMPHASH='
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where ends_with(ImageLoaded, "\\x.dll") and Description=="Foo" and Signed=="false" and Hashes like "*IMPHASH=*""#),
            "eql": .query(#"any where ImageLoaded:"*\\x.dll" and Description:"Foo" and Signed:"false" and Hashes:"*IMPHASH=*""#),
            "lucene/ecs_windows": .query(#"file.path:*\\x.dll AND file.pe.description:Foo AND file.code_signature.signed:false AND winlog.event_data.Hashes:*IMPHASH\=*"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where ends_with(file.path, "\\x.dll") and file.pe.description=="Foo" and file.code_signature.signed=="false" and winlog.event_data.Hashes like "*IMPHASH=*""#),
            "eql/ecs_windows": .query(#"any where file.path:"*\\x.dll" and file.pe.description:"Foo" and file.code_signature.signed:"false" and winlog.event_data.Hashes:"*IMPHASH=*""#),
            "lucene/ecs_windows_old": .query(#"event_data.ImageLoaded:*\\x.dll AND event_data.Description:Foo AND event_data.Signed:false AND event_data.Hashes:*IMPHASH\=*"#),
    ]),
    ElasticGoldenCase(name: "num_list", yaml: #"""
        title: Case num_list
        id: 6f1a3c2e-0000-4000-8000-000000000038
        status: test
        logsource: {product: windows, service: security}
        detection:
          sel:
            EventID:
              - 4624
              - 4625
            LogonType: 10
            IpPort: 3389
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where (EventID in (4624, 4625)) and LogonType==10 and IpPort==3389"#),
            "eql": .query(#"any where (EventID like~ (4624, 4625)) and LogonType:10 and IpPort:3389"#),
            "lucene/ecs_windows": .query(#"winlog.channel:Security AND ((event.code:(4624 OR 4625)) AND winlog.event_data.LogonType:10 AND source.port:3389)"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="Security" and (event.code in ("4624", "4625")) and winlog.event_data.LogonType=="10" and source.port==3389"#),
            "eql/ecs_windows": .query(#"any where winlog.channel:"Security" and ((event.code like~ ("4624", "4625")) and winlog.event_data.LogonType:"10" and source.port:3389)"#),
            "lucene/ecs_windows_old": .query(#"winlog.channel:Security AND ((event_id:(4624 OR 4625)) AND event_data.LogonType:10 AND event_data.IpPort:3389)"#),
    ]),
    ElasticGoldenCase(name: "null_pipeline", yaml: #"""
        title: Case null_pipeline
        id: 6f1a3c2e-0000-4000-8000-000000000039
        status: test
        logsource: {product: windows, service: security}
        detection:
          sel:
            EventID: 4624
            TargetUserName: null
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where EventID==4624 and TargetUserName is null"#),
            "eql": .query(#"any where EventID:4624 and (?TargetUserName == null)"#),
            "lucene/ecs_windows": .query(#"winlog.channel:Security AND (event.code:4624 AND (NOT _exists_:winlog.event_data.TargetUserName))"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="Security" and event.code=="4624" and winlog.event_data.TargetUserName is null"#),
            "eql/ecs_windows": .query(#"any where winlog.channel:"Security" and (event.code:"4624" and (?winlog.event_data.TargetUserName == null))"#),
            "lucene/ecs_windows_old": .query(#"winlog.channel:Security AND (event_id:4624 AND (NOT _exists_:event_data.TargetUserName))"#),
    ]),
    ElasticGoldenCase(name: "float", yaml: #"""
        title: Case float
        id: 6f1a3c2e-0000-4000-8000-000000000040
        status: test
        logsource: {product: windows, service: security}
        detection:
          sel:
            Version: 1.5
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where Version==1.5"#),
            "eql": .query(#"any where Version:1.5"#),
            "lucene/ecs_windows": .query(#"winlog.channel:Security AND winlog.event_data.Version:1.5"#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="Security" and winlog.event_data.Version=="1.5""#),
            "eql/ecs_windows": .query(#"any where winlog.channel:"Security" and winlog.event_data.Version:"1.5""#),
            "lucene/ecs_windows_old": .query(#"winlog.channel:Security AND event_data.Version:1.5"#),
    ]),
    ElasticGoldenCase(name: "fieldref_pipe", yaml: #"""
        title: Case fieldref_pipe
        id: 6f1a3c2e-0000-4000-8000-000000000041
        status: test
        logsource: {product: windows, service: security}
        detection:
          sel:
            TargetUserName|fieldref: SubjectUserName
            Foo|fieldref: Bar
          condition: sel
        """#, expected: [
            "esql": .query(#"from * metadata _id, _index, _version | where TargetUserName==SubjectUserName and Foo==Bar"#),
            "eql": .refused(#"ES Lucene backend can't handle field references."#),
            "lucene/ecs_windows": .refused(#"ES Lucene backend can't handle field references."#),
            "esql/ecs_windows": .query(#"from * metadata _id, _index, _version | where winlog.channel=="Security" and TargetUserName==user.name and Foo==Bar"#),
            "eql/ecs_windows": .refused(#"ES Lucene backend can't handle field references."#),
            "lucene/ecs_windows_old": .refused(#"ES Lucene backend can't handle field references."#),
    ]),
    ]
}
