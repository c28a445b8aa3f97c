import Foundation
import HotpathModel
import HotpathTemplates

/// The template filters that write a report's numbers and dates, each one `UnitFormat` under
/// the name templates use: `{{ x | percent }}` on a page is `UnitFormat.percent(x)` in Swift,
/// to the character, so a value reads the same in a table, a sentence and the Markdown.
///
/// The template engine knows nothing about profiles and ships none of these; `SiteRenderer`
/// registers them on every manager it renders with (see `SiteRenderer.templateManager`).
/// Each checks its value and arguments with the engine's helpers, so a wrong one is an error
/// pointing at the filter: `filter 'duration' expects a number of nanoseconds, found a string "12 ms"`.
public enum UnitFilters {
    /// Every unit filter, by the name templates use.
    public static let all: [String: TemplateFilter] = [
        "duration": duration, "bytes": bytes, "percent": percent, "change": change, "speedup": speedup,
        "pvalue": pvalue, "date": date,
    ]

    /// The most digits an argument may ask for: past 17, a `Double` has no more to show.
    static let maximumDigits = 17

    /// `duration(digits = 3)`: a number of **nanoseconds**, `UnitFormat.duration`: `850 ns`,
    /// `1.50 µs`, `4.56 ms`, `2 min 5 s`, `1 h 2 min`, to `digits` significant digits.
    static let duration = TemplateFilter(arguments: 0...1) { value, arguments in
        let nanoseconds = try TemplateFilter.finiteNumber(value, for: "a number of nanoseconds")
        let digits = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 3, in: 1...maximumDigits, named: "significant digits")
        return .string(UnitFormat.duration(nanoseconds, significantDigits: digits))
    }

    /// `bytes(digits = 3)`: a byte count in binary units, `UnitFormat.bytes`: `512 B`,
    /// `1.50 KiB`, `23.4 MiB`, to `digits` significant digits.
    static let bytes = TemplateFilter(arguments: 0...1) { value, arguments in
        let count = try TemplateFilter.finiteNumber(value, for: "a number of bytes")
        let digits = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 3, in: 1...maximumDigits, named: "significant digits")
        return .string(UnitFormat.bytes(count, significantDigits: digits))
    }

    /// `percent(decimals = 1)`: a fraction as a percentage, `UnitFormat.percent`: `12.3%`, `−4.0%`.
    static let percent = TemplateFilter(arguments: 0...1) { value, arguments in
        let fraction = try TemplateFilter.finiteNumber(value, for: "a fraction")
        let decimals = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 1, in: 0...maximumDigits, named: "decimals")
        return .string(UnitFormat.percent(fraction, digits: decimals))
    }

    /// `change(decimals = 1)`: a signed relative change, `UnitFormat.change`: `+12.3%`, `−4.0%`, `±0.0%`.
    static let change = TemplateFilter(arguments: 0...1) { value, arguments in
        let fraction = try TemplateFilter.finiteNumber(value, for: "a relative change (a fraction)")
        let decimals = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 1, in: 0...maximumDigits, named: "decimals")
        return .string(UnitFormat.change(fraction, digits: decimals))
    }

    /// `speedup(decimals = 2)`: a ratio with a multiplication sign, `UnitFormat.speedup`: `1.23×`.
    static let speedup = TemplateFilter(arguments: 0...1) { value, arguments in
        let ratio = try TemplateFilter.finiteNumber(value, for: "a ratio")
        let decimals = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 2, in: 0...maximumDigits, named: "decimals")
        return .string(UnitFormat.speedup(ratio, digits: decimals))
    }

    /// `pvalue`: a probability from 0 to 1, `UnitFormat.pValue`: `p < 0.001`, `p = 0.012`.
    static let pvalue = TemplateFilter { value, _ in
        let probability = try TemplateFilter.finiteNumber(value, for: "a p-value")
        guard probability >= 0, probability <= 1 else {
            throw TemplateFilterError(.invalidValue, "expects a p-value from 0 to 1, found \(probability)")
        }
        return .string(UnitFormat.pValue(probability))
    }

    /// `date(style = "iso")`: ISO 8601 text (`UnitFormat.parseISO8601`) or epoch seconds,
    /// written in UTC by `UnitFormat.iso8601`: `"iso"` → `2026-11-20T02:00:00Z`, `"date"` →
    /// `2026-11-20`, `"datetime"` → `2026-11-20 02:00 UTC`.
    static let date = TemplateFilter(arguments: 0...1) { value, arguments in
        let name = try TemplateFilter.stringArgument(arguments, at: 0, default: "iso", named: "style")
        guard let style = UnitFormat.DateStyle(rawValue: name) else {
            throw TemplateFilterError(
                .invalidValue, "expects a style of \"iso\", \"date\" or \"datetime\", found \"\(name)\"", argument: 0)
        }
        let date: Date
        let epochSeconds: Int
        switch value {
        case .int(let epoch):
            date = Date(timeIntervalSince1970: Double(epoch))
            epochSeconds = epoch
        case .double(let epoch):
            guard epoch.isFinite, abs(epoch) < 1e15 else {
                throw TemplateFilterError(
                    .invalidValue, "expects epoch seconds, found \(plain(epoch))")
            }
            date = Date(timeIntervalSince1970: epoch)
            epochSeconds = Int(epoch.rounded(.down))
        case .string(let text):
            guard let parsed = UnitFormat.parseISO8601(text) else {
                throw TemplateFilterError(
                    .invalidValue, "expects an ISO 8601 date such as \"2026-11-20T02:00:00Z\", found \"\(text)\"")
            }
            date = parsed
            epochSeconds = Int(parsed.timeIntervalSince1970.rounded(.down))
        default:
            throw TemplateFilterError.expected("ISO 8601 text or epoch seconds", found: value)
        }
        guard let text = UnitFormat.iso8601(date, style: style) else {
            throw TemplateFilterError(
                .invalidValue, "expects a date in the years 0000 to 9999, found epoch seconds \(epochSeconds)")
        }
        return .string(text)
    }

    /// A number as the engine's messages write one: shortest digits, `NaN`, `∞`, `-∞`.
    private static func plain(_ number: Double) -> String {
        number.isNaN ? "NaN" : number.isInfinite ? (number < 0 ? "-∞" : "∞") : "\(number)"
    }
}
