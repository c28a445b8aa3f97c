import Foundation

/// Human-readable numbers with units scaled by magnitude, used in recommendation texts,
/// terminal output and page templates alike so every surface says the same thing.
public enum UnitFormat {
    /// Nanoseconds as `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`, `2 min 5 s`; three significant digits.
    public static func duration(_ nanoseconds: Double, significantDigits: Int = 3) -> String {
        guard nanoseconds.isFinite else { return nanoseconds.isNaN ? "NaN" : (nanoseconds > 0 ? "∞" : "−∞") }
        let sign = nanoseconds < 0 ? "−" : ""
        let value = abs(nanoseconds)
        if value >= 120e9 {
            // Past 2^53 seconds (a dump's nonsense, not a measurement) minutes and seconds mean
            // nothing and would overflow an Int: scientific notation instead.
            guard value / 1e9 < 9.0e15 else { return sign + String(format: "%.3g s", locale: nil, value / 1e9) }
            let totalSeconds = Int((value / 1e9).rounded())
            return "\(sign)\(totalSeconds / 60) min \(totalSeconds % 60) s"
        }
        // Pick the unit after rounding, so 999.6 ns reads 1.00 µs, not 1000 ns.
        let units: [(Double, String)] = [(1, "ns"), (1e3, "µs"), (1e6, "ms"), (1e9, "s")]
        var index = units.lastIndex { value >= $0.0 } ?? 0
        var text = significant(value / units[index].0, digits: significantDigits)
        if index < units.count - 1, let rounded = Double(text), rounded >= 1000 {
            index += 1
            text = significant(value / units[index].0, digits: significantDigits)
        }
        return sign + text + " " + units[index].1
    }

    /// A value in its metric's unit: a duration for time, a binary size for bytes, a number otherwise.
    public static func measure(_ value: Double, _ unit: MetricUnit) -> String {
        switch unit {
        case .nanoseconds: duration(value)
        case .bytes: bytes(value)
        case .count: grouped(value, decimals: abs(value) < 100 && value.rounded() != value ? 2 : 0)
        }
    }

    /// Bytes in binary units: `512 B`, `1.5 KiB`, `23.4 MiB`, `1.02 GiB`.
    public static func bytes(_ count: Double, significantDigits: Int = 3) -> String {
        guard count.isFinite else { return "NaN" }
        let sign = count < 0 ? "−" : ""
        let value = abs(count)
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var scaled = value
        var index = 0
        while scaled >= 1024, index < units.count - 1 {
            scaled /= 1024
            index += 1
        }
        if index == 0 { return "\(sign)\(Int(value.rounded())) B" }
        return sign + significant(scaled, digits: significantDigits) + " " + units[index]
    }

    /// A fraction as a percentage: `0.1234` → `12.3%`.
    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        guard fraction.isFinite else { return "NaN" }
        return fixed(fraction * 100, digits: digits) + "%"
    }

    /// A signed relative change: `+12.3%`, `−4.0%`, `±0.0%`.
    public static func change(_ fraction: Double, digits: Int = 1) -> String {
        guard fraction.isFinite else { return "NaN" }
        let text = fixed(abs(fraction) * 100, digits: digits)
        if Double(text) == 0 { return "±" + text + "%" }
        return (fraction > 0 ? "+" : "−") + text + "%"
    }

    /// A speedup factor: `1.234` → `1.23×`.
    public static func speedup(_ factor: Double) -> String {
        fixed(factor, digits: 2) + "×"
    }

    /// A change with its interval: `+11.4% [+6.2%, +16.8%]`.
    public static func change(_ interval: ChangeInterval, digits: Int = 1) -> String {
        change(interval.estimate, digits: digits) + " [" + change(interval.lower, digits: digits) + ", "
            + change(interval.upper, digits: digits) + "]"
    }

    /// A raw p-value and its adjusted value: `p = 0.004, adjusted 0.031`.
    public static func pValue(_ p: Double, adjusted: Double?) -> String {
        guard let adjusted else { return pValue(p) }
        return pValue(p) + ", adjusted " + adjustedPValue(adjusted)
    }

    /// An adjusted p-value on its own, where a column or the words say what it is: `< 0.001` or `0.031`.
    public static func adjustedPValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : fixed(p, digits: 3)
    }

    /// A p-value: `p < 0.001` or `p = 0.012`.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = " + fixed(p, digits: 3)
    }

    /// Digits grouped by thousands: `12400` → `12,400`.
    public static func grouped(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "NaN" }
        let text = fixed(abs(value), digits: decimals)
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groupedInteger = ""
        while integer.count > 3 {
            groupedInteger = "," + integer.suffix(3) + groupedInteger
            integer = String(integer.dropLast(3))
        }
        groupedInteger = integer + groupedInteger
        let sign = value < 0 && Double(text) != 0 ? "−" : ""
        return sign + groupedInteger + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Fixed decimals, `.` as separator, independent of locale: what `printf("%.*f")` writes
    /// (ties to even on the binary value, `-0.0` for a negative value that rounds to zero).
    public static func fixed(_ value: Double, digits: Int) -> String {
        printfDigits(value, decimals: max(0, digits)) ?? String(format: "%.\(max(0, digits))f", locale: nil, value)
    }

    /// `digits` significant digits without trailing exponent notation: 1.23, 12.3, 123.
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value != 0 else { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        var decimals = max(0, digits - 1 - magnitude)
        // Rounding can carry into a new digit (999.6 → 1000): recompute once.
        let rounded = (value * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
        if rounded != 0, Int(floor(log10(abs(rounded)))) > magnitude { decimals = max(0, decimals - 1) }
        return fixed(value, digits: decimals)
    }
}
