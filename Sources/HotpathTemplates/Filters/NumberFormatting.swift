/// Decimal formatting without Foundation or C's `printf`, for the generic number filters
/// (`number`, `fixed`): fixed decimals and thousands grouping, deterministic on every platform
/// and locale. (Units, percentages and dates are Hotpath's, in `UnitFormat`.)
///
/// Rounding is half away from zero on the binary value, so `1.005` (really 1.00499…) rounds to
/// `1.00`, as `printf` would.
enum NumberFormatting {
    /// The most decimals any filter accepts: past 17, a `Double` has no more digits to show.
    static let maximumDecimals = 17

    /// 10^exponent, exact for 0...22. A switch rather than a table: a static array would be a
    /// lazily initialized global, checked on every call on the rendering hot path.
    static func power(_ exponent: Int) -> Double {
        switch exponent {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        case 22: return 1e22
        default:
            var result = 1.0
            if exponent > 0 {
                for _ in 0..<exponent { result *= 10 }
            } else {
                for _ in 0..<(-exponent) { result /= 10 }
            }
            return result
        }
    }

    /// Below this, `magnitude × 10^decimals` fits a `UInt64` and formats with integer arithmetic.
    private static let fastLimit = 9.0e18

    /// `magnitude` (finite, ≥ 0) with exactly `decimals` digits after the point: "12400.50";
    /// `prefix` and `suffix` are added in the same allocation.
    static func fixed(
        _ magnitude: Double, decimals: Int, grouping: Bool = false, prefix: String = "", suffix: String = ""
    ) -> String {
        let decimals = min(max(decimals, 0), maximumDecimals)
        let scaled = (magnitude * power(decimals)).rounded()
        if scaled < fastLimit {
            return render(UInt64(scaled), decimals: decimals, grouping: grouping, prefix: prefix, suffix: suffix)
        }
        // Huge values: exact integer digits, then the fraction on its own.
        let integerPart = magnitude.rounded(.down)
        let scale = power(decimals)
        var fraction = ((magnitude - integerPart) * scale).rounded()
        var integerDigits = digits(ofIntegral: integerPart)
        if fraction >= scale {
            fraction -= scale
            integerDigits = incremented(integerDigits)
        }
        var result = prefix + (grouping ? grouped(integerDigits) : integerDigits)
        if decimals > 0 {
            let fractionDigits = String(UInt64(fraction))
            result += "."
            result += String(repeating: "0", count: decimals - fractionDigits.count)
            result += fractionDigits
        }
        return result + suffix
    }

    /// `value / 10^decimals` as text, with optional thousands commas, in one allocation.
    static func render(_ value: UInt64, decimals: Int, grouping: Bool, prefix: String, suffix: String) -> String {
        // Digits, least significant first, padded so there is a digit before the point.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, no allocation
        return withUnsafeMutableBytes(of: &digits) { scratch in
            var count = 0
            var rest = value
            repeat {
                scratch[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count <= decimals {
                scratch[count] = UInt8(ascii: "0")
                count += 1
            }
            let integerDigits = count - decimals
            let commas = grouping ? (integerDigits - 1) / 3 : 0
            let length = prefix.utf8.count + count + commas + (decimals > 0 ? 1 : 0) + suffix.utf8.count
            return String(unsafeUninitializedCapacity: length) { buffer in
                var position = 0
                prefix.withUTF8Bytes { bytes in
                    for byte in bytes {
                        buffer[position] = byte
                        position += 1
                    }
                }
                var index = count - 1
                while index >= 0 {
                    let place = index - decimals  // 0 for the units digit
                    buffer[position] = scratch[index]
                    position += 1
                    if place > 0, commas > 0, place % 3 == 0 {
                        buffer[position] = UInt8(ascii: ",")
                        position += 1
                    }
                    if place == 0, decimals > 0 {
                        buffer[position] = UInt8(ascii: ".")
                        position += 1
                    }
                    index -= 1
                }
                suffix.withUTF8Bytes { bytes in
                    for byte in bytes {
                        buffer[position] = byte
                        position += 1
                    }
                }
                return position
            }
        }
    }

    /// "12400" → "12,400".
    static func grouped(_ digits: String) -> String {
        guard digits.utf8.count > 3 else { return digits }
        var result = ""
        result.reserveCapacity(digits.utf8.count + digits.utf8.count / 3)
        let leading = digits.utf8.count % 3
        for (index, character) in digits.enumerated() {
            if index > 0, (index - leading) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// The exact decimal digits of an integral, non-negative `Double` of any size.
    static func digits(ofIntegral value: Double) -> String {
        if value < 18_446_744_073_709_551_616.0 { return String(UInt64(value)) }
        // value = significand × 2^shift, with shift > 0 here: double a base-10⁹ number.
        let significand = value.significandBitPattern | (1 << 52)
        let shift = Int(value.exponent) - 52
        var limbs: [UInt64] = [
            significand % 1_000_000_000, (significand / 1_000_000_000) % 1_000_000_000,
            significand / 1_000_000_000_000_000_000,
        ]
        for _ in 0..<shift {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let doubled = limbs[index] * 2 + carry
                limbs[index] = doubled % 1_000_000_000
                carry = doubled / 1_000_000_000
            }
            if carry > 0 { limbs.append(carry) }
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var text = String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }

    private static func incremented(_ digits: String) -> String {
        var characters = Array(digits.utf8)
        var index = characters.count - 1
        while index >= 0 {
            if characters[index] == UInt8(ascii: "9") {
                characters[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                characters[index] += 1
                return String(decoding: characters, as: UTF8.self)
            }
        }
        return "1" + String(decoding: characters, as: UTF8.self)
    }

    /// A `Double` for output without a filter: shortest round-trip digits, and words rather
    /// than `nan`/`inf` for values that are not numbers.
    static func plain(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        return value.description
    }
}
