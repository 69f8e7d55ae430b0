import Testing
@testable import SigmaEval
import SigmaKit

@Suite("Matching of values and modifiers")
struct ModifierMatchTests {
    @Test func plainValueIsCaseInsensitiveAndWhole() throws {
        let r = selection("Image: 'C:\\Windows\\System32\\cmd.exe'")
        #expect(try matches(r, ["Image": "c:\\windows\\system32\\CMD.EXE"]))
        #expect(try !matches(r, ["Image": "C:\\Windows\\System32\\cmd.exe.bak"]))
    }

    @Test func unicodeCaseFolding() throws {
        // SQLite's LIKE and lower() fold ASCII only; the spec asks for case-insensitive matching.
        let r = selection("User|contains: 'ÄRGER'")
        #expect(try matches(r, ["User": "der ärger"]))
        let greek = selection("CommandLine: 'ΣΊΣΥΦΟΣ'")
        #expect(try matches(greek, ["CommandLine": "σίσυφοσ"]))
    }

    @Test func wildcardsAndEscapes() throws {
        let r = selection("CommandLine: 'a*b?c'")
        #expect(try matches(r, ["CommandLine": "AxxxBxc"]))
        #expect(try matches(r, ["CommandLine": "abéc"]))  // `?` is one character, not one byte
        #expect(try !matches(r, ["CommandLine": "abc"]))
        let escaped = selection("CommandLine: 'a\\*b\\?'")
        #expect(try matches(escaped, ["CommandLine": "a*b?"]))
        #expect(try !matches(escaped, ["CommandLine": "axb?"]))
        let backslash = selection("Path: 'C:\\\\share\\*'")
        #expect(try matches(backslash, ["Path": "C:\\share*"]))
    }

    @Test func containsStartsEndsAndAll() throws {
        #expect(try matches(selection("CommandLine|contains: 'vssadmin'"), ["CommandLine": "x VSSADMIN y"]))
        #expect(try matches(selection("Image|endswith: '\\cmd.exe'"), ["Image": "C:\\x\\cmd.exe"]))
        #expect(try !matches(selection("Image|endswith: '\\cmd.exe'"), ["Image": "C:\\x\\cmd.exe2"]))
        #expect(try matches(selection("Image|startswith: 'C:\\Users'"), ["Image": "c:\\users\\a"]))
        let all = selection("CommandLine|contains|all: ['delete', 'shadows']")
        #expect(try matches(all, ["CommandLine": "vssadmin delete shadows /all"]))
        #expect(try !matches(all, ["CommandLine": "vssadmin delete"]))
    }

    @Test func regexWithFlags() throws {
        let sensitive = selection("CommandLine|re: 'Invoke-[A-Z]+'")
        #expect(try matches(sensitive, ["CommandLine": "powershell Invoke-MIMI"]))
        #expect(try !matches(sensitive, ["CommandLine": "powershell invoke-mimi"]))
        #expect(try matches(selection("CommandLine|re|i: 'invoke-[a-z]+'"), ["CommandLine": "INVOKE-MIMI"]))
        #expect(try matches(selection("CommandLine|re|m: '^second$'"), ["CommandLine": "first\nsecond\nthird"]))
        #expect(try !matches(selection("CommandLine|re: '^second$'"), ["CommandLine": "first\nsecond\nthird"]))
        #expect(try matches(selection("CommandLine|re|s: 'a.b'"), ["CommandLine": "a\nb"]))
        #expect(try !matches(selection("CommandLine|re: 'a.b'"), ["CommandLine": "a\nb"]))
        // Python syntax: named groups.
        #expect(try matches(selection("CommandLine|re: '(?P<x>ab)(?P=x)'"), ["CommandLine": "zabab"]))
    }

    @Test func addressesReadFromBytesAsSigmaKitReadsThem() {
        let texts = ["10.20.30.40", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..3.4",
                     ".1.2.3", "1.2.3.", "1.2.3.4 ", " 1.2.3.4", "1234.1.1.1", "1.2.3.4\u{301}", "١.2.3.4", "", ".", "a.b.c.d",
                     "::1", "fe80::1c2d:3e4f", "::ffff:10.0.0.1", "000.1.2.3", "0.00.1.2"]
        for text in texts {
            let fast = Array(text.utf8).withUnsafeBufferPointer { ValueTest.address($0) }
            #expect(fast == SigmaSyntax.ipAddressBytes(text), "\(text)")
        }
    }

    @Test func cidrIPv4AndIPv6() throws {
        let v4 = selection("DestinationIp|cidr: '10.0.0.0/8'")
        #expect(try matches(v4, ["DestinationIp": "10.20.30.40"]))
        #expect(try !matches(v4, ["DestinationIp": "11.0.0.1"]))
        #expect(try !matches(v4, ["DestinationIp": "not an ip"]))
        let v6 = selection("DestinationIp|cidr: 'fe80::/10'")
        #expect(try matches(v6, ["DestinationIp": "fe80::1c2d:3e4f"]))
        #expect(try matches(v6, ["DestinationIp": "FEBF:0:0:0:0:0:0:1"]))
        #expect(try !matches(v6, ["DestinationIp": "fec0::1"]))
        #expect(try !matches(v6, ["DestinationIp": "10.0.0.1"]))
    }

    @Test func base64AndOffsets() throws {
        #expect(try matches(selection("CommandLine|base64: 'http://'"), ["CommandLine": "aHR0cDovL"]) == false)
        #expect(try matches(selection("CommandLine|base64|contains: 'http://'"), ["CommandLine": "x aHR0cDovLw== y"]))
        let offset = selection("CommandLine|base64offset|contains: 'Invoke'")
        // "Invoke" at each of the three alignments.
        for encoded in ["SW52b2tl", "ludm9rZ", "JbnZva2"] {
            #expect(try matches(offset, ["CommandLine": "powershell -enc AA\(encoded)AA"]), "\(encoded)")
        }
    }

    @Test func wideThenBase64() throws {
        let r = selection("CommandLine|wide|base64offset|contains: 'ping'")
        // base64 of UTF-16LE "ping" = cABpAG4AZwA=
        #expect(try matches(r, ["CommandLine": "-e cABpAG4AZwA"]))
        #expect(try !matches(r, ["CommandLine": "-e cGluZw"]))
    }

    @Test func windashEveryDashVariant() throws {
        let r = selection("CommandLine|windash|contains: ' -exec '")
        for dash in ["-", "/", "\u{2013}", "\u{2014}", "\u{2015}"] {
            #expect(try matches(r, ["CommandLine": "x \(dash)exec bypass"]), "\(dash)")
        }
        #expect(try !matches(r, ["CommandLine": "x _exec bypass"]))
    }

    @Test func numericComparisonIsNumericNotText() throws {
        let r = selection("LogonType|gt: 9")
        #expect(try matches(r, ["LogonType": "10"]))  // "10" < "9" as text
        #expect(try !matches(r, ["LogonType": "9"]))
        #expect(try !matches(r, ["LogonType": "abc"]))
        #expect(try matches(selection("Size|lte: 2.5"), ["Size": "2.5"]))
        #expect(try matches(selection("Size|gte: 100"), ["Size": "100"]))
        #expect(try matches(selection("Size|lt: 100"), ["Size": "-3"]))
    }

    @Test func numberEqualsItsSpelling() throws {
        let r = selection("EventID: 4624")
        #expect(try matches(r, ["EventID": "4624"]))
        #expect(try !matches(r, ["EventID": "46240"]))
    }

    @Test func existsAndNull() throws {
        #expect(try matches(selection("ParentImage|exists: true"), ["ParentImage": ""]))
        #expect(try !matches(selection("ParentImage|exists: true"), ["Image": "x"]))
        #expect(try matches(selection("ParentImage|exists: false"), ["Image": "x"]))
        // null: the field is absent; an empty value is not null.
        #expect(try matches(selection("ParentImage: null"), ["Image": "x"]))
        #expect(try !matches(selection("ParentImage: null"), ["ParentImage": ""]))
        #expect(try matches(selection("ParentImage: ''"), ["ParentImage": ""]))
        #expect(try !matches(selection("ParentImage: ''"), ["Image": "x"]))
    }

    @Test func fieldReference() throws {
        let r = selection("ParentUser|fieldref: User")
        #expect(try matches(r, ["User": "SYSTEM", "ParentUser": "system"]))
        #expect(try !matches(r, ["User": "SYSTEM", "ParentUser": "admin"]))
        #expect(try !matches(r, ["ParentUser": "admin"]))
        #expect(try matches(selection("CommandLine|fieldref|contains: Image"), ["Image": "a.exe", "CommandLine": "run A.EXE now"]))
    }

    @Test func expandWithUnfilledPlaceholderIsRefused() throws {
        let r = selection("Image|expand: '%Admins%'")
        #expect(throws: RuleRefusal.self) { try CompiledRule.compile(r, mode: .detection) }
    }

    @Test func neqNegatesTheItem() throws {
        let r = selection("User|neq: SYSTEM")
        #expect(try matches(r, ["User": "admin"]))
        #expect(try !matches(r, ["User": "system"]))
    }

    @Test func casedIsCaseSensitive() throws {
        let r = selection("CommandLine|cased: 'ABC'")
        #expect(try matches(r, ["CommandLine": "ABC"]))
        #expect(try !matches(r, ["CommandLine": "abc"]))
    }
}
