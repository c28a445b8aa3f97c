import HotpathModel
import Testing

@testable import HotpathAnalysis

@Suite struct RadixSortTests {
    /// Sizes around the cut-over to the comparison sort, and big ones.
    @Test(arguments: [0, 1, 2, 1023, 1024, 1025, 5000, 100_000])
    func agreesWithTheComparisonSort(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) + 7)
        // Durations of similar size (shared high digits), plus negatives, zeros, repeats and extremes.
        var values = (0..<count).map { _ in 1e6 + generator.unit() * 5e5 }
        for index in stride(from: 0, to: count, by: 97) { values[index] = -generator.unit() * 1e3 }
        for index in stride(from: 5, to: count, by: 89) { values[index] = 0 }
        for index in stride(from: 11, to: count, by: 83) { values[index] = values[index / 2] }
        if count > 20 {
            values[3] = .infinity
            values[4] = -.infinity
            values[6] = .greatestFiniteMagnitude
            values[7] = .leastNonzeroMagnitude
        }
        #expect(RadixSort.sorted(values) == values.sorted())
    }

    @Test func allEqualKeysSkipEveryPass() {
        let values = [Double](repeating: 42.5, count: 4096)
        #expect(RadixSort.sorted(values) == values)
    }

    @Test func keysRoundTrip() {
        for value in [0.0, -0.0, 1, -1, 1e-300, -1e300, .infinity, -.infinity] {
            #expect(RadixSort.value(RadixSort.key(value)).bitPattern == value.bitPattern)
        }
        #expect(
            RadixSort.key(-1) < RadixSort.key(-0.5) && RadixSort.key(-0.5) < RadixSort.key(0)
                && RadixSort.key(0) < RadixSort.key(2))
    }
}
