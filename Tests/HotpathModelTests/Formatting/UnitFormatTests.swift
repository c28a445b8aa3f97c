import HotpathModel
import Testing

@Suite struct UnitFormatTests {
    @Test(arguments: [
        (0.0, "0 ns"), (0.5, "0.500 ns"), (850.0, "850 ns"), (1_500.0, "1.50 µs"), (12_345.0, "12.3 µs"),
        (4_560_000.0, "4.56 ms"), (1.234e9, "1.23 s"), (999.6, "1.00 µs"), (999_960.0, "1.00 ms"), (119.4e9, "119 s"),
        (120e9, "2 min 0 s"), (125e9, "2 min 5 s"), (3_599e9, "59 min 59 s"), (-2_000_000.0, "−2.00 ms"),
        (-125e9, "−2 min 5 s"),
    ])
    func durationsScaleWithMagnitude(nanoseconds: Double, expected: String) {
        #expect(UnitFormat.duration(nanoseconds) == expected)
    }

    @Test(arguments: [
        (3_600e9, "1 h 0 min"), (3_725e9, "1 h 2 min"), (99.99 * 3_600e9, "99 h 59 min"), (359_990e9, "100 h"),
        (1_234 * 3_600e9, "1,234 h"), (-7_200e9, "−2 h 0 min"), (1e30, "1e+21 s"),
    ])
    func longDurationsAreSaidInHours(nanoseconds: Double, expected: String) {
        #expect(UnitFormat.duration(nanoseconds) == expected)
    }

    @Test func durationSignificantDigitsAndValuesThatAreNotNumbers() {
        #expect(UnitFormat.duration(12_345, significantDigits: 2) == "12 µs")
        #expect(UnitFormat.duration(12_345, significantDigits: 5) == "12.345 µs")
        #expect(UnitFormat.duration(1_000, significantDigits: 1) == "1 µs")
        #expect(UnitFormat.duration(.nan) == "NaN")
        #expect(UnitFormat.duration(-.infinity) == "−∞")
    }

    @Test(arguments: [
        (0.0, "0 B"), (512.0, "512 B"), (1_023.0, "1023 B"), (1_023.6, "1.00 KiB"), (1_536.0, "1.50 KiB"),
        (1_048_474.0, "1.00 MiB"), (1_047_552.0, "1023 KiB"), (24_536_678.0, "23.4 MiB"), (1.1e9, "1.02 GiB"),
        (1_125_899_906_842_624.0, "1.00 PiB"), (1_152_921_504_606_846_976.0, "1.00 EiB"),
        (1_180_591_620_717_411_303_424.0, "1024 EiB"), (-2_048.0, "−2.00 KiB"), (-0.3, "0 B"), (-3.0, "−3 B"),
    ])
    func bytesUseBinaryUnits(bytes: Double, expected: String) {
        #expect(UnitFormat.bytes(bytes) == expected)
    }

    @Test(arguments: [
        (0.1234, 1, "12.3%"), (0.0, 1, "0.0%"), (1.0, 1, "100.0%"), (12.5, 1, "1250.0%"), (0.5, 0, "50%"),
        (0.12346, 2, "12.35%"), (-0.04, 1, "−4.0%"), (-0.0001, 1, "0.0%"),
    ])
    func percentages(fraction: Double, digits: Int, expected: String) {
        #expect(UnitFormat.percent(fraction, digits: digits) == expected)
    }

    @Test(arguments: [
        (0.123, 1, "+12.3%"), (-0.04, 1, "−4.0%"), (0.0, 1, "±0.0%"), (0.0004, 1, "±0.0%"), (-0.0004, 1, "±0.0%"),
        (0.0004, 2, "+0.04%"), (2.0, 1, "+200.0%"),
    ])
    func changes(fraction: Double, digits: Int, expected: String) {
        #expect(UnitFormat.change(fraction, digits: digits) == expected)
    }

    @Test func negativesUseTheRealMinusSign() {
        for text in [
            UnitFormat.duration(-1_500), UnitFormat.bytes(-1_536), UnitFormat.percent(-0.25), UnitFormat.change(-0.25),
            UnitFormat.grouped(-12_400),
        ] {
            #expect(text.unicodeScalars.first == "\u{2212}", "\(text)")
            #expect(!text.contains("-"), "\(text)")
        }
    }

    @Test func speedupsPValuesAndGrouping() {
        #expect(UnitFormat.speedup(1.234) == "1.23×")
        #expect(UnitFormat.speedup(12.345_6) == "12.35×")
        #expect(UnitFormat.speedup(0.5) == "0.50×")
        #expect(UnitFormat.speedup(1.5, digits: 1) == "1.5×")
        #expect(UnitFormat.pValue(0.0004) == "p < 0.001")
        #expect(UnitFormat.pValue(0.0123) == "p = 0.012")
        #expect(UnitFormat.pValue(0.004, adjusted: 0.031) == "p = 0.004, adjusted 0.031")
        #expect(UnitFormat.adjustedPValue(0.0002) == "< 0.001")
        #expect(UnitFormat.grouped(12_400) == "12,400")
        #expect(UnitFormat.grouped(1_234_567.5, decimals: 2) == "1,234,567.50")
        #expect(UnitFormat.grouped(-0.2) == "0")
    }

    /// Thousands grouped at every length of the integer part (exact doubles: up to 15 digits),
    /// with decimals after the point and the real minus sign before.
    @Test(arguments: 0...15) func groupingAtEveryLength(_ length: Int) throws {
        let integer = length == 0 ? "0" : String("987654321098765".prefix(length))
        var expected = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { expected += "," }
            expected.append(digit)
        }
        let value = try #require(Double(integer))
        #expect(UnitFormat.grouped(value) == expected)
        #expect(UnitFormat.grouped(value + 0.25, decimals: 2) == expected + ".25")
        #expect(UnitFormat.grouped(-value - 0.5, decimals: 1) == "\u{2212}" + expected + ".5")
    }

    @Test func measuresFollowTheirUnit() {
        #expect(UnitFormat.measure(1_500, .nanoseconds) == "1.50 µs")
        #expect(UnitFormat.measure(1_536, .bytes) == "1.50 KiB")
        #expect(UnitFormat.measure(12_400, .count) == "12,400")
        #expect(UnitFormat.measure(2.5, .count) == "2.50")
    }
}
