extension WelchT {
    /// A confidence interval for the difference of two means, `current − baseline`, in the
    /// samples' own unit.
    public struct Interval: Sendable, Equatable {
        /// current.mean − baseline.mean: positive when the current mean is larger.
        public var difference: Double
        public var lower: Double
        public var upper: Double
        /// The Welch–Satterthwaite degrees of freedom the t quantile was taken at.
        public var degreesOfFreedom: Double
        public var confidenceLevel: Double

        public init(difference: Double, lower: Double, upper: Double, degreesOfFreedom: Double, confidenceLevel: Double)
        {
            self.difference = difference
            self.lower = lower
            self.upper = upper
            self.degreesOfFreedom = degreesOfFreedom
            self.confidenceLevel = confidenceLevel
        }
    }

    /// The Welch interval for `current.mean − baseline.mean`: the difference ± t₁₋α/₂(ν)·√(s₁²/n₁
    /// + s₂²/n₂), with ν the Welch–Satterthwaite degrees of freedom. It is the interval that
    /// inverts `test(current:baseline:)`, so it excludes 0 exactly when that p-value is below
    /// 1 − confidenceLevel, and matches scipy (`ttest_ind_from_stats(…, equal_var=False)`'s
    /// standard error and degrees of freedom with `scipy.stats.t.ppf`) to 1e-9 relative.
    ///
    /// It gives summary-only benchmarks (pytest-benchmark without raw data) an effect size with an
    /// interval, as the Hodges–Lehmann shift does for raw samples. nil when a side has fewer than
    /// two values, both have no spread, or the level is not strictly between 0 and 1.
    public static func confidenceInterval(current: Side, baseline: Side, confidenceLevel: Double = 0.95) -> Interval? {
        guard current.count >= 2, baseline.count >= 2, confidenceLevel > 0, confidenceLevel < 1 else { return nil }
        let v1 = current.stddev * current.stddev / Double(current.count)
        let v2 = baseline.stddev * baseline.stddev / Double(baseline.count)
        let error = (v1 + v2).squareRoot()
        guard error > 0, error.isFinite else { return nil }
        // Written as scipy writes it, so the two agree to rounding.
        let df = (v1 + v2) * (v1 + v2) / (v1 * v1 / Double(current.count - 1) + v2 * v2 / Double(baseline.count - 1))
        let difference = current.mean - baseline.mean
        let halfWidth = StudentT.quantile(1 - (1 - confidenceLevel) / 2, degreesOfFreedom: df) * error
        return Interval(
            difference: difference, lower: difference - halfWidth, upper: difference + halfWidth, degreesOfFreedom: df,
            confidenceLevel: confidenceLevel)
    }
}
