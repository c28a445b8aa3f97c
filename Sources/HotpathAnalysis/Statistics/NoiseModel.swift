import HotpathModel

/// What a benchmark's noise lets a comparison see: the smallest relative change that a two-sided
/// test at level α finds with the given power, for n samples per side, and the samples a side
/// needed to see a given change. A verdict of "no change" means little when the noise hides
/// anything under 20%; this says so in numbers.
///
/// For the t-test (Welch's, with equal n and spread) the usual approximation to the noncentral-t
/// power calculation, with ν = 2n − 2 degrees of freedom:
///
///     δ = (t₁₋α/₂(ν) + t_power(ν)) · CV · √(2/n)
///
/// where CV = stddev/mean and δ is the change of the mean relative to the mean. It is within
/// 0.2% of the exact calculation (statsmodels' `TTestIndPower.solve_power`) from n = 5 on; at
/// n = 2 it promises 6% too small a change.
///
/// For Mann–Whitney the same formula runs with n·3/π in place of n: 3/π ≈ 0.955 is the test's
/// asymptotic relative efficiency against the t-test for normal data. For the skewed,
/// heavy-tailed shapes timings usually take it is above 1, so there the figure errs on the
/// cautious side (no shape takes it below 0.864).
public enum NoiseModel {
    public enum Test: Sendable {
        case mannWhitney
        case welchT

        /// The test's efficiency relative to the t-test: how many t-test samples one is worth.
        var efficiency: Double {
            switch self {
            case .mannWhitney: 3 / Double.pi
            case .welchT: 1
            }
        }
    }

    /// The smallest relative change of the mean that `test` detects with `power` at level `alpha`
    /// with `samplesPerSide` values on each side, as a fraction (0.05 is 5%). nil for fewer than
    /// two samples a side, a negative or non-finite CV, or α or power outside (0, 1).
    public static func minimumDetectableEffect(
        coefficientOfVariation cv: Double, samplesPerSide n: Int, test: Test = .mannWhitney, alpha: Double = 0.05,
        power: Double = 0.8
    ) -> Double? {
        guard n >= 2, cv >= 0, cv.isFinite, alpha > 0, alpha < 1, power > 0, power < 1 else { return nil }
        let effective = Double(n) * test.efficiency
        return multiplier(effective: effective, alpha: alpha, power: power) * cv * (2 / effective).squareRoot()
    }

    /// The same for a sample that stands for both sides: its CV (sample standard deviation over
    /// mean) and its size as n. nil as above, or when the mean is not positive.
    public static func minimumDetectableEffect(
        samples: [Double], test: Test = .mannWhitney, alpha: Double = 0.05, power: Double = 0.8
    ) -> Double? {
        guard let cv = coefficientOfVariation(samples) else { return nil }
        return minimumDetectableEffect(
            coefficientOfVariation: cv, samplesPerSide: samples.count, test: test, alpha: alpha, power: power)
    }

    /// The fewest samples per side with which `test` detects a relative change of `effect` (5% by
    /// default) with `power` at level `alpha`: the least n whose minimum detectable effect is at
    /// most `effect`. nil when the arguments are out of range (as above, or a non-positive effect)
    /// or more than 2⁴⁰ samples would be needed.
    public static func samplesPerSide(
        toDetect effect: Double = 0.05, coefficientOfVariation cv: Double, test: Test = .mannWhitney,
        alpha: Double = 0.05, power: Double = 0.8
    ) -> Int? {
        guard effect > 0, effect.isFinite else { return nil }
        func detects(_ n: Int) -> Bool? {
            minimumDetectableEffect(
                coefficientOfVariation: cv, samplesPerSide: n, test: test, alpha: alpha, power: power
            )
            .map { $0 <= effect }
        }
        guard let detectsWithTwo = detects(2) else { return nil }
        if detectsWithTwo { return 2 }
        // The detectable effect falls as n grows: bracket the answer, then bisect it. The normal
        // quantiles' answer is a lower bound (t quantiles are larger) and close to the answer
        // from a few dozen samples on, so the bracket starts there: a history of thousands of
        // operations asks this for each of them.
        var low = 2
        var high = 4
        let z = StandardNormal.quantile(1 - alpha / 2) + StandardNormal.quantile(power)
        let normal = 2 * (z * cv / effect) * (z * cv / effect) / test.efficiency
        if normal.isFinite, normal > 4, normal < Double(1 << 40) {
            let below = max(2, Int(normal.rounded(.down)) - 1)
            if detects(below) == false {
                low = below
                high = max(below + 1, Int((normal * 1.05).rounded(.up)) + 8)
            }
        }
        while detects(high) == false {
            guard high < 1 << 40 else { return nil }
            low = high
            high *= 2
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if detects(middle) == true { high = middle } else { low = middle }
        }
        return high
    }

    /// Sample standard deviation (n − 1) over the mean; nil for fewer than two values, a
    /// non-positive mean, or a non-finite value.
    static func coefficientOfVariation(_ samples: [Double]) -> Double? {
        guard samples.count >= 2, samples.allSatisfy(\.isFinite) else { return nil }
        let summary = SampleSummary(sorted: RadixSort.sorted(samples))
        guard summary.mean > 0 else { return nil }
        return summary.stddev / summary.mean
    }
}
