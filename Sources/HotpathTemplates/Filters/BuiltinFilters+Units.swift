/// Unit and statistics formatting: what a performance report's numbers look like.
extension BuiltinFilters {
    /// `duration(digits = 3)`: a number of **nanoseconds**, in the unit its magnitude calls for,
    /// to `digits` significant digits without trailing zeros: `850 ns`, `12.3 µs`, `4.56 ms`,
    /// `1.23 s`; from 120 s on, `2 min 5 s`, from an hour on, `1 h 2 min`, and from 100 hours on,
    /// whole hours (`1,234 h`). Negative values
    /// keep their sign (`-1.5 ms`, a time saved).
    static let duration = TemplateFilter(arguments: 0...1) { value, arguments in
        let nanoseconds = try TemplateFilter.finiteNumber(value, for: "a number of nanoseconds")
        let digits = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 3, in: 1...NumberFormatting.maximumDecimals, named: "significant digits")
        return .string(formatDuration(nanoseconds, digits: digits))
    }

    /// Suffix and nanoseconds per unit; a switch rather than a table, so the hot path reads no
    /// lazily initialized global.
    @inline(__always)
    private static func durationUnit(_ index: Int) -> (suffix: String, scale: Double) {
        switch index {
        case 0: (" ns", 1)
        case 1: (" µs", 1e3)
        case 2: (" ms", 1e6)
        default: (" s", 1e9)
        }
    }

    private static let byteUnits = [" B", " KiB", " MiB", " GiB", " TiB", " PiB", " EiB"]

    static func formatDuration(_ nanoseconds: Double, digits: Int) -> String {
        let magnitude = Swift.abs(nanoseconds)
        if magnitude >= 120e9 {
            let sign = nanoseconds < 0 ? "-" : ""
            let totalSeconds = (magnitude / 1e9).rounded()
            if totalSeconds < 3600 {
                let minutes = Int(totalSeconds / 60)
                let seconds = Int(totalSeconds) - minutes * 60
                return sign + (seconds == 0 ? "\(minutes) min" : "\(minutes) min \(seconds) s")
            }
            let totalMinutes = (totalSeconds / 60).rounded()
            let hours = (totalMinutes / 60).rounded(.down)
            // From 100 h on, minutes no longer matter (and past 2^53 they are not even known).
            if hours >= 100 {
                return sign + NumberFormatting.fixed((totalMinutes / 60).rounded(), decimals: 0, grouping: true) + " h"
            }
            let minutes = Int(totalMinutes - hours * 60)
            return sign + (minutes == 0 ? "\(Int(hours)) h" : "\(Int(hours)) h \(minutes) min")
        }
        var unit = magnitude >= 1e9 ? 3 : magnitude >= 1e6 ? 2 : magnitude >= 1e3 ? 1 : 0
        // 999.96 µs rounds to 1000 µs: say 1 ms instead.
        var shown = NumberFormatting.roundedSignificant(magnitude / durationUnit(unit).scale, digits: digits)
        if unit < 3, shown >= 1000 {
            unit += 1
            shown = NumberFormatting.roundedSignificant(magnitude / durationUnit(unit).scale, digits: digits)
        }
        let (suffix, scale) = durationUnit(unit)
        return NumberFormatting.significant(
            magnitude / scale, digits: digits, trimZeros: true, prefix: nanoseconds < 0 && shown > 0 ? "-" : "",
            suffix: suffix)
    }

    /// `bytes(digits = 3)`: a byte count in binary units: `512 B`, `1.5 KiB`, `23.4 MiB`,
    /// `1.02 GiB`, up to EiB. Integer digits are never rounded away (`1023 KiB`).
    static let bytes = TemplateFilter(arguments: 0...1) { value, arguments in
        let count = try TemplateFilter.finiteNumber(value, for: "a number of bytes")
        let digits = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 3, in: 1...NumberFormatting.maximumDecimals, named: "significant digits")
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
        if unit == 0 {
            let whole = magnitude.rounded()
            if whole < 1024 {
                return NumberFormatting.fixed(
                    whole, decimals: 0, prefix: count < 0 && whole > 0 ? "-" : "", suffix: suffixes[0])
            }
            unit = 1
            scaled = whole / 1024
        }
        // 1023.7 KiB shows as 1024 KiB: say 1 MiB instead.
        if unit + 1 < suffixes.count, NumberFormatting.roundedSignificant(scaled, digits: digits) >= 1024 {
            unit += 1
            scaled /= 1024
        }
        return NumberFormatting.significant(
            scaled, digits: digits, trimZeros: true, prefix: count < 0 ? "-" : "", suffix: suffixes[unit])
    }

    /// `percent(decimals = 1)`: a fraction as a percentage: `0.123` → `12.3%`.
    static let percent = TemplateFilter(arguments: 0...1) { value, arguments in
        let fraction = try TemplateFilter.finiteNumber(value, for: "a fraction")
        let decimals = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 1, in: 0...NumberFormatting.maximumDecimals, named: "decimals")
        let percentage = fraction * 100
        return .string(
            NumberFormatting.fixed(
                Swift.abs(percentage), decimals: decimals, prefix: minus(percentage, decimals: decimals), suffix: "%"))
    }

    /// `change(decimals = 1)`: a signed relative change: `+12.3%`, `−4.0%` (U+2212, the real
    /// minus sign), and `±0.0%` for anything that rounds to zero.
    static let change = TemplateFilter(arguments: 0...1) { value, arguments in
        let fraction = try TemplateFilter.finiteNumber(value, for: "a relative change (a fraction)")
        let decimals = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 1, in: 0...NumberFormatting.maximumDecimals, named: "decimals")
        let percentage = fraction * 100
        let isZero = (Swift.abs(percentage) * NumberFormatting.power(decimals)).rounded() == 0
        let sign = isZero ? "±" : fraction > 0 ? "+" : "\u{2212}"
        return .string(NumberFormatting.fixed(Swift.abs(percentage), decimals: decimals, prefix: sign, suffix: "%"))
    }

    /// `speedup(digits = 3)`: a ratio with a multiplication sign, to `digits` significant
    /// digits, zeros kept so columns line up: `1.234` → `1.23×`, `1.5` → `1.50×`, `12.34` → `12.3×`.
    static let speedup = TemplateFilter(arguments: 0...1) { value, arguments in
        let ratio = try TemplateFilter.finiteNumber(value, for: "a ratio")
        let digits = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 3, in: 1...NumberFormatting.maximumDecimals, named: "significant digits")
        let shown = NumberFormatting.roundedSignificant(Swift.abs(ratio), digits: digits)
        return .string(
            NumberFormatting.significant(
                Swift.abs(ratio), digits: digits, trimZeros: false, prefix: ratio < 0 && shown > 0 ? "-" : "",
                suffix: "×"))
    }

    /// `pvalue`: a probability from 0 to 1 as reports print it: `p < 0.001` below 0.001,
    /// else `p = 0.012` (three decimals).
    static let pvalue = TemplateFilter { value, _ in
        let probability = try TemplateFilter.finiteNumber(value, for: "a p-value")
        guard probability >= 0, probability <= 1 else {
            throw TemplateFilterError(
                .invalidValue, "expects a p-value from 0 to 1, found \(NumberFormatting.plain(probability))")
        }
        if probability < 0.001 { return .string("p < 0.001") }
        return .string("p = " + NumberFormatting.fixed(probability, decimals: 3))
    }
}
