import ArgumentParser
import Foundation
import SigmaConvert
import TeamProfile

/// `huntkb config`: the team profile (default targets for import, guide and queries).
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or set the team profile: the targets import, guide and queries use by default.",
        discussion: """
            The profile lives in $XDG_CONFIG_HOME/huntkb/config.toml (~/.config/huntkb/config.toml):
              [profile]
              targets = ["splunk/splunk_cim", "kusto/sentinel_asim"]
            Without a profile, import and queries refresh store every target and guide shows the stored ones.
            A profile naming an unknown target is a usage error (64); a malformed file is reported as \
            path:line:column: error: message (exit 2).

            TARGETS (keys or short names)
            \(ConfigCommand.targetsHelp)
            """,
        subcommands: [ConfigShowCommand.self, ConfigSetCommand.self, ConfigUnsetCommand.self],
        defaultSubcommand: ConfigShowCommand.self
    )

    static var targetsHelp: String {
        Converter.targets.map { target in
            "  " + target.key.padding(toLength: 34, withPad: " ", startingAt: 0) + target.siemName
                + (target.aliases.isEmpty ? "" : " (" + target.aliases.joined(separator: ", ") + ")")
        }.joined(separator: "\n")
    }
}

/// `huntkb config show`
struct ConfigShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the profile and where it is read from.")

    func run() throws {
        try runReportingErrors {
            let path = ProfileStore.defaultPath()
            guard let profile = try ProfileDefaults.load(path: path) else {
                print("no profile (\(path)); defaults: every target")
                return
            }
            print("profile: \(path)")
            if let name = profile.name { print("name: \(name)") }
            for target in profile.descriptions {
                print("target: \(target.key) — \(target.siemName), \(target.language), \(target.pipelineLabel)")
            }
        }
    }
}

/// `huntkb config set targets LIST`
struct ConfigSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set the profile's targets in one command, e.g. 'huntkb config set targets splunk_cim'."
    )

    /// The settings `set` knows.
    enum Key: String, ExpressibleByArgument, CaseIterable {
        case targets
    }

    @Argument(help: "What to set: targets.") var key: Key
    @Argument(help: ArgumentHelp("Comma-separated target keys or short names.", valueName: "list")) var value: String
    @Option(help: ArgumentHelp("A name for the team's profile.", valueName: "name")) var name: String?

    func run() throws {
        try runReportingErrors {
            var targets: [String] = []
            for raw in value.split(separator: ",") {
                let name = raw.trimmingCharacters(in: .whitespaces)
                if name.isEmpty { continue }
                guard let found = Converter.target(named: name) else {
                    throw UsageError("unknown target '\(name)' (expected one of: \(ConverterRegistry.targetNames.joined(separator: ", ")))")
                }
                if !targets.contains(found.key) { targets.append(found.key) }
            }
            if targets.isEmpty { throw UsageError("name at least one target") }
            let path = ProfileStore.defaultPath()
            // An unreadable existing profile is reported, not overwritten.
            let previous = try? ProfileStore.load(path: path)
            do throws(ProfileError) {
                try ProfileStore.save(TeamProfile(targets: targets, name: name ?? previous?.name), path: path)
            } catch {
                throw ProfileDefaults.mapped(error)
            }
            print("profile targets: \(targets.joined(separator: ", ")) (\(path))")
        }
    }
}

/// `huntkb config unset`
struct ConfigUnsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove the profile (today's defaults apply).")

    func run() throws {
        try runReportingErrors {
            do throws(ProfileError) { try ProfileStore.clear() } catch { throw ProfileDefaults.mapped(error) }
            print("profile removed")
        }
    }
}

/// The profile as the other commands use it, with errors mapped to the documented exit codes.
enum ProfileDefaults {
    static func load(path: String = ProfileStore.defaultPath()) throws -> TeamProfile? {
        do throws(ProfileError) {
            return try ProfileStore.load(path: path)
        } catch {
            throw mapped(error)
        }
    }

    /// The profile's target keys, or nil without a profile (or with an empty target list).
    static func targetKeys() throws -> [String]? {
        guard let profile = try load(), !profile.targets.isEmpty else { return nil }
        return profile.targets
    }

    static func mapped(_ error: ProfileError) -> any Error {
        switch error {
        case .malformed: ProfileFileError(line: error.description)
        case .unknownTarget: UsageError(error.description)
        case .io(let message): FatalError(message)
        }
    }
}

/// A malformed config file: its own `path:line:column: error:` line, exit status 2.
struct ProfileFileError: Error {
    var line: String
}
