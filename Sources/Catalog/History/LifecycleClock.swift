import Foundation

/// "Now" for lifecycle records and reports: the system clock, or the fixed instant the caller injects.
///
/// The catalog never reads the environment for it: the CLI reads `HUNTKB_NOW` once (`init(overriding:)`) and hands
/// the clock to the catalog it opens (`AppDatabase.clock`) and to the importer, so reports are reproducible.
public struct LifecycleClock: Sendable, Equatable {
    /// The fixed instant, nil for the system clock.
    public let fixedNow: Date?

    public init(fixedNow: Date?) {
        self.fixedNow = fixedNow
    }

    /// The real clock.
    public static let system = LifecycleClock(fixedNow: nil)

    /// The clock a `HUNTKB_NOW` value asks for: `YYYY-MM-DD` (midnight UTC) or a full ISO 8601 timestamp. It exists
    /// for tests and for replaying a sync on a given day; nil or an unparsable value is the system clock.
    public init(overriding text: String?) {
        self.init(fixedNow: text.flatMap(Self.parse))
    }

    public func now() -> Date {
        fixedNow ?? Date()
    }

    /// `2024-05-01T10:00:00Z`
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `2024-05-01` (UTC)
    public static func day(_ date: Date) -> String {
        String(timestamp(date).prefix(10))
    }

    /// Parses `YYYY-MM-DD` (UTC midnight) or ISO 8601 with a zone.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if isDay(trimmed) {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            formatter.timeZone = TimeZone(identifier: "UTC")
            return formatter.date(from: trimmed)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: trimmed)
    }

    /// Whether `text` is a real calendar day written `YYYY-MM-DD`.
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day) else {
            return false
        }
        return true
    }
}
