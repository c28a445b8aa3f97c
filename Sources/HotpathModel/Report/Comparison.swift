/// A run compared with its baseline.
public struct Comparison: Codable, Sendable, Equatable {
    public var baseline: RunMetadata
    /// False when the environment fingerprints differ: then every verdict is `incomparable`.
    public var comparable: Bool
    /// Minimum relative change that counts (default 0.05), and the half-width of "unchanged".
    public var threshold: Double
    /// The false discovery rate q the verdicts control across the run's tested operations
    /// (Benjamini–Hochberg; default 0.05).
    public var falseDiscoveryRate: Double
    public var operations: [OperationComparison] {
        didSet { counts = VerdictCounts(operations) }
    }
    /// How many operations got each verdict.
    public var counts: VerdictCounts
    /// For a benchmark suite: families whose fitted complexity differs from the baseline's.
    public var familyChanges: [FamilyChange] = []
    /// Baseline total over current total: above 1 means the run got faster.
    public var totalSpeedup: Double?
    /// Geometric mean over operations present in both runs of baseline mean / current mean.
    public var geometricMeanSpeedup: Double?

    public init(
        baseline: RunMetadata, comparable: Bool, threshold: Double, falseDiscoveryRate: Double,
        operations: [OperationComparison], totalSpeedup: Double?, geometricMeanSpeedup: Double?
    ) {
        self.baseline = baseline
        self.comparable = comparable
        self.threshold = threshold
        self.falseDiscoveryRate = falseDiscoveryRate
        self.operations = operations
        self.counts = VerdictCounts(operations)
        self.totalSpeedup = totalSpeedup
        self.geometricMeanSpeedup = geometricMeanSpeedup
    }

    enum CodingKeys: String, CodingKey {
        case baseline, comparable, threshold, operations, counts
        case familyChanges = "family_changes"
        case falseDiscoveryRate = "false_discovery_rate"
        case totalSpeedup = "total_speedup"
        case geometricMeanSpeedup = "geometric_mean_speedup"
    }

    public var regressions: [OperationComparison] { operations.filter { $0.verdict == .regression } }
    public var improvements: [OperationComparison] { operations.filter { $0.verdict == .improvement } }
}

/// What a comparison concluded for one operation.
///
/// `unchanged` is earned: the change's confidence interval lies inside ±threshold. A change
/// neither shown (significant after the false-discovery correction and at least the threshold)
/// nor ruled out is `inconclusive`: the noise hides changes of the threshold's size.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case regression, improvement, unchanged, inconclusive, new, removed, incomparable
}

public struct OperationComparison: Codable, Sendable, Equatable {
    public var name: String
    public var verdict: Verdict
    public var baselineMean: Double?
    public var currentMean: Double?
    /// Relative changes, (current − baseline) / baseline; positive means larger.
    public var meanChange: Double?
    public var p50Change: Double?
    public var p95Change: Double?
    public var p99Change: Double?
    public var test: MannWhitneyResult?
    /// The test's p-value adjusted across the run's tested operations (Benjamini–Hochberg): the
    /// verdict compares this, not the raw p-value, with the false discovery rate.
    public var adjustedPValue: Double?
    /// The change with its confidence interval, relative to the baseline.
    public var interval: ChangeInterval?
    /// Samples per side a comparison of this operation needs to see a change of the threshold's
    /// size (level q, 80% power), from the noise of both sides; set when the verdict is inconclusive.
    public var samplesNeeded: Int?
    /// The measure both sides were compared by, for operations timed by two clocks (real or CPU
    /// time: always the same on both sides; nil with one measure).
    public var measure: TimeMeasure?
    /// For a regression or an improvement with a call tree in both runs: where the change came
    /// from (`Attribution`); nil otherwise.
    public var attribution: Attribution?

    public init(
        name: String, verdict: Verdict, baselineMean: Double?, currentMean: Double?, meanChange: Double?,
        p50Change: Double?, p95Change: Double?, p99Change: Double?, test: MannWhitneyResult?,
        adjustedPValue: Double? = nil, interval: ChangeInterval? = nil, samplesNeeded: Int? = nil
    ) {
        self.name = name
        self.verdict = verdict
        self.baselineMean = baselineMean
        self.currentMean = currentMean
        self.meanChange = meanChange
        self.p50Change = p50Change
        self.p95Change = p95Change
        self.p99Change = p99Change
        self.test = test
        self.adjustedPValue = adjustedPValue
        self.interval = interval
        self.samplesNeeded = samplesNeeded
    }

    enum CodingKeys: String, CodingKey {
        case name, verdict
        case baselineMean = "baseline_mean"
        case currentMean = "current_mean"
        case meanChange = "mean_change"
        case p50Change = "p50_change"
        case p95Change = "p95_change"
        case p99Change = "p99_change"
        case test
        case adjustedPValue = "adjusted_p_value"
        case interval
        case samplesNeeded = "samples_needed"
        case measure, attribution
    }
}

/// A relative change with its confidence interval: `+11.4% [+6.2%, +16.8%]`.
///
/// For measured samples, the Hodges–Lehmann shift (the median of all differences current −
/// baseline) and its distribution-free interval from inverting the Mann–Whitney test, divided
/// by the baseline's median. For operations known only by summary statistics, the difference of
/// the means with Welch's interval, divided by the baseline's mean.
public struct ChangeInterval: Codable, Sendable, Equatable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// The interval's confidence level, e.g. 0.95.
    public var confidence: Double
    /// `hodges_lehmann` or `welch`.
    public var method: String

    public init(estimate: Double, lower: Double, upper: Double, confidence: Double, method: String) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.method = method
    }

    /// Whether the whole interval lies within ±`threshold`.
    public func isWithin(_ threshold: Double) -> Bool { lower >= -threshold && upper <= threshold }
}

/// A two-sided Mann-Whitney U test of current samples against baseline samples.
public struct MannWhitneyResult: Codable, Sendable, Equatable {
    /// U of the current samples, as scipy reports it for `mannwhitneyu(current, baseline)`.
    public var u: Double
    public var pValue: Double
    /// Rank-biserial correlation in −1...1: positive when current values tend to be larger.
    public var effectSize: Double
    /// `exact` or `asymptotic`, chosen as scipy's default does.
    public var method: String

    public init(u: Double, pValue: Double, effectSize: Double, method: String) {
        self.u = u
        self.pValue = pValue
        self.effectSize = effectSize
        self.method = method
    }

    /// How pages name the test: "Mann-Whitney", or "Welch's t-test" for `welch_t`.
    public var testName: String { method == "welch_t" ? "Welch's t-test" : "Mann-Whitney" }

    enum CodingKeys: String, CodingKey {
        case u
        case pValue = "p_value"
        case effectSize = "effect_size"
        case method
    }
}
