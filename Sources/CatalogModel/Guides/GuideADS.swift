import Foundation

/// Alerting-and-Detection-Strategy sections an analyst wrote for a rule (all optional).
public struct GuideADS: Sendable, Hashable, Codable {
    public var goal: String?
    public var blindSpots: String?
    public var validation: String?
    public var response: String?
    public var priority: String?

    public init(goal: String? = nil, blindSpots: String? = nil, validation: String? = nil, response: String? = nil,
                priority: String? = nil) {
        self.goal = goal
        self.blindSpots = blindSpots
        self.validation = validation
        self.response = response
        self.priority = priority
    }

    /// The sections present, as (guide-file key, display title, text), in ADS order.
    public var sections: [(key: String, title: String, text: String)] {
        [("goal", "Goal", goal), ("blind_spots", "Blind spots and assumptions", blindSpots),
         ("validation", "Validation", validation), ("priority", "Priority", priority), ("response", "Response", response)]
            .compactMap { key, title, text in
                guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
                return (key, title, text)
            }
    }

    public var isEmpty: Bool { sections.isEmpty }
}
