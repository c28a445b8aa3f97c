import HotpathAnalysis
import Testing

@Suite struct MannWhitneyUTests {
    @Test(arguments: NumpyExpectations.loaded.mann_whitney)
    func matchesScipy(_ expected: NumpyExpectations.MannWhitneyCase) throws {
        let result = try #require(MannWhitneyU.test(expected.x, expected.y))
        #expect(result.u == expected.u)
        #expect(relativeDifference(result.pValue, expected.p) <= 1e-6, "p \(result.pValue) vs scipy \(expected.p)")
    }

    @Test func chooseMethodAsScipyDoes() throws {
        #expect(try #require(MannWhitneyU.test([1, 2, 3], [4, 5, 6, 7])).method == "exact")
        #expect(try #require(MannWhitneyU.test([1, 2, 2], [4, 5, 6, 7])).method == "asymptotic")
        #expect(
            try #require(
                MannWhitneyU.test(Array(stride(from: 0.0, to: 9, by: 1)), Array(stride(from: 0.5, to: 9.5, by: 1)))
            ).method == "asymptotic")
    }

    @Test func effectSizeIsRankBiserial() throws {
        // Every x above every y: U = n₁n₂, effect +1.
        let result = try #require(MannWhitneyU.test([10, 11, 12], [1, 2]))
        #expect(result.u == 6 && result.effectSize == 1)
        #expect(MannWhitneyU.test([], [1]) == nil)
    }
}
