/// The Hodges–Lehmann shift between two samples and its distribution-free confidence interval,
/// as R's `wilcox.test(current, baseline, conf.int = TRUE, conf.level = …)` reports them
/// (`$estimate`, `$conf.int`).
///
/// A p-value says a change is there; the shift says how big it is, with an interval, in the
/// samples' own unit. It is the median of all differences currentᵢ − baselineⱼ, so a few
/// outliers move it no more than they move a median, and the interval is the set of shifts d for
/// which a Mann–Whitney test of current − d against baseline would not reject: the same rank
/// reasoning as Hotpath's test, and nothing assumed about the shape of the distributions.
///
/// R's choice of method is kept: exact (the interval's ends are order statistics of the
/// differences at ranks from the exact null distribution, `qwilcox`) when both samples have fewer
/// than 50 values and no value occurs twice in the pooled samples; otherwise the normal
/// approximation with tie and continuity correction, inverted. R inverts it with `uniroot`, which
/// stops within `tol.root` (1e-4, in the samples' unit) of the answer; the statistic is a step
/// function of the shift, so the answer is the difference where it steps past the normal
/// quantile, and that is what this returns, exactly. For the same reason R's asymptotic
/// `$estimate` is any point where the statistic is zero, a span of two or three differences
/// around their median; this returns the median itself, the Hodges–Lehmann estimate by definition
/// and the same value the exact case gives.
///
/// No difference is stored (see `PairwiseDifferences`): 5,000 values a side, 25 million
/// differences, take a fraction of a second even in a debug build.
public enum HodgesLehmann {
    public struct Shift: Sendable, Equatable {
        public enum Method: String, Sendable {
            case exact
            case asymptotic
        }

        /// The median of the pairwise differences current − baseline: positive when current is
        /// larger.
        public var estimate: Double
        public var lower: Double
        public var upper: Double
        /// The level the interval has: the requested one, or the lower level R reports when the
        /// exact distribution of small samples cannot reach it (3 and 3 values cannot give 95%).
        public var confidenceLevel: Double
        public var method: Method

        public init(estimate: Double, lower: Double, upper: Double, confidenceLevel: Double, method: Method) {
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.confidenceLevel = confidenceLevel
            self.method = method
        }
    }

    /// The shift of `current` from `baseline` with its interval, in the samples' unit; nil when a
    /// sample is empty or holds a non-finite value, or the level is not strictly between 0 and 1.
    public static func shift(current: [Double], baseline: [Double], confidenceLevel: Double = 0.95) -> Shift? {
        guard !current.isEmpty, !baseline.isEmpty, confidenceLevel > 0, confidenceLevel < 1,
            current.allSatisfy(\.isFinite), baseline.allSatisfy(\.isFinite)
        else { return nil }
        let differences = PairwiseDifferences(x: RadixSort.sorted(current), y: RadixSort.sorted(baseline))
        let pairs = differences.count
        let estimate: Double
        if pairs % 2 == 1 {
            estimate = differences.orderStatistic((pairs + 1) / 2)
        } else {
            let (below, above) = differences.orderStatistics(pairs / 2)
            estimate = (below + above) / 2
        }
        let ties = Ties(differences)
        let exact = current.count < 50 && baseline.count < 50 && !ties.any
        if exact {
            return exactShift(differences, estimate: estimate, confidenceLevel: confidenceLevel)
        }
        if differences.smallest == differences.largest {
            // Every difference is the same (R stops with an error on the all-tied case): the
            // interval can only be that one value.
            return Shift(
                estimate: estimate, lower: estimate, upper: estimate, confidenceLevel: confidenceLevel,
                method: .asymptotic)
        }
        // −qnorm(α/2) is R's qnorm(α/2, lower.tail = FALSE) to the bit.
        let z = -StandardNormal.quantile((1 - confidenceLevel) / 2)
        let statistic = AsymptoticStatistic(differences, ties: ties)
        return Shift(
            estimate: estimate, lower: statistic.root(z), upper: statistic.root(-z), confidenceLevel: confidenceLevel,
            method: .asymptotic)
    }

    /// The shift relative to the baseline's median: estimate and interval divided by it, so +0.05
    /// reads "5% of a typical baseline value slower". The median, not the mean, for the reason
    /// the shift is a median of differences: an outlier in the baseline should not rescale every
    /// verdict. It is a fixed yardstick (its own uncertainty is not in the interval), chosen over
    /// a shift of logarithms because it keeps the absolute interval's meaning one-to-one and
    /// needs no positive values in the current sample. nil where `shift` is, or when the baseline
    /// median is not positive.
    public static func relativeShift(current: [Double], baseline: [Double], confidenceLevel: Double = 0.95) -> Shift? {
        guard var shift = shift(current: current, baseline: baseline, confidenceLevel: confidenceLevel),
            let median = Quantiles.quantile(sorted: RadixSort.sorted(baseline), 0.5), median > 0
        else { return nil }
        shift.estimate /= median
        shift.lower /= median
        shift.upper /= median
        return shift
    }

    /// R's exact interval: the differences at ranks qwilcox(α/2) and n·m − qwilcox(α/2) + 1.
    private static func exactShift(_ differences: PairwiseDifferences, estimate: Double, confidenceLevel: Double)
        -> Shift
    {
        let alpha = 1 - confidenceLevel
        let distribution = RankSumDistribution(m: differences.x.count, n: differences.y.count)
        let qu = max(distribution.quantile(alpha / 2), 1)
        let ql = differences.count - qu
        let achievedAlpha = 2 * distribution.cumulative(qu - 1)
        return Shift(
            estimate: estimate, lower: differences.orderStatistic(qu), upper: differences.orderStatistic(ql + 1),
            confidenceLevel: achievedAlpha - alpha > alpha / 2 ? 1 - achievedAlpha : confidenceLevel, method: .exact)
    }
}

/// Tied values in the pooled samples: whether any value occurs twice (which rules out the exact
/// method), and Σ(t³ − t) over groups of equal values within each sample, which are the ties
/// left after shifting one sample by a shift that is not itself a difference.
private struct Ties {
    var any = false
    var withinSamples = 0.0

    init(_ differences: PairwiseDifferences) {
        for sample in [differences.x, differences.y] {
            var start = 0
            while start < sample.count {
                var end = start + 1
                while end < sample.count, sample[end] == sample[start] { end += 1 }
                let t = Double(end - start)
                withinSamples += t * t * t - t
                start = end
            }
        }
        any = withinSamples > 0 || Self.shareAValue(differences.x, differences.y)
    }

    private static func shareAValue(_ x: [Double], _ y: [Double]) -> Bool {
        var i = 0
        var j = 0
        while i < x.count, j < y.count {
            if x[i] == y[j] { return true }
            if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return false
    }
}

/// R's asymptotic interval. Its statistic W(d) is the continuity-corrected normal score of the
/// Mann–Whitney U of (current − d) against baseline, which falls as d grows: between two
/// adjacent differences U counts the differences above d, and only within-sample ties remain.
private struct AsymptoticStatistic {
    let differences: PairwiseDifferences
    /// √Var(U) away from the differences themselves.
    let sigma: Double

    init(_ differences: PairwiseDifferences, ties: Ties) {
        self.differences = differences
        let n = Double(differences.x.count)
        let m = Double(differences.y.count)
        let total = n + m
        sigma = (n * m / 12 * ((total + 1) - ties.withinSamples / (total * (total - 1)))).squareRoot()
    }

    /// The shift at which W steps below z: R's `root(zq)`, including its answers at the ends
    /// (the smallest or largest difference when even those do not reach z).
    func root(_ z: Double) -> Double {
        if rStatistic(at: differences.smallest) - z <= 0 { return differences.smallest }
        if rStatistic(at: differences.largest) - z >= 0 { return differences.largest }
        // The fewest differences above d for which W(d) > z; W steps to ≤ z where d passes the
        // difference of rank count − above + 1.
        var low = 0
        var high = differences.count + 1
        while low < high {
            let middle = (low + high) / 2
            if score(above: middle) > z { high = middle } else { low = middle + 1 }
        }
        let rank = min(max(differences.count - low + 1, 1), differences.count)
        return differences.orderStatistic(rank)
    }

    /// W for d strictly between differences, with `above` differences greater than d.
    private func score(above: Int) -> Double {
        let dz = Double(above) - Double(differences.count) / 2
        let correction = dz > 0 ? 0.5 : dz < 0 ? -0.5 : 0
        return (dz - correction) / sigma
    }

    /// W(d) computed as R computes it, from the ranks of the pooled (current − d, baseline) with
    /// ties at d itself; used at the two ends, where R decides whether to search at all. Both
    /// samples are sorted (and so is current − d), so the ranks come from a merge.
    private func rStatistic(at d: Double) -> Double {
        let x = differences.x
        let y = differences.y
        var rankSumX = 0.0
        var tieTerm = 0.0
        var ranked = 0
        var i = 0
        var j = 0
        while i < x.count || j < y.count {
            let value = min(i < x.count ? x[i] - d : .infinity, j < y.count ? y[j] : .infinity)
            var fromX = 0
            while i < x.count, x[i] - d == value {
                fromX += 1
                i += 1
            }
            var fromY = 0
            while j < y.count, y[j] == value {
                fromY += 1
                j += 1
            }
            let t = Double(fromX + fromY)
            tieTerm += t * t * t - t
            rankSumX += Double(fromX) * (Double(ranked) + (t + 1) / 2)
            ranked += fromX + fromY
        }
        let nx = Double(x.count)
        let ny = Double(y.count)
        let total = nx + ny
        let dz = rankSumX - nx * (nx + 1) / 2 - nx * ny / 2
        let correction = dz > 0 ? 0.5 : dz < 0 ? -0.5 : 0
        let sigma = (nx * ny / 12 * ((total + 1) - tieTerm / (total * (total - 1)))).squareRoot()
        return (dz - correction) / sigma
    }
}
