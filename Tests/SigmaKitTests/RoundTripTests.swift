import Foundation
import Testing
@testable import SigmaKit

/// The normalized JSON form of parsed detections: stable and lossless.
@Suite("Detection JSON")
struct RoundTripTests {
    @Test func everyValueKindRoundTrips() throws {
        let rule = try parsedRule(ruleYAML("""
            sel:
                a|contains|all: [x, 'y*z']
                b|re|i: '^a'
                c|cidr: 10.0.0.0/8
                d|gt: 5
                e|fieldref|endswith: F
                f|exists: true
                g|windash|base64offset: '-x'
                h|expand: '%p%'
                i: null
                j: [1, 2.5, yes]
                k|cased: A
                l|neq: 3
            kw:
                - plain
                - m: 1
            """, condition: "sel and not 1 of k*"))
        let data = try DetectionJSON.encode(rule.detection)
        let back = try DetectionJSON.decode(data)
        #expect(back == rule.detection)
        // Stable: encoding twice gives the same bytes.
        #expect(try DetectionJSON.encode(back) == data)
    }
}
