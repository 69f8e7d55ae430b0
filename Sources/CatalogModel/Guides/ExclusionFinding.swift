import Foundation

/// A risky exclusion: something an attacker can satisfy to hide from the rule.
public struct ExclusionFinding: Sendable, Hashable, Codable {
    /// Stable identifier, e.g. `fp-privileged-account`.
    public var code: String
    /// Where: `example filter` or `Sigma filter` (with the field when there is one).
    public var subject: String
    public var reason: String
    /// The safer pattern to use instead.
    public var safer: String

    public init(code: String, subject: String, reason: String, safer: String) {
        self.code = code
        self.subject = subject
        self.reason = reason
        self.safer = safer
    }

    /// `warning[code]: subject: reason; safer: ...`, in the style of the validator's warnings.
    public var line: String { "warning: \(subject): \(reason) [\(code)]; safer: \(safer)" }
}
