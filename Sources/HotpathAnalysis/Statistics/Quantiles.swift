import HotpathModel

/// Percentiles as numpy computes them by default (`method="linear"`, Hyndman and Fan's
/// type 7): the value at virtual index `(n − 1) · q` of the sorted samples, interpolated
/// linearly between the two closest ranks. The interpolation is written the way numpy
/// writes it (from the nearer end), so results agree to the last bit in practice.
public enum Quantiles {
    /// The q-quantile (q in 0...1) of samples already sorted ascending; nil when empty.
    public static func quantile(sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let n = sorted.count
        let virtualIndex = Double(n - 1) * q
        if virtualIndex >= Double(n - 1) { return sorted[n - 1] }
        if virtualIndex <= 0 { return sorted[0] }
        let lower = Int(virtualIndex.rounded(.down))
        let gamma = virtualIndex - Double(lower)
        return lerp(sorted[lower], sorted[lower + 1], gamma)
    }

    /// numpy's `_lerp`: `a + (b − a)·t` below one half, `b − (b − a)·(1 − t)` from one half on.
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    public static func percentiles(sorted: [Double]) -> Percentiles? {
        guard !sorted.isEmpty else { return nil }
        func value(_ percentile: Percentile) -> Double { quantile(sorted: sorted, percentile.fraction)! }
        return Percentiles(
            p0: value(.p0), p25: value(.p25), p50: value(.p50), p75: value(.p75), p90: value(.p90),
            p95: value(.p95), p99: value(.p99), p100: value(.p100))
    }
}

extension SampleSummary {
    /// Summarizes raw samples; nil when there are none. Sorting is the costly part (see `RadixSort`).
    public init?(samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        self.init(sorted: RadixSort.sorted(samples))
    }

    /// Summarizes samples already sorted ascending.
    public init(sorted: [Double]) {
        precondition(!sorted.isEmpty, "SampleSummary needs at least one sample")
        let count = sorted.count
        let total = Summation.sum(sorted)
        let mean = total / Double(count)
        var squares = 0.0
        var compensation = 0.0
        for value in sorted {
            // Kahan-compensated sum of squared deviations: two-pass, numerically stable.
            let deviation = value - mean
            let term = deviation * deviation - compensation
            let next = squares + term
            compensation = (next - squares) - term
            squares = next
        }
        let stddev = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
        self.init(
            count: count, total: total, mean: mean, stddev: stddev, min: sorted[0], max: sorted[count - 1],
            cv: mean > 0 ? stddev / mean : 0, percentiles: Quantiles.percentiles(sorted: sorted)!)
    }
}

extension SampleSummary {
    /// The statistics a tool reported, as they are: percentiles it did not report (p90, p95,
    /// p99, and any quartile it left out) stay nil rather than being made up from five values.
    init(reported: SummaryStatistics) {
        let percentiles = Percentiles(
            p0: reported.min, p25: reported.q1, p50: reported.median, p75: reported.q3, p90: nil, p95: nil, p99: nil,
            p100: reported.max)
        self.init(
            count: reported.count, total: reported.mean * Double(reported.count), mean: reported.mean,
            stddev: reported.stddev, min: reported.min, max: reported.max,
            cv: reported.mean > 0 ? reported.stddev / reported.mean : 0, percentiles: percentiles)
    }
}

/// Sums with pairwise summation, as numpy does, so totals and means match it closely.
public enum Summation {
    public static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0) }
    }

    private static func pairwise(_ values: UnsafeBufferPointer<Double>) -> Double {
        if values.count <= 128 {
            var total = 0.0
            for value in values { total += value }
            return total
        }
        let half = values.count / 2
        return pairwise(UnsafeBufferPointer(rebasing: values[..<half]))
            + pairwise(UnsafeBufferPointer(rebasing: values[half...]))
    }
}
