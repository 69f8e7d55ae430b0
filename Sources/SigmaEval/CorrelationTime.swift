/// Event times and correlation timespans as seconds.
///
/// Written by hand rather than with `ISO8601DateFormatter`: event exports mix `T` and space separators, zero to
/// nine fractional digits and missing zones, which one formatter configuration does not accept, and a formatter
/// per event is far slower than this scan.
public enum CorrelationTime {
    /// The fields an event's time is read from, first present wins: evtx renderings, Elastic/ECS, plain exports.
    public static let standardFields = ["TimeCreated_SystemTime", "@timestamp", "timestamp", "UtcTime", "EventTime", "_time"]

    /// Seconds of a `timespan:` (`15m`); `M` is 30 days and `y` 365 days, as pySigma counts them.
    public static func timespan(_ text: String) -> Double? {
        guard let unit = text.last, let n = Int(text.dropLast()), n > 0 else { return nil }
        let scale: Double
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 7 * 86_400
        case "M": scale = 30 * 86_400
        case "y": scale = 365 * 86_400
        default: return nil
        }
        return Double(n) * scale
    }

    /// Seconds since 1970 of an ISO 8601 time (`2024-05-01T10:00:00.123Z`, `2024-05-01 10:00:00`, with an
    /// offset `+02:00`/`+0200`; no zone is UTC) or of a plain number (seconds, or milliseconds past 1e11).
    public static func seconds(_ text: String) -> Double? {
        // No ISO date parses as a number.
        if let number = Double(text), number.isFinite {
            return abs(number) >= 1e11 ? number / 1000 : number
        }
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let d = Int(b[k]) - 48
                guard d >= 0, d <= 9 else { return nil }
                v = v * 10 + d
            }
            i += n
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year, month, day)) * 86_400
        guard i < b.count else { return seconds }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = digits(2), expect(":"), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        if expect(":") {
            guard let s = digits(2), s <= 60 else { return nil }
            second = s
        }
        seconds += Double(hour * 3_600 + minute * 60 + second)
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
            i += 1
            var scale = 0.1
            var any = false
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                seconds += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        guard i < b.count else { return seconds }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            return i + 1 == b.count ? seconds : nil
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Double = b[i] == UInt8(ascii: "+") ? 1 : -1
        i += 1
        guard let oh = digits(2) else { return nil }
        _ = expect(":")
        guard let om = digits(2), i == b.count, oh < 24, om < 60 else { return nil }
        return seconds - sign * Double(oh * 3_600 + om * 60)
    }

    /// Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
