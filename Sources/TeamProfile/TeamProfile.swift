import Foundation
import SigmaConvert
import TOMLKit

/// A team's choice of targets, the default for stored queries, guides and query exports.
public struct TeamProfile: Sendable, Hashable {
    /// Registry keys (`splunk/splunk_cim`, `kusto/sentinel_asim`), in the team's order.
    public var targets: [String]
    /// A name for the team, shown by `config show`.
    public var name: String?

    public init(targets: [String], name: String? = nil) {
        self.targets = targets
        self.name = name
    }

    /// The registered targets of the profile.
    public var descriptions: [TargetDescription] { targets.compactMap { Converter.target(key: $0) } }
}

/// Why a profile could not be read or written.
public enum ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not valid TOML or not shaped like a profile: `path:line:column: error: message`.
    case malformed(path: String, line: Int, column: Int, message: String)
    /// The profile names a target the registry does not know (a usage error).
    case unknownTarget(path: String, name: String)
    /// The file could not be read or written.
    case io(String)

    public var description: String {
        switch self {
        case .malformed(let path, let line, let column, let message):
            "\(path):\(line):\(column): error: \(message)"
        case .unknownTarget(let path, let name):
            "\(path): profile names unknown target '\(name)' (expected one of: \(ConverterRegistry.targetNames.joined(separator: ", ")))"
        case .io(let message): message
        }
    }
}

/// Reads and writes the profile at `$XDG_CONFIG_HOME/huntkb/config.toml` (`~/.config/huntkb/config.toml`).
public enum ProfileStore {
    /// The config file path for an environment.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/huntkb/config.toml" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/huntkb/config.toml"
    }

    /// The profile in the file, or nil without a file or without a `[profile]` table.
    public static func load(path: String = defaultPath()) throws(ProfileError) -> TeamProfile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .io("cannot read \(path): \(error.localizedDescription)")
        }
        return try parse(text, path: path)
    }

    /// A profile from TOML text; names are checked against the registry.
    public static func parse(_ text: String, path: String) throws(ProfileError) -> TeamProfile? {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .malformed(path: path, line: error.source.begin.line, column: error.source.begin.column,
                             message: error.description)
        } catch {
            throw .malformed(path: path, line: 1, column: 1, message: "\(error)")
        }
        guard let value = table["profile"] else { return nil }
        guard let profile = value.table else {
            throw malformed(path, text, key: "profile", "'profile' must be a table ([profile])")
        }
        var name: String?
        if let nameValue = profile["name"] {
            guard let text = nameValue.string else { throw malformed(path, text, key: "name", "'profile.name' must be a string") }
            name = text
        }
        var targets: [String] = []
        if let targetsValue = profile["targets"] {
            guard let array = targetsValue.array else {
                throw malformed(path, text, key: "targets", "'profile.targets' must be an array of target names")
            }
            for element in array {
                guard let raw = element.string else {
                    throw malformed(path, text, key: "targets", "'profile.targets' must be an array of target names")
                }
                guard let found = Converter.target(named: raw) else { throw .unknownTarget(path: path, name: raw) }
                if !targets.contains(found.key) { targets.append(found.key) }
            }
        }
        return TeamProfile(targets: targets, name: name)
    }

    /// Writes the profile, keeping the file's other tables; creates the folder when needed.
    public static func save(_ profile: TeamProfile, path: String = defaultPath()) throws(ProfileError) {
        let table: TOMLTable
        if FileManager.default.fileExists(atPath: path),
           let text = try? String(contentsOfFile: path, encoding: .utf8) {
            do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
                throw .malformed(path: path, line: error.source.begin.line, column: error.source.begin.column,
                                 message: error.description)
            } catch {
                throw .malformed(path: path, line: 1, column: 1, message: "\(error)")
            }
        } else {
            table = TOMLTable()
        }
        let section = TOMLTable()
        if let name = profile.name { section["name"] = name }
        section["targets"] = TOMLArray(profile.targets)
        table["profile"] = section
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try (table.convert(to: .toml) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .io("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Removes the `[profile]` table (today's defaults apply again).
    public static func clear(path: String = defaultPath()) throws(ProfileError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw .io("cannot remove \(path): \(error.localizedDescription)")
        }
    }

    /// A shape error placed on the line where `key` first appears.
    private static func malformed(_ path: String, _ text: String, key: String, _ message: String) -> ProfileError {
        var line = 1
        for (index, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = content.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(key) || trimmed.hasPrefix("[" + key) { line = index + 1; break }
        }
        return .malformed(path: path, line: line, column: 1, message: message)
    }
}
