/// Decimal formatting without Foundation or C's `printf`: fixed decimals, significant digits and
/// thousands grouping, deterministic on every platform and locale.
///
/// Rounding is half away from zero on the binary value, so `1.005` (really 1.00499…) rounds to
/// `1.00`, as `printf` would.
enum NumberFormatting {
    /// The most decimals any filter accepts: past 17, a `Double` has no more digits to show.
    static let maximumDecimals = 17

    private static let powersOfTen: [Double] = (0...22).reduce(into: []) { powers, exponent in
        powers.append(exponent == 0 ? 1 : powers[exponent - 1] * 10)
    }

    /// 10^exponent, exact for 0...22.
    static func power(_ exponent: Int) -> Double {
        if exponent >= 0, exponent < powersOfTen.count { return powersOfTen[exponent] }
        var result = 1.0
        if exponent > 0 {
            for _ in 0..<exponent { result *= 10 }
        } else {
            for _ in 0..<(-exponent) { result /= 10 }
        }
        return result
    }

    /// `magnitude` (finite, ≥ 0) with exactly `decimals` digits after the point: "12400.50".
    static func fixed(_ magnitude: Double, decimals: Int, grouping: Bool = false) -> String {
        let decimals = min(max(decimals, 0), maximumDecimals)
        let integerPart = magnitude.rounded(.down)
        let scale = power(decimals)
        var fraction = ((magnitude - integerPart) * scale).rounded()
        var integerDigits = digits(ofIntegral: integerPart)
        if fraction >= scale {
            fraction -= scale
            integerDigits = incremented(integerDigits)
        }
        var result = grouping ? grouped(integerDigits) : integerDigits
        if decimals > 0 {
            let fractionDigits = String(UInt64(fraction))
            result += "."
            result += String(repeating: "0", count: decimals - fractionDigits.count)
            result += fractionDigits
        }
        return result
    }

    /// `magnitude` (finite, ≥ 0) rounded to `significant` digits, without trailing zeros after
    /// the point when `trimZeros`: 12.34 → "12.3", 1.5 → "1.5" (or "1.50" when not trimming).
    /// Integer digits are never rounded away: 1234.5 → "1235".
    static func significant(_ magnitude: Double, digits significant: Int, trimZeros: Bool) -> String {
        let significant = max(1, significant)
        var text: String
        if magnitude == 0 {
            text = fixed(0, decimals: significant - 1)
        } else {
            var decimals = decimalsForSignificant(magnitude, significant)
            text = fixed(magnitude, decimals: decimals)
            // 9.996 at 3 digits rounds to "10.00": one digit too many; drop a decimal.
            if decimals > 0, significantDigitCount(text) > significant {
                decimals -= 1
                text = fixed(magnitude, decimals: decimals)
            }
        }
        if trimZeros, text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text
    }

    private static func decimalsForSignificant(_ magnitude: Double, _ significant: Int) -> Int {
        if magnitude >= 1 {
            var integerDigits = 1
            while integerDigits < 400, magnitude >= power(integerDigits) { integerDigits += 1 }
            return max(0, significant - integerDigits)
        }
        // 0.0123: the first significant digit is the 2nd after the point.
        var leadingZeros = 0
        while leadingZeros < maximumDecimals, magnitude < power(-(leadingZeros + 1)) { leadingZeros += 1 }
        return min(maximumDecimals, significant + leadingZeros)
    }

    private static func significantDigitCount(_ text: String) -> Int {
        var count = 0
        var started = false
        for character in text where character != "." {
            if character != "0" { started = true }
            if started { count += 1 }
        }
        return count
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
        var limbs: [UInt64] = [significand % 1_000_000_000, (significand / 1_000_000_000) % 1_000_000_000, significand / 1_000_000_000_000_000_000]
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
