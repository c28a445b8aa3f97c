import HotpathAnalysis
import Testing

/// Welch's t-test from summary statistics against
/// `scipy.stats.ttest_ind_from_stats(current…, baseline…, equal_var=False)` (scipy 1.17).
@Suite struct WelchTTests {
    @Test(arguments: [
        // (baseline mean, sd, n, current mean, sd, n, scipy t, scipy p)
        (262.0, 50.0, 9987, 270.0, 55.0, 9000, 10.446708530372886, 1.7897313739915762e-25),
        (10.0, 2.0, 5, 12.0, 3.0, 6, 1.3187609467915742, 0.221009742779263),
        (1.0, 0.1, 3, 1.05, 0.2, 4, 0.4330127018922197, 0.6846659684012394),
        (100.0, 10.0, 1000, 100.5, 10.0, 1000, 1.118033988749895, 0.26368688691073416),
    ])
    func matchesScipy(
        _ m0: Double, _ s0: Double, _ n0: Int, _ m1: Double, _ s1: Double, _ n1: Int, _ t: Double, _ p: Double
    ) throws {
        let result = try #require(
            WelchT.test(
                current: .init(mean: m1, stddev: s1, count: n1), baseline: .init(mean: m0, stddev: s0, count: n0)))
        #expect(abs(result.u - t) <= 1e-12 * abs(t))
        #expect(abs(result.pValue - p) <= 1e-9 * p, "\(result.pValue) vs \(p)")
        #expect(result.method == "welch_t" && result.effectSize > 0)
    }

    @Test func needsTwoValuesAndSomeSpread() {
        #expect(
            WelchT.test(current: .init(mean: 2, stddev: 1, count: 1), baseline: .init(mean: 1, stddev: 1, count: 5))
                == nil)
        #expect(
            WelchT.test(current: .init(mean: 2, stddev: 0, count: 5), baseline: .init(mean: 1, stddev: 0, count: 5))
                == nil)
    }
}
