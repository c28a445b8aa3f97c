import HotpathAnalysis
import HotpathModel
import Testing

@Suite struct QuantilesTests {
    @Test(arguments: NumpyExpectations.loaded.percentiles)
    func percentilesMatchNumpy(_ expected: NumpyExpectations.PercentileCase) throws {
        let summary = try #require(SampleSummary(samples: expected.samples))
        for percentile in Percentile.allCases {
            let value = try #require(summary.percentiles[percentile])
            let reference = try #require(expected.percentiles[percentile.rawValue])
            #expect(relativeDifference(value, reference) <= 1e-9, "\(percentile): \(value) vs numpy \(reference)")
        }
        #expect(relativeDifference(summary.mean, expected.mean) <= 1e-9)
        #expect(relativeDifference(summary.stddev, expected.stddev) <= 1e-9)
        #expect(relativeDifference(summary.total, expected.total) <= 1e-12)
    }

    @Test func handComputedInterpolation() {
        // (n - 1) · q = 3 · 0.5 = 1.5: halfway between the 2nd and 3rd values.
        #expect(Quantiles.quantile(sorted: [1, 2, 4, 8], 0.5) == 3)
        #expect(Quantiles.quantile(sorted: [1, 2, 4, 8], 0.25) == 1.75)
        #expect(Quantiles.quantile(sorted: [1, 2, 4, 8], 1) == 8)
        #expect(Quantiles.quantile(sorted: [], 0.5) == nil)
    }

    @Test func summaryOfOneSample() throws {
        let summary = try #require(SampleSummary(samples: [5]))
        #expect(summary.stddev == 0 && summary.cv == 0 && summary.percentiles.p99 == 5)
    }
}
