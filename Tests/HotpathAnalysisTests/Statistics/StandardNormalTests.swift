import Testing

@testable import HotpathAnalysis

/// AS 241 against `scipy.stats.norm.ppf`, down to p = 1e-300.
@Suite struct StandardNormalTests {
    @Test(arguments: StatisticsExpectations.loaded.normalQuantiles)
    func matchesScipy(_ expected: StatisticsExpectations.NormalQuantileCase) {
        #expect(relativeDifference(StandardNormal.quantile(expected.p), expected.z) <= 1e-14)
    }

    @Test func endsAndNonsense() {
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(0.5) == 0)
        #expect(StandardNormal.quantile(1.5).isNaN && StandardNormal.quantile(.nan).isNaN)
    }
}
