import Foundation

/// printf's `%.*f` without printf, for `UnitFormat.fixed`.
///
/// Every page formats thousands of numbers (each table row has its durations, shares and
/// changes), and `String(format:)` costs about 3 µs a call on Linux, twenty times the rest of
/// the work. This computes the same digits from the double itself in the common case and says
/// when it cannot, so the text is always exactly what printf writes.
extension UnitFormat {
    /// `value` with `decimals` digits after the point, exactly as `printf("%.*f")` writes it:
    /// correctly rounded from the binary value (ties to even) and with a `-` on every negative
    /// value, `-0.0` included. `nil` when the value is not finite, the product `|value| ×
    /// 10^decimals` is 2^43 or more, or the exact product lies so close to a half that the
    /// rounded product cannot tell which way it goes (an exact tie such as `0.125` at two
    /// decimals is one): the caller then asks printf.
    static func printfDigits(_ value: Double, decimals: Int) -> String? {
        roundedDigits(value, decimals: decimals).map {
            decimalText($0, decimals: decimals, negative: value.sign == .minus)
        }
    }

    /// The digits `printfDigits` writes, as the integer `|value| × 10^decimals` rounded as
    /// printf rounds it (`12.35` at one decimal is `123`); nil where `printfDigits` is. For
    /// callers that write the digits themselves (a chart's thousands of coordinates).
    public static func roundedDigits(_ value: Double, decimals: Int) -> UInt64? {
        guard value.isFinite, decimals >= 0, decimals <= 17 else { return nil }
        // 10^decimals is exact up to 10^22, so the product is rounded once: below 2^43 its ulp
        // is at most 2^-10 and it lies within 2^-11 of the exact product.
        let scaled = value.magnitude * powerOfTen(decimals)
        guard scaled < 0x1p43 else { return nil }
        let whole = scaled.rounded(.down)
        let fraction = scaled - whole  // exact: whole ≤ scaled < 2 × whole, or whole is 0
        guard (fraction - 0.5).magnitude > 0x1p-10 else { return nil }
        return UInt64(whole) + (fraction > 0.5 ? 1 : 0)
    }

    /// `digits / 10^decimals` written out: `decimalText(1234, decimals: 2)` is `12.34`,
    /// `decimalText(5, decimals: 3)` is `0.005`. Written back to front into a buffer on the
    /// stack, then copied into the string once: at most 20 digits, a point, 17 leading zeros
    /// and a sign.
    public static func decimalText(_ digits: UInt64, decimals: Int, negative: Bool) -> String {
        withDecimal(digits, decimals: decimals, negative: negative) { String(decoding: $0, as: UTF8.self) }
    }

    /// `decimalText`'s bytes appended to `bytes`, with no string made (a night's trend tables
    /// are half a million numbers).
    public static func appendDecimal(_ digits: UInt64, decimals: Int, negative: Bool, to bytes: inout [UInt8]) {
        withDecimal(digits, decimals: decimals, negative: negative) { bytes.append(contentsOf: $0) }
    }

    private static func withDecimal<Result>(
        _ digits: UInt64, decimals: Int, negative: Bool, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var position = buffer.count
            var rest = digits
            var written = 0
            while rest > 0 || written <= decimals {
                if written == decimals, decimals > 0 {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
            }
            if negative {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            return body(UnsafeMutableBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// `Int(floor(log10(value)))` for a finite `value` > 0, exactly as `log10` decides it, but
    /// by comparing with powers of ten from 1 to 10^17 (a few nanoseconds rather than twenty):
    /// `log10` is asked only below 1, from 10^17 on, and within 10^-13 under a power of ten,
    /// where it may round up to that power.
    public static func decimalExponent(_ value: Double) -> Int {
        guard value >= 1, value < 1e17 else { return Int(floor(log10(value))) }
        var exponent = 0
        while exponent < 16, value >= powerOfTen(exponent + 1) { exponent += 1 }
        if value >= powerOfTen(exponent + 1) * (1 - 1e-13) { return Int(floor(log10(value))) }
        return exponent
    }

    /// 10^exponent for 0...17, exact (as `pow(10, exponent)` is). A switch rather than a table,
    /// so the hot path reads no lazily initialized global.
    public static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        default: 1e17
        }
    }
}
