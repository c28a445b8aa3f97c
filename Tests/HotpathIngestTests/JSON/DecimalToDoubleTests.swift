import Foundation
import Testing

@testable import HotpathIngest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The scanner's number fast paths (plain `digits.digits` and Eisel–Lemire) against the
/// correctly rounded parses of the C library and the standard library, bit for bit.
@Suite struct DecimalToDoubleTests {
    /// SplitMix64, seeded: the same cases on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// What the scanner reads for `text`, and where it stopped.
    func scan(_ text: String) throws -> (value: Double, end: Int) {
        try Array(text.utf8).withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes: bytes)
            let value = try scanner.readNumber()
            return (value, scanner.offset)
        }
    }

    func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    /// A random decimal of `digits` digits (no leading zero) with the point after `point` of them.
    func decimal(_ random: inout Random, digits: Int, point: Int) -> String {
        var text = String(1 + random.next() % 9)
        for _ in 1..<digits { text += String(random.next() % 10) }
        guard point < digits else { return text }
        let cut = text.index(text.startIndex, offsetBy: point)
        return point == 0 ? "0." + text : text[..<cut] + "." + text[cut...]
    }

    @Test(arguments: [15, 16, 17, 18, 19])
    func plainDecimalsMatchStrtodBitForBit(digits: Int) throws {
        var random = Random(state: UInt64(digits))
        for _ in 0..<20_000 {
            let text = decimal(&random, digits: digits, point: Int(random.next() % UInt64(digits + 1)))
            let signed = random.next() & 1 == 0 ? text : "-" + text
            let (value, end) = try scan(signed)
            #expect(value.bitPattern == strtodValue(signed).bitPattern, "\(signed)")
            #expect(value.bitPattern == Double(signed)?.bitPattern, "\(signed)")
            #expect(end == signed.utf8.count)
        }
    }

    /// viztracer's durations: a float's full repr, 16–17 digits after a few integer digits.
    @Test func fullReprsOfDurationsRoundTrip() throws {
        var random = Random(state: 17)
        for _ in 0..<50_000 {
            let value = Double(random.next() % 100_000_000) / 1000 + Double(random.next() % 1_000) / 10_000_000
            #expect(try scan(value.description).value == value, "\(value)")
        }
    }

    @Test func mantissasTimesEveryPowerInTheTableMatchStrtod() {
        var random = Random(state: 99)
        var declined = 0
        var cases = 0
        for exponent in DecimalToDouble.smallestExponent...DecimalToDouble.largestExponent {
            for _ in 0..<400 {
                // Mantissas of 1 to 19 digits.
                let mantissa =
                    random.next()
                    % [10, 1_000_000, 100_000_000_000_000_000, 10_000_000_000_000_000_000][
                        Int(random.next() % 4)]
                cases += 1
                let negative = random.next() & 1 == 0
                guard let value = DecimalToDouble.double(mantissa: mantissa, exponent: exponent, negative: negative)
                else {
                    declined += 1
                    continue
                }
                let text = "\(negative ? "-" : "")\(mantissa)e\(exponent)"
                #expect(value.bitPattern == strtodValue(text).bitPattern, "\(text)")
            }
        }
        // Declining is for the rare product too close to call (mostly exact small products such
        // as 5 × 10^-1, which `strtod` reads quickly anyway), not a habit.
        #expect(declined * 100 < cases)
    }

    @Test func boundariesAndTiesRoundHalfToEven() throws {
        for text in [
            "9007199254740993", "9007199254740995", "9007199254740993.0", "18014398509481985", "0.1", "0.3",
            "123456789012345678", "1234567890123456789", "4503599627370496.5", "4503599627370497.5",
            "2.2250738585072014e-308", "1.7976931348623157e308", "1e-64", "1e64", "9999999999999999999e-64",
            "0.000000000000000000000000000001", "-0.0", "0", "5e-324",
        ] {
            let (value, _) = try scan(text)
            #expect(value.bitPattern == strtodValue(text).bitPattern, "\(text)")
        }
    }

    @Test func outsideTheTableOrSubnormalItDeclines() {
        #expect(DecimalToDouble.double(mantissa: 1, exponent: -65, negative: false) == nil)
        #expect(DecimalToDouble.double(mantissa: 1, exponent: 65, negative: false) == nil)
        #expect(DecimalToDouble.double(mantissa: 0, exponent: 400, negative: true)?.bitPattern == (-0.0).bitPattern)
    }

    /// Integers read as integers only where the `Double` would be exact (pids, tids).
    @Test func smallIntegersOnlyWhereExact() {
        func read(_ text: String) -> (value: Int64?, end: Int) {
            Array(text.utf8).withUnsafeBytes { bytes in
                var scanner = JSONScanner(bytes: bytes)
                let value = scanner.readSmallInteger()
                return (value, scanner.offset)
            }
        }
        #expect(read("222321, ") == (222_321, 6))
        #expect(read("0}") == (0, 1))
        #expect(read("999999999999999") == (999_999_999_999_999, 15))
        for text in ["1234567890123456", "01", "12.5", "1e3", "-1", "x", ""] {
            #expect(read(text) == (nil, 0), "\(text)")
        }
    }

    /// The plain path reads only what it can read exactly; the rest (and every error) is the
    /// general path's, from the same place.
    @Test func otherSyntaxGoesTheGeneralWay() throws {
        #expect(try scan("12.5e3,").value == 12_500)
        #expect(try scan("12.5e3,").end == 6)
        #expect(try scan("-12.25]").end == 6)
        #expect(try scan("12345678901234567890123").value == Double("12345678901234567890123"))
        #expect(try scan("NaN").value.isNaN)
        #expect(throws: JSONError.self) { try scan("01.5") }
        #expect(throws: JSONError.self) { try scan("1.") }
        #expect(throws: JSONError.self) { try scan("-") }
    }
}
