import Catalog
import Foundation

/// The command line's one clock: `HUNTKB_NOW` is read here, once per process, and the clock is handed to the
/// catalog each command opens (`AppDatabase.clock`) and to whatever the command itself dates (guides, the site,
/// scenarios, `stale`'s day of reference).
enum CommandClock {
    static let current = LifecycleClock(overriding: ProcessInfo.processInfo.environment["HUNTKB_NOW"])

    /// Today (UTC) as `YYYY-MM-DD`.
    static var today: String { LifecycleClock.day(current.now()) }

    /// Now as an ISO 8601 timestamp (`generated at` lines).
    static var timestamp: String { LifecycleClock.timestamp(current.now()) }
}
