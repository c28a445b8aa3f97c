import HotpathAnalysis
import Testing

/// Welch's interval for the difference of means against scipy: the standard error and
/// Welch–Satterthwaite degrees of freedom of `ttest_ind_from_stats(…, equal_var=False)` with
/// `scipy.stats.t.ppf`.
@Suite struct WelchTConfidenceIntervalTests {
    @Test(arguments: StatisticsExpectations.loaded.welchIntervals)
    func matchesScipy(_ expected: StatisticsExpectations.WelchIntervalCase) throws {
        let baseline = WelchT.Side(
            mean: expected.baseline[0], stddev: expected.baseline[1], count: Int(expected.baseline[2]))
        let current = WelchT.Side(
            mean: expected.current[0], stddev: expected.current[1], count: Int(expected.current[2]))
        let interval = try #require(
            WelchT.confidenceInterval(current: current, baseline: baseline, confidenceLevel: expected.confidenceLevel))
        #expect(interval.difference == expected.difference)
        #expect(relativeDifference(interval.degreesOfFreedom, expected.degreesOfFreedom) <= 1e-14)
        #expect(
            relativeDifference(interval.lower, expected.lower) <= 1e-9, "lower \(interval.lower) vs \(expected.lower)")
        #expect(
            relativeDifference(interval.upper, expected.upper) <= 1e-9, "upper \(interval.upper) vs \(expected.upper)")
        #expect(interval.confidenceLevel == expected.confidenceLevel)
        // The interval inverts the test: it leaves out 0 exactly when p < 1 − level.
        let test = try #require(WelchT.test(current: current, baseline: baseline))
        #expect((interval.lower > 0 || interval.upper < 0) == (test.pValue < 1 - expected.confidenceLevel))
    }

    @Test func needsTwoValuesSomeSpreadAndALevel() {
        let side = WelchT.Side(mean: 1, stddev: 1, count: 5)
        #expect(WelchT.confidenceInterval(current: .init(mean: 2, stddev: 1, count: 1), baseline: side) == nil)
        #expect(
            WelchT.confidenceInterval(
                current: .init(mean: 2, stddev: 0, count: 5), baseline: .init(mean: 1, stddev: 0, count: 5)) == nil)
        #expect(WelchT.confidenceInterval(current: side, baseline: side, confidenceLevel: 0) == nil)
        #expect(WelchT.confidenceInterval(current: side, baseline: side, confidenceLevel: 1) == nil)
    }
}
