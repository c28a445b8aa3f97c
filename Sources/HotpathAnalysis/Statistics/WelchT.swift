import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Welch's two-sided t-test from summary statistics, as
/// `scipy.stats.ttest_ind_from_stats(…, equal_var=False)` computes it.
///
/// For operations known only by what a tool reported (pytest-benchmark saves no raw data by
/// default): a rank test needs the measurements, but the mean, standard deviation and count
/// are enough for Welch's test, so a regression in such a history is still caught.
public enum WelchT {
    public struct Side: Sendable {
        public var mean: Double
        public var stddev: Double
        public var count: Int

        public init(mean: Double, stddev: Double, count: Int) {
            self.mean = mean
            self.stddev = stddev
            self.count = count
        }
    }

    /// Tests `current` against `baseline`; nil when a side has fewer than two values or both
    /// have no spread. The result reuses the comparison's test record: `u` holds t, `method`
    /// is `welch_t`, and the effect size is 2·P(current > baseline) − 1 for normal values with
    /// these means and deviations (the same −1…1 scale as the rank-biserial correlation).
    public static func test(current: Side, baseline: Side) -> MannWhitneyResult? {
        guard current.count >= 2, baseline.count >= 2 else { return nil }
        let v1 = current.stddev * current.stddev / Double(current.count)
        let v2 = baseline.stddev * baseline.stddev / Double(baseline.count)
        let error = (v1 + v2).squareRoot()
        guard error > 0, error.isFinite else { return nil }
        let t = (current.mean - baseline.mean) / error
        // Welch–Satterthwaite degrees of freedom.
        let df = (v1 + v2) * (v1 + v2) / (v1 * v1 / Double(current.count - 1) + v2 * v2 / Double(baseline.count - 1))
        let p = regularizedIncompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
        let spread = (current.stddev * current.stddev + baseline.stddev * baseline.stddev).squareRoot()
        let superiority = spread > 0 ? 1 - MannWhitneyU.normalSurvival((current.mean - baseline.mean) / spread) : 0.5
        return MannWhitneyResult(u: t, pValue: min(1, max(0, p)), effectSize: 2 * superiority - 1, method: "welch_t")
    }

    /// I_x(a, b), by the continued fraction of Numerical Recipes (`betai`/`betacf`), using the
    /// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges faster.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x))
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }
}
