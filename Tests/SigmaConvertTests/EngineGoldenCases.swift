import SigmaConvert

/// Constructs and pySigma 1.5.1 reference output (kusto without pipeline, splunk, lucene),
/// generated once with the reference backends; errors only record that the reference refused.
enum EngineGolden {
    static let cases: [GoldenCase] = [
        GoldenCase(
            name: "eq_string_number_bool",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Image: 'C:\Windows\cmd.exe'
        EventID: 4688
        Enabled: true
    condition: sel

"""#,
            kusto: .query("Image =~ \"C:\\\\Windows\\\\cmd.exe\" and EventID == 4688 and Enabled =~ true"),
            splunk: .query("Image=\"C:\\\\Windows\\\\cmd.exe\" EventID=4688 Enabled=true"),
            lucene: .query("Image:C\\:\\\\Windows\\\\cmd.exe AND EventID:4688 AND Enabled:true")),
        GoldenCase(
            name: "modifiers_contains_startswith_endswith",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        CommandLine|contains: ' -enc '
        Image|endswith: '\powershell.exe'
        ParentImage|startswith: 'C:\Users\'
    condition: sel

"""#,
            kusto: .query("CommandLine contains \" -enc \" and Image endswith \"\\\\powershell.exe\" and ParentImage startswith \"C:\\\\Users\\\\\""),
            splunk: .query("CommandLine=\"* -enc *\" Image=\"*\\\\powershell.exe\" ParentImage=\"C:\\\\Users\\\\*\""),
            lucene: .query("CommandLine:*\\ \\-enc\\ * AND Image:*\\\\powershell.exe AND ParentImage:C\\:\\\\Users\\\\*")),
        GoldenCase(
            name: "wildcards_inside_values",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        CommandLine: 'foo*bar'
        User: 'adm?n'
        Path: '*\temp\*.dll'
        Escaped: 'lit\*eral'
    condition: sel

"""#,
            kusto: .query("CommandLine matches regex \"foo.*bar\" and User matches regex \"adm.n\" and Path endswith \"\\\\temp*.dll\" and Escaped =~ \"lit*eral\""),
            splunk: .query("CommandLine=\"foo*bar\" User=\"adm*n\" Path=\"*\\\\temp\\*.dll\" Escaped=\"lit\\*eral\""),
            lucene: .query("CommandLine:foo*bar AND User:adm?n AND Path:*\\\\temp\\*.dll AND Escaped:lit\\*eral")),
        GoldenCase(
            name: "contains_all",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        CommandLine|contains|all:
            - 'vssadmin'
            - 'delete'
            - 'shadows'
    condition: sel

"""#,
            kusto: .query("CommandLine contains \"vssadmin\" and CommandLine contains \"delete\" and CommandLine contains \"shadows\""),
            splunk: .query("CommandLine=\"*vssadmin*\" CommandLine=\"*delete*\" CommandLine=\"*shadows*\""),
            lucene: .query("CommandLine:*vssadmin* AND CommandLine:*delete* AND CommandLine:*shadows*")),
        GoldenCase(
            name: "in_list_plain_and_wildcard",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Image|endswith:
            - '\a.exe'
            - '\b.exe'
        User:
            - 'root'
            - 'admin'
        EventID:
            - 1
            - 2
        Mixed:
            - 'plain'
            - 'wild*'
            - '*in*side*'
    condition: sel

"""#,
            kusto: .query("(Image endswith \"\\\\a.exe\" or Image endswith \"\\\\b.exe\") and (User in~ (\"root\", \"admin\")) and (EventID in~ (\"1\", \"2\")) and (Mixed in~ (\"plain\") or Mixed startswith \"wild\" or (Mixed contains \"in\" and Mixed contains \"side\"))"),
            splunk: .query("Image IN (\"*\\\\a.exe\", \"*\\\\b.exe\") User IN (\"root\", \"admin\") EventID IN (1, 2) Mixed IN (\"plain\", \"wild*\", \"*in*side*\")"),
            lucene: .query("(Image:(*\\\\a.exe OR *\\\\b.exe)) AND (User:(root OR admin)) AND (EventID:(1 OR 2)) AND (Mixed:(plain OR wild* OR *in*side*))")),
        GoldenCase(
            name: "keywords",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    keywords:
        - 'evil string'
        - 'mimikatz'
        - 42
    condition: keywords

"""#,
            kusto: .query("\"evil string\" or \"mimikatz\" or 42"),
            splunk: .query("\"evil string\" OR \"mimikatz\" OR 42"),
            lucene: .query("*evil\\ string* OR *mimikatz* OR 42")),
        GoldenCase(
            name: "null_and_exists",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Empty: null
        Present|exists: true
        Absent|exists: false
    condition: sel

"""#,
            kusto: .query("isnull(Empty) and isnotempty(Present) and isempty(Absent)"),
            splunk: .query("NOT Empty=* Present=* NOT Absent=*"),
            lucene: .query("(NOT _exists_:Empty) AND _exists_:Present AND NOT _exists_:Absent")),
        GoldenCase(
            name: "not_null_in_or",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A: 'x'
    nul:
        B: null
    condition: sel or not nul or nul

"""#,
            kusto: .query("A =~ \"x\" or (not(isnull(B))) or isnull(B)"),
            splunk: .query("A=\"x\" OR NOT NOT B=* OR NOT B=*"),
            lucene: .query("A:x OR _exists_:B OR (NOT _exists_:B)")),
        GoldenCase(
            name: "fieldref",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        TargetUser|fieldref: SubjectUser
    condition: sel

"""#,
            kusto: .refused("NotImplementedError"),
            splunk: .query("*\n| where 'TargetUser'='SubjectUser'"),
            lucene: .refused("SigmaFeatureNotSupportedByBackendError")),
        GoldenCase(
            name: "fieldref_in_or",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        TargetUser|fieldref: SubjectUser
    other:
        A: b
    condition: sel or other

"""#,
            kusto: .refused("NotImplementedError"),
            splunk: .refused("SigmaFeatureNotSupportedByBackendError"),
            lucene: .refused("SigmaFeatureNotSupportedByBackendError")),
        GoldenCase(
            name: "cidr",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        DestinationIp|cidr:
            - '10.0.0.0/8'
            - '192.168.1.0/24'
            - 'fe80::/10'
    condition: sel

"""#,
            kusto: .query("ipv4_is_in_range(DestinationIp, \"10.0.0.0/8\") or ipv4_is_in_range(DestinationIp, \"192.168.1.0/24\") or ipv4_is_in_range(DestinationIp, \"fe80::/10\")"),
            splunk: .query("DestinationIp=\"10.0.0.0/8\" OR DestinationIp=\"192.168.1.0/24\" OR DestinationIp=\"fe80::/10\""),
            lucene: .query("DestinationIp:10.0.0.0\\/8 OR DestinationIp:192.168.1.0\\/24 OR DestinationIp:fe80\\:\\:\\/10")),
        GoldenCase(
            name: "regex_flags",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        CommandLine|re: '\s+-e(nc)?\s+[A-Za-z0-9/+=]{20,}'
        Path|re|i: 'C:\\Users\\.*\.exe$'
        Body|re|m|s: '^a"b/c'
    condition: sel

"""#,
            kusto: .query("CommandLine matches regex \"\\\\s+-e(nc)?\\\\s+[A-Za-z0-9/+=]{20,}\" and Path matches regex \"(?i)C:\\\\\\\\Users\\\\\\\\.*\\\\.exe$\" and Body matches regex \"(?ms)^a\\\"b/c\""),
            splunk: .query(""),
            lucene: .query("CommandLine:/\\s+-e(nc)?\\s+[A-Za-z0-9\\/+=]{20,}/ AND Path:/(?i)C:\\\\Users\\\\.*\\.exe$/ AND Body:/(?ms)^a\"b\\/c/")),
        GoldenCase(
            name: "regex_in_or",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Signature|re:
            - 'APT\d'
            - 'UNC\d'
        Other: x
    condition: sel

"""#,
            kusto: .query("(Signature matches regex \"APT\\\\d\" or Signature matches regex \"UNC\\\\d\") and Other =~ \"x\""),
            splunk: .query("\n| rex field=Signature \"(?<SignatureMatch>APT\\\\d)\"\n| eval SignatureCondition=if(isnotnull(SignatureMatch), \"true\", \"false\")\n| rex field=Signature \"(?<SignatureMatch2>UNC\\\\d)\"\n| eval SignatureCondition2=if(isnotnull(SignatureMatch2), \"true\", \"false\")\n| search SignatureCondition=\"true\" OR SignatureCondition2=\"true\" Other=\"x\""),
            lucene: .query("(Signature:/APT\\d/ OR Signature:/UNC\\d/) AND Other:x")),
        GoldenCase(
            name: "windash_base64offset",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        CommandLine|windash|contains:
            - '-exec'
            - '-nop'
        Payload|base64offset|contains: 'http://'
    condition: sel

"""#,
            kusto: .query("(CommandLine contains \"-exec\" or CommandLine contains \"/exec\" or CommandLine contains \"–exec\" or CommandLine contains \"—exec\" or CommandLine contains \"―exec\" or CommandLine contains \"-nop\" or CommandLine contains \"/nop\" or CommandLine contains \"–nop\" or CommandLine contains \"—nop\" or CommandLine contains \"―nop\") and (Payload contains \"aHR0cDovL\" or Payload contains \"h0dHA6Ly\" or Payload contains \"odHRwOi8v\")"),
            splunk: .query("CommandLine=\"*-exec*\" OR CommandLine=\"*/exec*\" OR CommandLine=\"*–exec*\" OR CommandLine=\"*—exec*\" OR CommandLine=\"*―exec*\" OR CommandLine=\"*-nop*\" OR CommandLine=\"*/nop*\" OR CommandLine=\"*–nop*\" OR CommandLine=\"*—nop*\" OR CommandLine=\"*―nop*\" Payload=\"*aHR0cDovL*\" OR Payload=\"*h0dHA6Ly*\" OR Payload=\"*odHRwOi8v*\""),
            lucene: .query("(CommandLine:(*\\-exec* OR *\\/exec* OR *–exec* OR *—exec* OR *―exec*) OR CommandLine:(*\\-nop* OR *\\/nop* OR *–nop* OR *—nop* OR *―nop*)) AND Payload:(*aHR0cDovL* OR *h0dHA6Ly* OR *odHRwOi8v*)")),
        GoldenCase(
            name: "windash_all",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        CommandLine|windash|contains|all:
            - '-a'
            - '-b'
    condition: sel

"""#,
            kusto: .query("(CommandLine contains \"-a\" or CommandLine contains \"/a\" or CommandLine contains \"–a\" or CommandLine contains \"—a\" or CommandLine contains \"―a\") and (CommandLine contains \"-b\" or CommandLine contains \"/b\" or CommandLine contains \"–b\" or CommandLine contains \"—b\" or CommandLine contains \"―b\")"),
            splunk: .query("CommandLine=\"*-a*\" OR CommandLine=\"*/a*\" OR CommandLine=\"*–a*\" OR CommandLine=\"*—a*\" OR CommandLine=\"*―a*\" CommandLine=\"*-b*\" OR CommandLine=\"*/b*\" OR CommandLine=\"*–b*\" OR CommandLine=\"*—b*\" OR CommandLine=\"*―b*\""),
            lucene: .query("CommandLine:(*\\-a* OR *\\/a* OR *–a* OR *—a* OR *―a*) AND CommandLine:(*\\-b* OR *\\/b* OR *–b* OR *—b* OR *―b*)")),
        GoldenCase(
            name: "nested_not",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A: 1
    f1:
        B:
            - x
            - y
    f2:
        C|contains: z
        D: w
    condition: sel and not (f1 or not f2)

"""#,
            kusto: .query("A == 1 and (not(((B in~ (\"x\", \"y\")) or (not((C contains \"z\" and D =~ \"w\"))))))"),
            splunk: .query("A=1 NOT (B IN (\"x\", \"y\") OR NOT (C=\"*z*\" D=\"w\"))"),
            lucene: .query("A:1 AND (NOT ((B:(x OR y)) OR (NOT (C:*z* AND D:w))))")),
        GoldenCase(
            name: "one_of_single_match",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    selection_a:
        A|re: 'x.*y'
    other:
        B: 1
    condition: 1 of selection_* and other

"""#,
            kusto: .query("A matches regex \"x.*y\" and B == 1"),
            splunk: .query("\n| rex field=A \"(?<AMatch>x.*y)\"\n| eval ACondition=if(isnotnull(AMatch), \"true\", \"false\")\n| search ACondition=\"true\" B=1"),
            lucene: .query("A:/x.*y/ AND B:1")),
        GoldenCase(
            name: "all_of_them",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel1:
        A: 1
    sel2:
        B: 2
    condition: all of them

"""#,
            kusto: .query("A == 1 and B == 2"),
            splunk: .query("A=1 B=2"),
            lucene: .query("A:1 AND B:2")),
        GoldenCase(
            name: "compare",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Count|gt: 10
        Size|lte: 2.5
    condition: sel

"""#,
            kusto: .query("Count > 10 and Size <= 2.5"),
            splunk: .query("Count>10 Size<=2.5"),
            lucene: .query("Count:>10 AND Size:<=2.5")),
        GoldenCase(
            name: "neq",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A|neq: 'x'
        B: y
    condition: sel

"""#,
            kusto: .query("(not(A =~ \"x\")) and B =~ \"y\""),
            splunk: .query("NOT A=\"x\" B=\"y\""),
            lucene: .query("(NOT A:x) AND B:y")),
        GoldenCase(
            name: "escaping",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Q: 'say "hi" \ there'
        L: 'a+b-c=d&e|f!g(h)i{j}k[l]m<n>o^p~q:r/s'
        Sp: 'two words'
        Empty: ''
    condition: sel

"""#,
            kusto: .query("Q =~ \"say \\\"hi\\\" \\\\ there\" and L =~ \"a+b-c=d&e|f!g(h)i{j}k[l]m<n>o^p~q:r/s\" and Sp =~ \"two words\" and Empty =~ \"\""),
            splunk: .query("Q=\"say \\\"hi\\\" \\\\ there\" L=\"a+b-c=d&e|f!g(h)i{j}k[l]m<n>o^p~q:r/s\" Sp=\"two words\" Empty=\"\""),
            lucene: .query("Q:\"say \\\"hi\\\" \\\\ there\" AND L:a\\+b\\-c\\=d\\&e\\|f\\!g\\(h\\)i\\{j\\}k\\[l\\]m\\<n\\>o\\^p\\~q\\:r\\/s AND Sp:\"two words\" AND Empty:\"\"")),
        GoldenCase(
            name: "field_names",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        'Field With Space': a
        dotted.field: b
        'star*field': c
    condition: sel

"""#,
            kusto: .query("'Field With Space' =~ \"a\" and 'dotted.field' =~ \"b\" and 'star*field' =~ \"c\""),
            splunk: .query("\"Field With Space\"=\"a\" dotted.field=\"b\" \"star*field\"=\"c\""),
            lucene: .query("Field\\ With\\ Space:a AND dotted.field:b AND star\\*field:c")),
        GoldenCase(
            name: "list_of_maps",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        - A: 1
          B: 2
        - C: 3
    condition: sel

"""#,
            kusto: .query("(A == 1 and B == 2) or C == 3"),
            splunk: .query("(A=1 B=2) OR C=3"),
            lucene: .query("(A:1 AND B:2) OR C:3")),
        GoldenCase(
            name: "multiple_conditions",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    a:
        A: 1
    b:
        B: 2
    condition:
        - a
        - b

"""#,
            kusto: .query("A == 1\nB == 2"),
            splunk: .query("A=1\nB=2"),
            lucene: .query("A:1\nB:2")),
        GoldenCase(
            name: "placeholder",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        User|expand: '%admins%'
    condition: sel

"""#,
            kusto: .refused("SigmaPlaceholderError"),
            splunk: .refused("SigmaPlaceholderError"),
            lucene: .refused("SigmaPlaceholderError")),
        GoldenCase(
            name: "pipe_condition",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A: 1
    condition: sel | count() > 5

"""#,
            kusto: .refused("SigmaConditionError"),
            splunk: .refused("SigmaConditionError"),
            lucene: .refused("SigmaConditionError")),
        GoldenCase(
            name: "cased",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A|cased: 'MiXeD'
    condition: sel

"""#,
            kusto: .refused("NotImplementedError"),
            splunk: .refused("NotImplementedError"),
            lucene: .refused("NotImplementedError")),
        GoldenCase(
            name: "cased_list",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A|cased:
            - 'One'
            - 'Two'
    condition: sel

"""#,
            kusto: .query("A in~ (\"One\", \"Two\")"),
            splunk: .query("A IN (\"One\", \"Two\")"),
            lucene: .query("A:(One OR Two)")),
        GoldenCase(
            name: "keyword_regex",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        '|re': 'ev[i1]l'
    condition: sel

"""#,
            kusto: .query("_=~ev[i1]l"),
            splunk: .query("ev[i1]l"),
            lucene: .refused("NotImplementedError")),
        GoldenCase(
            name: "utf16_wide",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Payload|wide|base64: 'cmd'
        Other|utf16|base64offset|contains: 'ab'
    condition: sel

"""#,
            kusto: .query("Payload =~ \"YwBtAGQA\" and (Other contains \"77u/YQBiAA\" or Other contains \"+7v2EAYgA=\" or Other contains \"vu79hA\")"),
            splunk: .query("Payload=\"YwBtAGQA\" Other=\"*77u/YQBiAA*\" OR Other=\"*+7v2EAYgA=*\" OR Other=\"*vu79hA*\""),
            lucene: .query("Payload:YwBtAGQA AND Other:(*77u\\/YQBiAA* OR *\\+7v2EAYgA\\=* OR *vu79hA*)")),
        GoldenCase(
            name: "and_list_has_all",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Tags|all:
            - 'a'
            - 'b'
    condition: sel

"""#,
            kusto: .query("Tags has_all (\"a\", \"b\")"),
            splunk: .query("Tags=\"a\" Tags=\"b\""),
            lucene: .query("Tags:a AND Tags:b")),
        GoldenCase(
            name: "not_one_of_filters",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endswith: '\x.exe'
    filter_main_a:
        User: 'SYSTEM'
    filter_optional_b:
        ParentImage|contains:
            - 'foo'
            - 'bar'
    condition: selection and not 1 of filter_main_* and not 1 of filter_optional_*

"""#,
            kusto: .query("Image endswith \"\\\\x.exe\" and (not(User =~ \"SYSTEM\")) and (not((ParentImage contains \"foo\" or ParentImage contains \"bar\")))"),
            splunk: .query("Image=\"*\\\\x.exe\" NOT User=\"SYSTEM\" NOT (ParentImage IN (\"*foo*\", \"*bar*\"))"),
            lucene: .query("Image:*\\\\x.exe AND (NOT User:SYSTEM) AND (NOT (ParentImage:(*foo* OR *bar*)))")),
        GoldenCase(
            name: "parenthesized_and",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    a:
        A: 1
    b:
        B: 2
    c:
        C: 3
    condition: (a and b) and c

"""#,
            kusto: .query("(A == 1 and B == 2) and C == 3"),
            splunk: .query("A=1 B=2 C=3"),
            lucene: .query("(A:1 AND B:2) AND C:3")),
        GoldenCase(
            name: "or_of_same_field_selections",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    a:
        Image: 'x'
    b:
        Image: 'y'
    condition: a or b

"""#,
            kusto: .query("Image in~ (\"x\", \"y\")"),
            splunk: .query("Image IN (\"x\", \"y\")"),
            lucene: .query("Image:(x OR y)")),
        GoldenCase(
            name: "regex_negated_and_keyword_number",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A: 1
    re:
        B|re: 'x"y'
    condition: sel and not re

"""#,
            kusto: .query("A == 1 and (not(B matches regex \"x\\\"y\"))"),
            splunk: .query("A=1\n| regex B!=\"x\\\"y\""),
            lucene: .query("A:1 AND (NOT B:/x\"y/)")),
        GoldenCase(
            name: "null_in_value_list",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A:
            - null
            - 'x'
    condition: sel

"""#,
            kusto: .query("isnull(A) or A =~ \"x\""),
            splunk: .query("NOT A=* OR A=\"x\""),
            lucene: .query("(NOT _exists_:A) OR A:x")),
        GoldenCase(
            name: "timestamp_parts",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Date|minute: 5
    condition: sel

"""#,
            kusto: .refused("NotImplementedError"),
            splunk: .refused("NotImplementedError"),
            lucene: .refused("NotImplementedError")),
        GoldenCase(
            name: "timestamp_part_list_and_compare",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        Date|hour:
            - 1
            - 2
        Other|day|gte: 3
    condition: sel

"""#,
            kusto: .query("(Date in~ (\"1\", \"2\")) and Other >= 3"),
            splunk: .query("Date IN (1, 2) Other>=3"),
            lucene: .query("(Date:(1 OR 2)) AND Other:>=3")),
        GoldenCase(
            name: "shared_detection_last_reference",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel1:
        'A|re': 'a.*b'
    keywords:
        B: 'y'
    condition: not (1 of them and all of sel*)

"""#,
            kusto: .query("not(((A matches regex \"a.*b\" or B =~ \"y\") and A matches regex \"a.*b\"))"),
            splunk: .query("NOT (B=\"y\")\n| regex A=\"a.*b\"\n| regex A=\"a.*b\""),
            lucene: .query("NOT ((A:/a.*b/ OR B:y) AND A:/a.*b/)")),
        GoldenCase(
            name: "shared_detection_two_items",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel1:
        'A|re': 'a.*b'
        C: 1
    keywords:
        B: 'y'
    condition: not (1 of them and all of sel*)

"""#,
            kusto: .query("not((((A matches regex \"a.*b\" and C == 1) or B =~ \"y\") and (A matches regex \"a.*b\" and C == 1)))"),
            splunk: .query("\n| rex field=A \"(?<AMatch>a.*b)\"\n| eval ACondition=if(isnotnull(AMatch), \"true\", \"false\")\n| search NOT ((ACondition=\"true\" C=1) OR B=\"y\" C=1)\n| regex A=\"a.*b\""),
            lucene: .query("NOT (((A:/a.*b/ AND C:1) OR B:y) AND (A:/a.*b/ AND C:1))")),
        GoldenCase(
            name: "single_element_list_is_not_an_or",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        - 'A|re': 'x'
    other:
        B: 1
    condition: sel and other

"""#,
            kusto: .query("A matches regex \"x\" and B == 1"),
            splunk: .query("B=1\n| regex A=\"x\""),
            lucene: .query("A:/x/ AND B:1")),
        GoldenCase(
            name: "splunk_fields_table",
            yaml: #"""
title: T
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
status: test
logsource:
    product: windows
    category: process_creation
detection:
    sel:
        A: 1
    condition: sel
fields:
    - Image
    - CommandLine

"""#,
            kusto: .query("A == 1"),
            splunk: .query("A=1 | table Image,CommandLine"),
            lucene: .query("A:1")),
    ]
}
