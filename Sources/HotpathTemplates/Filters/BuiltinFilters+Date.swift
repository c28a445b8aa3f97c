/// `date(style = "iso")`: ISO 8601 text or epoch seconds, normalized to UTC.
///
/// Styles: `"iso"` → `2026-11-20T02:00:00Z` (whole seconds), `"date"` → `2026-11-20`,
/// `"datetime"` → `2026-11-20 02:00 UTC`. Text may be `2026-11-20`, `2026-11-20T03:00`,
/// `2026-11-20T03:00:00.250+01:00`, `…Z`, with `T` or a space between date and time; text
/// without a zone is taken as UTC. Done with the proleptic Gregorian calendar directly rather
/// than Foundation's formatters, so output never depends on the machine's locale or time zone.
extension BuiltinFilters {
    static let date = TemplateFilter(arguments: 0...1) { value, arguments in
        let style = try TemplateFilter.stringArgument(arguments, at: 0, default: "iso", named: "style")
        guard ["iso", "date", "datetime"].contains(style) else {
            throw TemplateFilterError(
                .invalidValue, "expects a style of \"iso\", \"date\" or \"datetime\", found \"\(style)\"", argument: 0)
        }
        let seconds: Int
        switch value {
        case .int(let epoch):
            seconds = epoch
        case .double(let epoch):
            guard epoch.isFinite, Swift.abs(epoch) < 1e15 else {
                throw TemplateFilterError(
                    .invalidValue, "expects epoch seconds, found \(NumberFormatting.plain(epoch))")
            }
            seconds = Int(epoch.rounded(.down))
        case .string(let text):
            guard let parsed = ISO8601.epochSeconds(text) else {
                throw TemplateFilterError(
                    .invalidValue, "expects an ISO 8601 date such as \"2026-11-20T02:00:00Z\", found \"\(text)\"")
            }
            seconds = parsed
        default:
            throw TemplateFilterError.expected("ISO 8601 text or epoch seconds", found: value)
        }
        guard let text = ISO8601.format(epochSeconds: seconds, style: style) else {
            throw TemplateFilterError(
                .invalidValue, "expects a date in the years 0000 to 9999, found epoch seconds \(seconds)")
        }
        return .string(text)
    }
}

enum ISO8601 {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
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

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func format(epochSeconds seconds: Int, style: String) -> String? {
        // 0000-01-01T00:00:00Z ... 9999-12-31T23:59:59Z
        guard seconds >= -62_167_219_200, seconds <= 253_402_300_799 else { return nil }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(days: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        let date = "\(yearText)-\(two(month))-\(two(day))"
        let hour = two(secondOfDay / 3600)
        let minute = two(secondOfDay % 3600 / 60)
        switch style {
        case "date": return date
        case "datetime": return "\(date) \(hour):\(minute) UTC"
        default: return "\(date)T\(hour):\(minute):\(two(secondOfDay % 60))Z"
        }
    }

    /// Seconds since the epoch (fractions dropped), or `nil` when `text` is not ISO 8601.
    static func epochSeconds(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func consume(_ character: Character) -> Bool {
            guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
            index += 1
            return true
        }
        guard let year = number(4), consume("-"), let month = number(2), consume("-"), let day = number(2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        var seconds = days(year: year, month: month, day: day) * 86_400
        guard index < bytes.count else { return seconds }
        guard consume("T") || consume("t") || consume(" ") else { return nil }
        guard let hour = number(2), consume(":"), let minute = number(2), hour <= 23, minute <= 59 else { return nil }
        seconds += hour * 3600 + minute * 60
        if consume(":") {
            guard let second = number(2), second <= 60 else { return nil }
            seconds += second
            if consume(".") || consume(",") {
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        guard index < bytes.count else { return seconds }
        if consume("Z") || consume("z") { return index == bytes.count ? seconds : nil }
        let sign: Int
        if consume("+") {
            sign = 1
        } else if consume("-") {
            sign = -1
        } else {
            return nil
        }
        guard let offsetHours = number(2), offsetHours <= 23 else { return nil }
        var offsetMinutes = 0
        if index < bytes.count {
            _ = consume(":")
            guard let minutes = number(2), minutes <= 59 else { return nil }
            offsetMinutes = minutes
        }
        guard index == bytes.count else { return nil }
        return seconds - sign * (offsetHours * 3600 + offsetMinutes * 60)
    }
}
