/// The resource limits for one rule file, shared by every command (validate, convert, import, fuzzing).
public enum SigmaLimits {
    /// Largest rule file read, in bytes (the largest SigmaHQ rule is about 100 kB).
    public static let maxFileBytes = 4 * 1024 * 1024
    /// Most YAML nodes one file may hold once aliases are expanded (a large Sigma rule has a few thousand).
    public static let maxNodes = 200_000
    /// Deepest YAML nesting accepted (Sigma rules nest less than ten levels).
    public static let maxDepth = 200

    /// The file limit as people read it, e.g. "4 MB".
    public static var maxFileBytesText: String { "\(maxFileBytes / 1024 / 1024) MB" }
}
