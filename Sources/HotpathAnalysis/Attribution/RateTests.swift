#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tests on counts, for attributing a change where no per-call times can be compared.
public enum RateTests {
    /// Whether two Poisson counts differ given their exposures (calls of `current` per `currentExposure`
    /// callers against `baseline` per `baselineExposure`): the conditional test, exact. Given the
    /// sum n, the current count is Binomial(n, e₁ / (e₁ + e₀)) when the rates are equal; the
    /// two-sided p-value sums the probabilities of every outcome no likelier than the one seen,
    /// as `scipy.stats.binomtest(current, n, p)` does. Terms further than 40 standard deviations
    /// from the mean (below 1e-300) are left out, so the cost is O(√n).
    public static func poisson(
        current: Int, currentExposure: Double, baseline: Int, baselineExposure: Double
    ) -> (statistic: Double, pValue: Double)? {
        guard current >= 0, baseline >= 0, currentExposure > 0, baselineExposure > 0 else { return nil }
        let n = current + baseline
        guard n > 0 else { return (0, 1) }
        let p = currentExposure / (currentExposure + baselineExposure)
        let statistic = Double(current) / currentExposure / (Double(baseline) / baselineExposure)
        return (statistic, binomialTwoSided(k: current, n: n, p: p))
    }

    /// `scipy.stats.binomtest(k, n, p).pvalue` (two-sided, "minlike").
    static func binomialTwoSided(k: Int, n: Int, p: Double) -> Double {
        if p <= 0 { return k == 0 ? 1 : 0 }
        if p >= 1 { return k == n ? 1 : 0 }
        let logP = log(p)
        let logQ = log1p(-p)
        let logN: Double = lgamma(Double(n) + 1)
        func pmf(_ x: Int) -> Double {
            let successes = Double(x)
            let failures = Double(n - x)
            let logChoose: Double = logN - lgamma(successes + 1) - lgamma(failures + 1)
            return exp(logChoose + successes * logP + failures * logQ)
        }
        let mean = Double(n) * p
        if Double(k) == mean { return 1 }
        let observed = pmf(k) * (1 + 1e-7)
        let spread = 40 * (mean * (1 - p)).squareRoot() + 2
        let low = max(0, Int((mean - spread).rounded(.down)))
        let high = min(n, Int((mean + spread).rounded(.up)))
        var total = 0.0
        for x in low...high {
            let value = pmf(x)
            if value <= observed { total += value }
        }
        if k < low || k > high { total += pmf(k) }
        return min(1, total)
    }

    /// Whether two proportions differ: `current` of `currentTotal` against `baseline` of
    /// `baselineTotal`, the pooled two-proportion z-test (the same p-value as a 2×2 chi-square
    /// test without continuity correction, `scipy.stats.chi2_contingency(…, correction=False)`).
    /// The statistic is z, positive when the current proportion is larger.
    public static func twoProportion(
        current: Double, currentTotal: Double, baseline: Double, baselineTotal: Double
    ) -> (statistic: Double, pValue: Double)? {
        guard currentTotal > 0, baselineTotal > 0, current >= 0, baseline >= 0, current <= currentTotal,
            baseline <= baselineTotal
        else { return nil }
        let pooled = (current + baseline) / (currentTotal + baselineTotal)
        let variance = pooled * (1 - pooled) * (1 / currentTotal + 1 / baselineTotal)
        guard variance > 0 else { return (0, 1) }
        let z = (current / currentTotal - baseline / baselineTotal) / variance.squareRoot()
        return (z, min(1, erfc(abs(z) / 2.0.squareRoot())))
    }
}
