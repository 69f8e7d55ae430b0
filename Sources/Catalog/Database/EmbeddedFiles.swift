/// Access to the migrations and seed compiled into the binary by the EmbedResources plugin.
public enum EmbeddedFiles {
    /// Every embedded file, sorted by path.
    public static var all: [(path: String, text: String)] { EmbeddedResources.files }

    /// `migrations/NNNN_name.sql` files in order, as (identifier `NNNN_name`, SQL).
    public static var migrations: [(identifier: String, sql: String)] {
        all.filter { $0.path.hasPrefix("migrations/") && $0.path.hasSuffix(".sql") }
            .sorted { $0.path < $1.path }
            .map { file in
                let name = String(file.path.dropFirst("migrations/".count).dropLast(".sql".count))
                return (name, file.text)
            }
    }

    /// Files under `seed/` (path relative to the package root, e.g. `seed/rules/x.yml`).
    public static var seed: [(path: String, text: String)] {
        all.filter { $0.path.hasPrefix("seed/") }
    }
}
