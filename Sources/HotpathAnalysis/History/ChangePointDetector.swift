import HotpathModel

/// Finds lasting steps in a series of per-run values (an operation's p50, night after night).
///
/// The method, a windowed Mann-Whitney test on run values: for every split point i, compare the
/// up to `window` runs before i with the up to `window` runs from i on (at least `minimumRuns`
/// on each side). A split is a candidate when the two-sided p-value is below the corrected level
/// and the medians of the two sides differ by at least `threshold` (relative). Testing every
/// split of a long history is many tests, and noise alone would pass some at `alpha`: the level
/// is divided by the number of independent windows the history holds, `alpha · 2·window / n`
/// (a Bonferroni correction; never above `alpha`). Consecutive candidates
/// describe one step; its position is the candidate whose two sides differ most clearly — the
/// largest Welch t statistic of their means (then the earliest) — since near a step several
/// splits can separate the sides perfectly and tie on the p-value. Testing run values rather
/// than pooled raw samples keeps one noisy night from raising an alarm: a step must hold for
/// several runs on each side.
public struct ChangePointDetector: Sendable {
    public var window = 10
    public var minimumRuns = 6
    public var threshold = 0.05
    public var alpha = 0.01

    public init(window: Int = 10, minimumRuns: Int = 6, threshold: Double = 0.05, alpha: Double = 0.01) {
        self.window = window
        self.minimumRuns = minimumRuns
        self.threshold = threshold
        self.alpha = alpha
    }

    public struct Step: Sendable, Equatable {
        /// Index of the first value after the step.
        public var index: Int
        public var before: Double
        public var after: Double
        public var pValue: Double
        /// Welch's t of the two sides' means: how clearly the split separates them.
        public var separation: Double

        public var change: Double { before != 0 ? (after - before) / before : 0 }
    }

    static func welchT(_ a: [Double], _ b: [Double]) -> Double {
        func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count - 1, 1))
            return (mean, variance)
        }
        let (ma, va) = moments(a)
        let (mb, vb) = moments(b)
        let scale = max(abs(ma), abs(mb), 1e-300)
        // A floor on the spread keeps perfectly flat sides finite and comparable.
        let spread = (va / Double(a.count) + vb / Double(b.count) + scale * scale * 1e-12).squareRoot()
        return abs(ma - mb) / spread
    }

    public func steps(in values: [Double]) -> [Step] {
        guard values.count >= 2 * minimumRuns else { return [] }
        let level = alpha * min(1, Double(2 * window) / Double(values.count))
        var candidates: [Step] = []
        for split in minimumRuns...(values.count - minimumRuns) {
            let before = Array(values[max(0, split - window)..<split])
            let after = Array(values[split..<min(values.count, split + window)])
            guard before.count >= minimumRuns, after.count >= minimumRuns,
                let test = MannWhitneyU.test(after, before)
            else { continue }
            let beforeMedian = Quantiles.quantile(sorted: before.sorted(), 0.5) ?? 0
            let afterMedian = Quantiles.quantile(sorted: after.sorted(), 0.5) ?? 0
            let step = Step(
                index: split, before: beforeMedian, after: afterMedian, pValue: test.pValue,
                separation: Self.welchT(after, before))
            if test.pValue < level, beforeMedian > 0, abs(step.change) >= threshold {
                candidates.append(step)
            }
        }
        // One step per run of consecutive candidates in the same direction.
        var steps: [Step] = []
        var group: [Step] = []
        func closeGroup() {
            guard let best = group.min(by: { a, b in
                a.separation != b.separation ? a.separation > b.separation : a.index < b.index
            }) else { return }
            steps.append(best)
            group.removeAll()
        }
        for candidate in candidates {
            if let last = group.last, candidate.index != last.index + 1 || (candidate.change > 0) != (last.change > 0) {
                closeGroup()
            }
            group.append(candidate)
        }
        closeGroup()
        return steps
    }
}
