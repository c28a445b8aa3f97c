import Foundation

/// Dates as ISO 8601 text, read and written with the proleptic Gregorian calendar directly
/// rather than Foundation's formatters, so the text never depends on the machine's locale or
/// time zone, and the forms dumps really write (no zone, a space for the `T`, a comma before
/// the fraction) are read.
extension UnitFormat {
    /// How `iso8601(_:style:)` writes a date, always in UTC. The raw values are the names the
    /// `date` template filter takes.
    public enum DateStyle: String, Sendable, CaseIterable {
        /// `2026-11-20T02:00:00Z`: ISO 8601 to the second.
        case iso
        /// `2026-11-20`.
        case date
        /// `2026-11-20 02:00 UTC`: to the minute, for people.
        case dateTime = "datetime"
    }

    /// The instant ISO 8601 `text` names, as dumps and tools write it: a date (`2026-11-20`),
    /// then optionally `T`, `t` or a space and a time (`03:00`, `03:00:00`, `03:00:00.250` or
    /// `03:00:00,250`), then optionally a zone: `Z` or `z`, `+01:00`, `+0100`, `+01`, `-04:30`.
    /// Text without a zone is taken as UTC (Google Benchmark, pyperf and pytest-benchmark often
    /// write none), a date alone as its midnight UTC, second 60 (a leap second) as the next
    /// minute's first. Fractional seconds are kept.
    ///
    /// `nil` for anything else, including a day the month does not have (`2026-02-30`), an hour
    /// past 23, an offset past 23:59 and any text after the zone.
    public static func parseISO8601(_ text: String) -> Date? {
        var reader = ISO8601Reader(text)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
            let day = reader.number(2), (1...12).contains(month), day >= 1,
            day <= daysInMonth(year: year, month: month)
        else { return nil }
        var seconds = days(year: year, month: month, day: day) * 86_400
        guard !reader.atEnd else { return Date(timeIntervalSince1970: Double(seconds)) }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" "), let hour = reader.number(2), reader.skip(":"),
            let minute = reader.number(2), hour <= 23, minute <= 59
        else { return nil }
        seconds += hour * 3600 + minute * 60
        var fraction = 0.0
        if reader.skip(":") {
            guard let second = reader.number(2), second <= 60 else { return nil }
            seconds += second
            if reader.skip(".") || reader.skip(",") {
                guard let digits = reader.digits() else { return nil }
                fraction = Double("0." + digits) ?? 0
            }
        }
        if reader.skip("Z") || reader.skip("z") {
            guard reader.atEnd else { return nil }
        } else if !reader.atEnd {
            let sign: Int
            if reader.skip("+") {
                sign = 1
            } else if reader.skip("-") {
                sign = -1
            } else {
                return nil
            }
            guard let hours = reader.number(2), hours <= 23 else { return nil }
            var minutes = 0
            if !reader.atEnd {
                _ = reader.skip(":")
                guard let offsetMinutes = reader.number(2), offsetMinutes <= 59, reader.atEnd else { return nil }
                minutes = offsetMinutes
            }
            seconds -= sign * (hours * 3600 + minutes * 60)
        }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `date` in UTC as `style` writes it, the seconds' fraction dropped (rounded down, so an
    /// instant is never written as a later one): `2026-11-20T02:00:00Z`, `2026-11-20`,
    /// `2026-11-20 02:00 UTC`. `nil` for a date outside the years 0000 to 9999, which ISO 8601's
    /// four-digit years cannot write.
    public static func iso8601(_ date: Date, style: DateStyle = .iso) -> String? {
        let interval = date.timeIntervalSince1970.rounded(.down)
        // 0000-01-01T00:00:00Z ... 9999-12-31T23:59:59Z
        guard interval >= -62_167_219_200, interval <= 253_402_300_799 else { return nil }
        let seconds = Int(interval)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(days: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        let dateText = "\(yearText)-\(two(month))-\(two(day))"
        let hour = two(secondOfDay / 3600)
        let minute = two(secondOfDay % 3600 / 60)
        switch style {
        case .iso: return "\(dateText)T\(hour):\(minute):\(two(secondOfDay % 60))Z"
        case .date: return dateText
        case .dateTime: return "\(dateText) \(hour):\(minute) UTC"
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (Hinnant's `civil_from_days`).
    private static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A cursor over the UTF-8 bytes of ISO 8601 text.
private struct ISO8601Reader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var atEnd: Bool { index == bytes.count }

    /// Exactly `count` decimal digits, as a number.
    mutating func number(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<(index + count)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    /// One or more decimal digits, as text.
    mutating func digits() -> String? {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}
