import Foundation
import Testing
import TeamProfile

/// Reading and writing the team profile (TOML) and its failure modes.
struct TeamProfileTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("huntkb-profile-\(UUID().uuidString)/huntkb/config.toml").path
    }

    @Test func pathFollowsXDGThenHome() {
        #expect(ProfileStore.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/huntkb/config.toml")
        #expect(ProfileStore.defaultPath(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/huntkb/config.toml")
    }

    @Test func namesResolveToKeysInOrder() throws {
        let profile = try ProfileStore.parse("[profile]\ntargets = [\"cim\", \"asim\", \"splunk/splunk_cim\"]\n", path: "c.toml")
        #expect(profile?.targets == ["splunk/splunk_cim", "kusto/sentinel_asim"])
    }

    @Test func noProfileTableIsNoProfile() throws {
        #expect(try ProfileStore.parse("[other]\nx = 1\n", path: "c.toml") == nil)
        #expect(try ProfileStore.load(path: Self.temporaryPath()) == nil)
    }

    @Test func saveThenLoadRoundTrips() throws {
        let path = Self.temporaryPath()
        try ProfileStore.save(TeamProfile(targets: ["splunk/splunk_cim", "lucene"], name: "SOC"), path: path)
        #expect(try ProfileStore.load(path: path) == TeamProfile(targets: ["splunk/splunk_cim", "lucene"], name: "SOC"))
        try ProfileStore.clear(path: path)
        #expect(try ProfileStore.load(path: path) == nil)
    }

    @Test func malformedTOMLHasAPosition() {
        #expect(throws: ProfileError.self) { try ProfileStore.parse("[profile]\ntargets = [\"cim\",\n", path: "c.toml") }
        do {
            _ = try ProfileStore.parse("[profile]\ntargets = [\"cim\",\n", path: "c.toml")
        } catch {
            guard case .malformed(let path, let line, _, _) = error else { Issue.record("\(error)"); return }
            #expect(path == "c.toml" && line == 2)
            #expect(error.description.hasPrefix("c.toml:2:"))
            #expect(error.description.contains(": error: "))
        }
    }

    @Test func wrongShapeIsMalformedOnItsLine() {
        do {
            _ = try ProfileStore.parse("# team\n[profile]\ntargets = \"cim\"\n", path: "c.toml")
            Issue.record("accepted a string for targets")
        } catch {
            #expect(error.description == "c.toml:3:1: error: 'profile.targets' must be an array of target names")
        }
    }

    @Test func unknownTargetIsItsOwnError() {
        do {
            _ = try ProfileStore.parse("[profile]\ntargets = [\"qradar\"]\n", path: "c.toml")
            Issue.record("accepted an unknown target")
        } catch {
            #expect(error == .unknownTarget(path: "c.toml", name: "qradar"))
            #expect(error.description.contains("expected one of: kusto/sentinel_asim"))
        }
    }
}
