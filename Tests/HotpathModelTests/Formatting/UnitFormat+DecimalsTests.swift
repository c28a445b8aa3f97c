import Foundation
import Testing

@testable import HotpathModel

/// `UnitFormat.fixed` computes printf's digits itself: it must write exactly what printf does.
@Suite struct UnitFormatDecimalsTests {
    static func printf(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", locale: nil, value)
    }

    @Test func agreesWithPrintfOverEveryMagnitude() {
        var generator = SeededGenerator(seed: 22)
        var fast = 0
        for step in 0..<40_000 {
            let decimals = Int(generator.next() % 8)
            // Values from 1e-6 to 1e13, values near a tie, eighths, and ratios like the shares and
            // changes pages show.
            let value: Double =
                switch step % 4 {
                case 0: pow(10, Double(generator.next() % 200) / 10 - 6) * (generator.next() % 2 == 0 ? 1 : -1)
                case 1: (Double(generator.next() % 200_000) + 0.5) / pow(10, Double(decimals + 1))
                case 2: Double(generator.next() % 10_000) / 8
                default: Double(generator.next() % 1_000_000) / Double(1 + generator.next() % 1_000) - 500
                }
            #expect(
                UnitFormat.fixed(value, digits: decimals) == Self.printf(value, decimals), "\(value) at \(decimals)")
            if step % 4 == 3, UnitFormat.printfDigits(value, decimals: decimals) != nil { fast += 1 }
        }
        // The point of it: for the numbers pages show, printf (3 µs a call) is the rare exception.
        #expect(fast > 9_900)
    }

    @Test(arguments: [
        (0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.5, 0, "2"), (3.5, 0, "4"), (1.005, 2, "1.00"),
        (-0.0, 1, "-0.0"), (-0.01, 1, "-0.0"), (0.0, 0, "0"), (.leastNonzeroMagnitude, 3, "0.000"), (0.05, 1, "0.1"),
        (999.96, 1, "1000.0"), (12_400.5, 2, "12400.50"), (1e20, 1, "100000000000000000000.0"), (-7.25, 0, "-7"),
    ])
    func tiesEdgesAndLargeValues(value: Double, decimals: Int, expected: String) {
        #expect(UnitFormat.fixed(value, digits: decimals) == expected)
        #expect(expected == Self.printf(value, decimals))
    }

    /// `significant` the straightforward way: `pow`, `log10` and printf.
    static func plainSignificant(_ value: Double, digits: Int) -> String {
        guard value != 0 else { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        var decimals = max(0, digits - 1 - magnitude)
        let rounded = (value * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
        if rounded != 0, Int(floor(log10(abs(rounded)))) > magnitude { decimals = max(0, decimals - 1) }
        return printf(value, decimals)
    }

    @Test func significantDigitsAgreeWithTheStraightforwardWay() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<20_000 {
            let digits = 1 + Int(generator.next() % 6)
            let value =
                pow(10, Double(generator.next() % 2_000) / 100 - 8) * (1 + Double(generator.next() % 1000) / 1000)
            #expect(UnitFormat.significant(value, digits: digits) == Self.plainSignificant(value, digits: digits))
        }
        for value in [999.6, 999.96, 0.999_96, 9.995, 1.0, 1000.0, 123.456] {
            #expect(UnitFormat.significant(value, digits: 3) == Self.plainSignificant(value, digits: 3), "\(value)")
        }
    }

    @Test func decimalExponentIsWhatLog10Says() {
        var values: [Double] = [1, 9.999_999_999_999_998, 1e17, .leastNonzeroMagnitude, 0.1, 0.099_999_999_999_999_99]
        for exponent in -20...20 {
            let power = pow(10, Double(exponent))
            var below = power
            var above = power
            for _ in 0..<40 {
                below = below.nextDown
                above = above.nextUp
                values += [below, above]
            }
            values += [power, power * (1 - 1e-13), power * (1 - 2e-13), power * 0.999_999_999_999]
        }
        var generator = SeededGenerator(seed: 10)
        for _ in 0..<10_000 { values.append(pow(10, Double(generator.next() % 4_000) / 100 - 20)) }
        for value in values {
            #expect(UnitFormat.decimalExponent(value) == Int(floor(log10(value))), "\(value)")
        }
    }

    @Test func theSmallestDoublesDoNotTrap() {
        // The scale 10^326 overflows: no rounding check, printf writes the digits.
        #expect(UnitFormat.duration(.leastNonzeroMagnitude).hasPrefix("0.000"))
        #expect(UnitFormat.bytes(-.leastNonzeroMagnitude) == "0 B")
    }

    @Test func notANumberAndNegativeDigitsAreLeftToPrintf() {
        #expect(UnitFormat.fixed(.nan, digits: 1) == Self.printf(.nan, 1))
        #expect(UnitFormat.fixed(-.infinity, digits: 1) == Self.printf(-.infinity, 1))
        #expect(UnitFormat.fixed(2.4, digits: -3) == "2")
    }
}
