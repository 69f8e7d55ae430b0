/// Paths in reports are shown relative to the folder the run imported, so a report reads the same on every
/// clone (and tests can compare it exactly).
enum RelativePath {
    static func relative(_ path: String?, to roots: [String]) -> String? {
        guard let path else { return nil }
        for root in roots.sorted(by: { $0.count > $1.count }) {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return path
    }
}
