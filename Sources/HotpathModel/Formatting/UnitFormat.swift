import Foundation

/// Human-readable numbers with units scaled by magnitude, used in recommendation texts,
/// terminal output and page templates alike so every surface says the same thing.
public enum UnitFormat {
    /// Nanoseconds as `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`, to `significantDigits`
    /// significant digits with trailing zeros kept (`1.50 µs`), in the unit the rounded value
    /// calls for (`999.6 ns` is `1.00 µs`); from 120 s on `2 min 5 s`, from an hour on
    /// `1 h 2 min`, from 100 hours on whole hours, `1,234 h`. Negative values (a time saved)
    /// take the minus sign U+2212: `−2.00 ms`.
    public static func duration(_ nanoseconds: Double, significantDigits: Int = 3) -> String {
        guard nanoseconds.isFinite else { return nanoseconds.isNaN ? "NaN" : (nanoseconds > 0 ? "∞" : "−∞") }
        let sign = nanoseconds < 0 ? "−" : ""
        let value = abs(nanoseconds)
        if value >= 120e9 {
            // Past 2^53 seconds (a dump's nonsense, not a measurement) minutes and seconds mean
            // nothing and would overflow an Int: scientific notation instead.
            guard value / 1e9 < 9.0e15 else { return sign + String(format: "%.3g s", locale: nil, value / 1e9) }
            let totalSeconds = Int((value / 1e9).rounded())
            if totalSeconds < 3600 { return "\(sign)\(totalSeconds / 60) min \(totalSeconds % 60) s" }
            // From an hour on, seconds no longer matter; from 100 hours on, minutes neither.
            let totalMinutes = Int((Double(totalSeconds) / 60).rounded())
            if totalMinutes < 6000 { return "\(sign)\(totalMinutes / 60) h \(totalMinutes % 60) min" }
            return sign + grouped((Double(totalSeconds) / 3600).rounded()) + " h"
        }
        // Pick the unit after rounding, so 999.6 ns reads 1.00 µs, not 1000 ns.
        var index = value >= 1e9 ? 3 : value >= 1e6 ? 2 : value >= 1e3 ? 1 : 0
        var text = significant(value / durationUnit(index).scale, digits: significantDigits)
        if index < 3, integerPart(of: text) >= 1000 {
            index += 1
            text = significant(value / durationUnit(index).scale, digits: significantDigits)
        }
        return "\(sign)\(text)\(durationUnit(index).suffix)"
    }

    /// Nanoseconds per unit and the unit's suffix; a switch rather than a table, so the hot
    /// path (a template filter per table cell) allocates nothing.
    private static func durationUnit(_ index: Int) -> (scale: Double, suffix: String) {
        switch index {
        case 0: (1, " ns")
        case 1: (1e3, " µs")
        case 2: (1e6, " ms")
        default: (1e9, " s")
        }
    }

    /// A value in its metric's unit: a duration for time, a binary size for bytes, a number otherwise.
    public static func measure(_ value: Double, _ unit: MetricUnit) -> String {
        switch unit {
        case .nanoseconds: duration(value)
        case .bytes: bytes(value)
        case .count: grouped(value, decimals: abs(value) < 100 && value.rounded() != value ? 2 : 0)
        case .samples:
            grouped(value, decimals: abs(value) < 100 && value.rounded() != value ? 2 : 0)
                + (value == 1 ? " sample" : " samples")
        }
    }

    /// Bytes in binary units (1024): `512 B`, `1.50 KiB`, `23.4 MiB`, `1.02 GiB`, up to EiB, to
    /// `significantDigits` significant digits with trailing zeros kept; integer digits are never
    /// rounded away (`1023 KiB`), and a value that rounds up to 1024 moves to the next unit
    /// (`1023.7 KiB` is `1.00 MiB`). Negative values (memory given back) take U+2212, unless
    /// they round to zero.
    public static func bytes(_ count: Double, significantDigits: Int = 3) -> String {
        guard count.isFinite else { return "NaN" }
        let value = abs(count)
        var index = 0
        var scaled = value
        while scaled >= 1024, index < 6 {
            scaled /= 1024
            index += 1
        }
        if index == 0 {
            let whole = value.rounded()
            if whole < 1024 { return (count < 0 && whole > 0 ? "−" : "") + "\(Int(whole)) B" }
            index = 1
            scaled = value / 1024
        }
        var text = significant(scaled, digits: significantDigits)
        if index < 6, integerPart(of: text) >= 1024 {
            index += 1
            text = significant(scaled / 1024, digits: significantDigits)
        }
        return "\(count < 0 ? "−" : "")\(text)\(byteUnit(index))"
    }

    /// The suffix of 1024^index bytes; a switch, as for durations.
    private static func byteUnit(_ index: Int) -> String {
        switch index {
        case 0: " B"
        case 1: " KiB"
        case 2: " MiB"
        case 3: " GiB"
        case 4: " TiB"
        case 5: " PiB"
        default: " EiB"
        }
    }

    /// A fraction as a percentage with `digits` decimals: `0.1234` → `12.3%`; a negative one
    /// takes U+2212 (`−4.0%`), unless it rounds to zero (`0.0%`, never `−0.0%`).
    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        guard fraction.isFinite else { return "NaN" }
        let text = fixed(abs(fraction) * 100, digits: digits)
        return "\(fraction < 0 && !isZero(text) ? "−" : "")\(text)%"
    }

    /// A signed relative change with `digits` decimals: `+12.3%`, `−4.0%` (U+2212), and `±0.0%`
    /// for anything that rounds to zero.
    public static func change(_ fraction: Double, digits: Int = 1) -> String {
        guard fraction.isFinite else { return "NaN" }
        let text = fixed(abs(fraction) * 100, digits: digits)
        if isZero(text) { return "±\(text)%" }
        return "\(fraction > 0 ? "+" : "−")\(text)%"
    }

    /// A speedup factor with two decimals: `1.234` → `1.23×`, `12.34` → `12.34×`.
    public static func speedup(_ factor: Double) -> String {
        speedup(factor, digits: 2)
    }

    /// A speedup factor with `digits` decimals: `speedup(1.5, digits: 1)` → `1.5×`.
    public static func speedup(_ factor: Double, digits: Int) -> String {
        "\(fixed(factor, digits: digits))×"
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
    /// The commas go in by bytes, into a string of the final length: every count and sample
    /// total of a page passes here, and splitting and joining `Character`s showed in profiles.
    public static func grouped(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "NaN" }
        var text = fixed(abs(value), digits: decimals)
        let sign = value < 0 && !isZero(text) ? "−" : ""
        let digits = text.withUTF8 { bytes in
            // `fixed` writes ASCII digits, then at most one point and the decimals.
            let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
            let commas = max(0, point - 1) / 3
            return String(unsafeUninitializedCapacity: bytes.count + commas) { output in
                var count = 0
                for (index, byte) in bytes.enumerated() {
                    if index > 0, index < point, (point - index) % 3 == 0 {
                        output[count] = UInt8(ascii: ",")
                        count += 1
                    }
                    output[count] = byte
                    count += 1
                }
                return count
            }
        }
        return sign + digits
    }

    /// Fixed decimals, `.` as separator, independent of locale: what `printf("%.*f")` writes
    /// (ties to even on the binary value, `-0.0` for a negative value that rounds to zero).
    public static func fixed(_ value: Double, digits: Int) -> String {
        printfDigits(value, decimals: max(0, digits)) ?? String(format: "%.\(max(0, digits))f", locale: nil, value)
    }

    /// Whether a number written by `fixed` shows only zeros: `0.00`, `-0.0`.
    private static func isZero(_ text: String) -> Bool {
        !text.utf8.contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
    }

    /// The digits before the point of a number written by `fixed` (no sign), up to 10^9:
    /// whether a rounded value reached the next unit, without parsing a `Double`.
    private static func integerPart(of text: String) -> Int {
        var value = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < 1_000_000_000 else { break }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `digits` significant digits without trailing exponent notation: 1.23, 12.3, 123.
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value != 0 else { return "0" }
        let magnitude = decimalExponent(abs(value))
        var decimals = max(0, digits - 1 - magnitude)
        // Rounding can carry into a new digit (999.6 → 1000): recompute once.
        let scale = decimals <= 17 ? powerOfTen(decimals) : pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        // Not finite for a value within a few powers of ten of the smallest double (the scale overflows).
        if rounded != 0, rounded.isFinite, decimalExponent(abs(rounded)) > magnitude {
            decimals = max(0, decimals - 1)
        }
        return fixed(value, digits: decimals)
    }
}
