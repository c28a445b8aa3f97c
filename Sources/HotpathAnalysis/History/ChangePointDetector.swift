import HotpathModel

/// Finds lasting steps in a series of per-run values (an operation's p50, night after night).
///
/// Every split point i is tested: the up to `window` runs before i against the up to `window`
/// runs from i on (at least `minimumRuns` on each side), with the two-sided Mann-Whitney test
/// (exact for small sides), so one odd night cannot make a step: the step must hold for several
/// runs on each side. A split counts when the two sides' medians differ by at least `threshold`.
///
/// Testing every split is many tests. The series' p-value (`Scan.pValue`) is the smallest split
/// p-value times the number of splits tested (Bonferroni within the series); across the
/// operations of a history those series p-values form one family, corrected with
/// Benjamini–Hochberg by `HistoryAnalyzer`, which gives back the cut-off a split's corrected
/// p-value must reach. Five runs on the new side are enough: against 30 runs before, an exact
/// p-value can go down to 2/C(35,5) ≈ 6·10⁻⁶, small enough to survive both corrections.
///
/// Nearby qualifying splits describe one step, placed where the runs just before and just after
/// differ most clearly (see `steps(in:cutoff:values:)`): near a step several splits separate the
/// wide windows perfectly and tie on the p-value.
public struct ChangePointDetector: Sendable {
    public var window = 30
    public var minimumRuns = 5
    public var threshold = 0.05

    public init(window: Int = 30, minimumRuns: Int = 5, threshold: Double = 0.05) {
        self.window = window
        self.minimumRuns = minimumRuns
        self.threshold = threshold
    }

    public struct Step: Sendable, Equatable {
        /// Index of the first value after the step.
        public var index: Int
        /// Medians of the runs before and after the split (within the window).
        public var before: Double
        public var after: Double
        /// The split's own two-sided Mann-Whitney p-value.
        public var pValue: Double
        /// `pValue` times the number of splits tested in the series, at most 1.
        public var correctedPValue: Double
        /// Welch's t of the two sides' means: how clearly the split separates them.
        public var separation: Double

        public var change: Double { before != 0 ? (after - before) / before : 0 }
    }

    /// Every split of one series that moved by at least the threshold, with its test.
    public struct Scan: Sendable, Equatable {
        public var splits: [Step]
        /// How many splits were tested (the Bonferroni factor).
        public var tested: Int

        /// The series' p-value: its smallest corrected split p-value; 1 when nothing moved.
        public var pValue: Double { splits.map(\.correctedPValue).min() ?? 1 }
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

    public func scan(_ values: [Double]) -> Scan {
        guard values.count >= 2 * minimumRuns else { return Scan(splits: [], tested: 0) }
        let splits = minimumRuns...(values.count - minimumRuns)
        var moved: [Step] = []
        // Both sides' values kept sorted as the split moves one run on: each step inserts and
        // removes one value instead of sorting both windows again (a year of nights times
        // hundreds of operations on every build). NaN has no place in a sorted window: sorted
        // again then, as before.
        let sortable = !values.contains { $0.isNaN }
        var beforeWindow = SortedWindow(values[max(0, splits.lowerBound - window)..<splits.lowerBound])
        var afterWindow = SortedWindow(values[splits.lowerBound..<min(values.count, splits.lowerBound + window)])
        for split in splits {
            if split > splits.lowerBound {
                beforeWindow.insert(values[split - 1])
                if split - 1 - window >= 0 { beforeWindow.remove(values[split - 1 - window]) }
                afterWindow.remove(values[split - 1])
                if split - 1 + window < values.count { afterWindow.insert(values[split - 1 + window]) }
            }
            let beforeRange = max(0, split - window)..<split
            let afterRange = split..<min(values.count, split + window)
            let beforeMedian =
                Quantiles.quantile(sorted: sortable ? beforeWindow.values : values[beforeRange].sorted(), 0.5) ?? 0
            let afterMedian =
                Quantiles.quantile(sorted: sortable ? afterWindow.values : values[afterRange].sorted(), 0.5) ?? 0
            guard beforeMedian > 0, abs(afterMedian - beforeMedian) >= threshold * beforeMedian else { continue }
            let before = Array(values[beforeRange])
            let after = Array(values[afterRange])
            guard let test = MannWhitneyU.test(after, before) else { continue }
            moved.append(
                Step(
                    index: split, before: beforeMedian, after: afterMedian, pValue: test.pValue,
                    correctedPValue: min(1, test.pValue * Double(splits.count)), separation: Self.welchT(after, before))
            )
        }
        return Scan(splits: moved, tested: splits.count)
    }

    /// The steps of a scanned series whose corrected p-value is at most `cutoff`.
    ///
    /// Qualifying splits of one direction less than `minimumRuns` apart describe one step (a
    /// wide window keeps qualifying for several runs around a step, not always every run). Its
    /// position is the split whose nearest runs differ most clearly: the largest Welch t of up to
    /// `minimumRuns` values on each side (then the earliest). Its before and after levels are the
    /// medians of the runs between it and its neighbouring steps, at most `window` each way.
    public func steps(in scan: Scan, cutoff: Double, values: [Double]) -> [Step] {
        let candidates = scan.splits.filter { $0.correctedPValue <= cutoff }
        var groups: [[Step]] = []
        for candidate in candidates {
            if let last = groups.last?.last, candidate.index - last.index <= minimumRuns,
                (candidate.change > 0) == (last.change > 0)
            {
                groups[groups.count - 1].append(candidate)
            } else {
                groups.append([candidate])
            }
        }
        var steps = groups.compactMap { group -> Step? in
            group.map { candidate -> Step in
                var step = candidate
                let before = Array(values[max(0, step.index - minimumRuns)..<step.index])
                let after = Array(values[step.index..<min(values.count, step.index + minimumRuns)])
                step.separation = Self.welchT(after, before)
                return step
            }.min { a, b in a.separation != b.separation ? a.separation > b.separation : a.index < b.index }
        }
        for index in steps.indices {
            let start = max(index > 0 ? steps[index - 1].index : 0, steps[index].index - window)
            let end = min(index + 1 < steps.count ? steps[index + 1].index : values.count, steps[index].index + window)
            steps[index].before =
                Quantiles.quantile(sorted: values[start..<steps[index].index].sorted(), 0.5) ?? steps[index].before
            steps[index].after =
                Quantiles.quantile(sorted: values[steps[index].index..<end].sorted(), 0.5) ?? steps[index].after
        }
        return steps
    }

    /// The steps of one series tested alone (a family of one) at level `level`.
    public func steps(in values: [Double], level: Double = 0.05) -> [Step] {
        steps(in: scan(values), cutoff: level, values: values)
    }
}

/// Values kept in ascending order while single values come and go.
struct SortedWindow {
    private(set) var values: [Double]

    init(_ values: ArraySlice<Double>) {
        self.values = values.sorted()
    }

    mutating func insert(_ value: Double) {
        values.insert(value, at: index(of: value))
    }

    /// Removes one value equal to `value`, which must be in the window.
    mutating func remove(_ value: Double) {
        let position = index(of: value)
        if position < values.count, values[position] == value { values.remove(at: position) }
    }

    /// The first position whose value is not below `value`.
    private func index(of value: Double) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
