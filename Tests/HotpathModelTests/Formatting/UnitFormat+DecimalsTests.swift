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

    @Test func notANumberAndNegativeDigitsAreLeftToPrintf() {
        #expect(UnitFormat.fixed(.nan, digits: 1) == Self.printf(.nan, 1))
        #expect(UnitFormat.fixed(-.infinity, digits: 1) == Self.printf(-.infinity, 1))
        #expect(UnitFormat.fixed(2.4, digits: -3) == "2")
    }
}
