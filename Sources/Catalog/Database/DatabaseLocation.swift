import Foundation

/// Where the catalog lives: `--db PATH`, else `$HUNTKB_DB`, else `$XDG_DATA_HOME/huntkb/huntkb.sqlite`
/// (`~/.local/share/huntkb/huntkb.sqlite` when XDG_DATA_HOME is unset or empty).
public enum DatabaseLocation {
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return expandTilde(explicit, environment) }
        if let env = environment["HUNTKB_DB"], !env.isEmpty { return expandTilde(env, environment) }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty, xdg.hasPrefix("/") {
            // The XDG spec says relative values are invalid and must be ignored.
            dataHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/huntkb/huntkb.sqlite"
    }

    private static func expandTilde(_ path: String, _ environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
