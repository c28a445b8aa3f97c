/// Unit and statistics formatting: what a performance report's numbers look like.
extension BuiltinFilters {
    /// `duration(digits = 3)`: a number of **nanoseconds**, in the unit its magnitude calls for,
    /// to `digits` significant digits without trailing zeros: `850 ns`, `12.3 µs`, `4.56 ms`,
    /// `1.23 s`; from 120 s on, `2 min 5 s`, and from an hour on, `1 h 2 min`. Negative values
    /// keep their sign (`-1.5 ms`, a time saved).
    static let duration = TemplateFilter(arguments: 0...1) { value, arguments in
        let nanoseconds = try finiteNumber(value, for: "a number of nanoseconds")
        let digits = try integerArgument(arguments, at: 0, default: 3, in: 1...NumberFormatting.maximumDecimals, named: "significant digits")
        return .string(formatDuration(nanoseconds, digits: digits))
    }

    private static let durationUnits: [(suffix: String, scale: Double)] = [("ns", 1), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)]
    private static let byteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    /// How many digits stand before the point in a formatted magnitude.
    private static func integerDigitCount(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") { break }
            count += 1
        }
        return count
    }

    static func formatDuration(_ nanoseconds: Double, digits: Int) -> String {
        let magnitude = Swift.abs(nanoseconds)
        let sign = nanoseconds < 0 ? "-" : ""
        if magnitude >= 120e9 {
            let totalSeconds = (magnitude / 1e9).rounded()
            if totalSeconds < 3600 {
                let minutes = Int(totalSeconds / 60)
                let seconds = Int(totalSeconds) - minutes * 60
                return sign + (seconds == 0 ? "\(minutes) min" : "\(minutes) min \(seconds) s")
            }
            let totalMinutes = (totalSeconds / 60).rounded()
            let hours = (totalMinutes / 60).rounded(.down)
            let minutes = Int(totalMinutes - hours * 60)
            let hoursText = NumberFormatting.digits(ofIntegral: hours)
            return sign + (minutes == 0 ? "\(hoursText) h" : "\(hoursText) h \(minutes) min")
        }
        let units = durationUnits
        var unit = 0
        while unit + 1 < units.count, magnitude >= units[unit + 1].scale { unit += 1 }
        var text = NumberFormatting.significant(magnitude / units[unit].scale, digits: digits, trimZeros: true)
        // 999.96 µs rounds to "1000": say "1 ms" instead.
        if unit + 1 < units.count, integerDigitCount(text) >= 4 {
            unit += 1
            text = NumberFormatting.significant(magnitude / units[unit].scale, digits: digits, trimZeros: true)
        }
        return (text == "0" ? "" : sign) + text + " " + units[unit].suffix
    }

    /// `bytes(digits = 3)`: a byte count in binary units: `512 B`, `1.5 KiB`, `23.4 MiB`,
    /// `1.02 GiB`, up to EiB. Integer digits are never rounded away (`1023 KiB`).
    static let bytes = TemplateFilter(arguments: 0...1) { value, arguments in
        let count = try finiteNumber(value, for: "a number of bytes")
        let digits = try integerArgument(arguments, at: 0, default: 3, in: 1...NumberFormatting.maximumDecimals, named: "significant digits")
        return .string(formatBytes(count, digits: digits))
    }

    static func formatBytes(_ count: Double, digits: Int) -> String {
        let magnitude = Swift.abs(count)
        let suffixes = byteUnits
        var unit = 0
        var scaled = magnitude
        while unit + 1 < suffixes.count, scaled >= 1024 {
            scaled /= 1024
            unit += 1
        }
        var text: String
        if unit == 0 {
            text = NumberFormatting.fixed(scaled, decimals: 0)
        } else {
            text = NumberFormatting.significant(scaled, digits: digits, trimZeros: true)
            if unit + 1 < suffixes.count, integerDigitCount(text) >= 4, (Double(text) ?? 0) >= 1024 {
                unit += 1
                text = NumberFormatting.significant(scaled / 1024, digits: digits, trimZeros: true)
            }
        }
        if unit == 0, text == "1024" {
            unit = 1
            text = "1"
        }
        return signed(count, text) + " " + suffixes[unit]
    }

    /// `percent(decimals = 1)`: a fraction as a percentage: `0.123` → `12.3%`.
    static let percent = TemplateFilter(arguments: 0...1) { value, arguments in
        let fraction = try finiteNumber(value, for: "a fraction")
        let decimals = try integerArgument(arguments, at: 0, default: 1, in: 0...NumberFormatting.maximumDecimals, named: "decimals")
        let text = NumberFormatting.fixed(Swift.abs(fraction) * 100, decimals: decimals)
        return .string(signed(fraction, text) + "%")
    }

    /// `change(decimals = 1)`: a signed relative change: `+12.3%`, `−4.0%` (U+2212, the real
    /// minus sign), and `±0.0%` for anything that rounds to zero.
    static let change = TemplateFilter(arguments: 0...1) { value, arguments in
        let fraction = try finiteNumber(value, for: "a relative change (a fraction)")
        let decimals = try integerArgument(arguments, at: 0, default: 1, in: 0...NumberFormatting.maximumDecimals, named: "decimals")
        let text = NumberFormatting.fixed(Swift.abs(fraction) * 100, decimals: decimals)
        let isZero = !text.contains(where: { $0 != "0" && $0 != "." })
        let sign = isZero ? "±" : fraction > 0 ? "+" : "\u{2212}"
        return .string(sign + text + "%")
    }

    /// `speedup(digits = 3)`: a ratio with a multiplication sign, to `digits` significant
    /// digits, zeros kept so columns line up: `1.234` → `1.23×`, `1.5` → `1.50×`, `12.34` → `12.3×`.
    static let speedup = TemplateFilter(arguments: 0...1) { value, arguments in
        let ratio = try finiteNumber(value, for: "a ratio")
        let digits = try integerArgument(arguments, at: 0, default: 3, in: 1...NumberFormatting.maximumDecimals, named: "significant digits")
        let text = NumberFormatting.significant(Swift.abs(ratio), digits: digits, trimZeros: false)
        return .string(signed(ratio, text) + "×")
    }

    /// `pvalue`: a probability from 0 to 1 as reports print it: `p < 0.001` below 0.001,
    /// else `p = 0.012` (three decimals).
    static let pvalue = TemplateFilter { value, _ in
        let probability = try finiteNumber(value, for: "a p-value")
        guard probability >= 0, probability <= 1 else {
            throw TemplateFilterError(.invalidValue, "expects a p-value from 0 to 1, found \(NumberFormatting.plain(probability))")
        }
        if probability < 0.001 { return .string("p < 0.001") }
        return .string("p = " + NumberFormatting.fixed(probability, decimals: 3))
    }
}
