import Testing

@testable import HotpathAnalysis

/// The t quantile against `scipy.stats.t.ppf`, from ν = 1 to 10⁸ and p = 1e-12 to 1 − 1e-9.
@Suite struct StudentTTests {
    @Test(arguments: StatisticsExpectations.loaded.tQuantiles)
    func matchesScipy(_ expected: StatisticsExpectations.TQuantileCase) {
        let t = StudentT.quantile(expected.p, degreesOfFreedom: expected.df)
        #expect(relativeDifference(t, expected.t) <= 1e-13, "t \(t) vs scipy \(expected.t)")
    }

    @Test func endsAndNonsense() {
        #expect(StudentT.quantile(0, degreesOfFreedom: 3) == -.infinity)
        #expect(StudentT.quantile(1, degreesOfFreedom: 3) == .infinity)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(StudentT.quantile(0.9, degreesOfFreedom: 0).isNaN)
        #expect(StudentT.quantile(-0.1, degreesOfFreedom: 3).isNaN)
    }
}
