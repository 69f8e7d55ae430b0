/// The last `huntkb test` of a rule, as a guide shows it: the events it ran on and the outcome.
public struct GuideValidation: Sendable, Hashable, Codable {
    public var passed: Bool
    /// Records evaluated, attack and benign together.
    public var events: Int
    /// Attack and benign records, when the stored result says (results of older runs do not).
    public var attackEvents: Int?
    public var benignEvents: Int?
    /// YYYY-MM-DD.
    public var testedOn: String
    /// For a failed test: the first failing check and its detail.
    public var failure: String?

    public init(passed: Bool, events: Int, attackEvents: Int? = nil, benignEvents: Int? = nil, testedOn: String,
                failure: String? = nil) {
        self.passed = passed
        self.events = events
        self.attackEvents = attackEvents
        self.benignEvents = benignEvents
        self.testedOn = testedOn
        self.failure = failure
    }
}
