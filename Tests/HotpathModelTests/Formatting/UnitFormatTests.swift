import HotpathModel
import Testing

@Suite struct UnitFormatTests {
    @Test(arguments: [
        (0.0, "0 ns"), (850.0, "850 ns"), (12_345.0, "12.3 µs"), (4_560_000.0, "4.56 ms"), (1.234e9, "1.23 s"),
        (999.6, "1.00 µs"), (125e9, "2 min 5 s"), (-2_000_000.0, "−2.00 ms"),
    ])
    func durationsScaleWithMagnitude(nanoseconds: Double, expected: String) {
        #expect(UnitFormat.duration(nanoseconds) == expected)
    }

    @Test(arguments: [(512.0, "512 B"), (1536.0, "1.50 KiB"), (24_536_678.0, "23.4 MiB"), (1.1e9, "1.02 GiB")])
    func bytesUseBinaryUnits(bytes: Double, expected: String) {
        #expect(UnitFormat.bytes(bytes) == expected)
    }

    @Test func percentagesChangesAndGrouping() {
        #expect(UnitFormat.percent(0.1234) == "12.3%")
        #expect(UnitFormat.change(0.123) == "+12.3%")
        #expect(UnitFormat.change(-0.04) == "−4.0%")
        #expect(UnitFormat.change(0.00001) == "±0.0%")
        #expect(UnitFormat.grouped(12_400) == "12,400")
        #expect(UnitFormat.grouped(1_234_567.5, decimals: 2) == "1,234,567.50")
        #expect(UnitFormat.speedup(1.234) == "1.23×")
        #expect(UnitFormat.pValue(0.0004) == "p < 0.001")
        #expect(UnitFormat.pValue(0.0123) == "p = 0.012")
    }
}
