import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The two-sided Mann-Whitney U test, computed as `scipy.stats.mannwhitneyu(x, y)` does by
/// default: the exact distribution when either sample has at most 8 values and there are no
/// ties, otherwise the normal approximation with tie correction and continuity correction.
public enum MannWhitneyU {
    /// Tests whether `x` and `y` come from the same distribution; nil when either is empty.
    /// `u` is x's statistic; the effect size is the rank-biserial correlation `2·U/(n₁n₂) − 1`,
    /// positive when x's values tend to be larger.
    public static func test(_ x: [Double], _ y: [Double]) -> MannWhitneyResult? {
        let n1 = x.count
        let n2 = y.count
        guard n1 > 0, n2 > 0 else { return nil }
        // Rank the pooled samples, averaging ranks over ties; O((n₁ + n₂) log(n₁ + n₂)).
        var pooled: [(value: Double, fromX: Bool)] = x.map { ($0, true) } + y.map { ($0, false) }
        pooled.sort { $0.value < $1.value }
        var rankSumX = 0.0
        var tieTerm = 0.0
        var hasTies = false
        var start = 0
        while start < pooled.count {
            var end = start + 1
            while end < pooled.count, pooled[end].value == pooled[start].value { end += 1 }
            let tieCount = Double(end - start)
            if end - start > 1 {
                hasTies = true
                tieTerm += tieCount * tieCount * tieCount - tieCount
            }
            let averageRank = Double(start + 1 + end) / 2
            for index in start..<end where pooled[index].fromX { rankSumX += averageRank }
            start = end
        }
        let u1 = rankSumX - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        let u = max(u1, u2)
        let exact = !(n1 > 8 && n2 > 8) && !hasTies
        var p: Double
        if exact {
            p = exactSurvival(Int(u.rounded()), min(n1, n2), max(n1, n2))
        } else {
            let n = Double(n1 + n2)
            let mu = Double(n1 * n2) / 2
            let s = (Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
            let z = (u - mu - 0.5) / s
            p = normalSurvival(z)
        }
        p = min(max(p * 2, 0), 1)
        let effect = 2 * u1 / Double(n1 * n2) - 1
        return MannWhitneyResult(u: u1, pValue: p, effectSize: effect, method: exact ? "exact" : "asymptotic")
    }

    /// P(U ≥ u) under the null hypothesis, from the exact distribution of U: the coefficients of
    /// the Gaussian binomial coefficient [m+n choose m](q), built one factor at a time. m is the
    /// smaller sample (at most 8 here), so the work is O(m² n).
    static func exactSurvival(_ u: Int, _ m: Int, _ n: Int) -> Double {
        let maxU = m * n
        if u <= 0 { return 1 }
        if u > maxU { return 0 }
        // counts[k] = number of orderings with U = k; start with the polynomial 1.
        var counts = [Double](repeating: 0, count: maxU + 1)
        counts[0] = 1
        var degree = 0
        for i in 1...m {
            // Multiply by (1 − q^(n+i)) / (1 − q^i): first multiply by (1 − q^(n+i)) …
            let up = n + i
            degree += n
            for k in stride(from: degree, through: up, by: -1) { counts[k] -= counts[k - up] }
            // … then divide by (1 − q^i), which is a running sum with stride i.
            for k in i...degree { counts[k] += counts[k - i] }
        }
        var total = 0.0
        var tail = 0.0
        for k in 0...maxU {
            total += counts[k]
            if k >= u { tail += counts[k] }
        }
        return tail / total
    }

    /// Survival function of the standard normal distribution.
    static func normalSurvival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }
}
