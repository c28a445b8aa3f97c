/// A run compared with its baseline.
public struct Comparison: Codable, Sendable, Equatable {
    public var baseline: RunMetadata
    /// False when the environment fingerprints differ: then every verdict is `incomparable`.
    public var comparable: Bool
    /// Minimum relative change of the mean that counts (default 0.05).
    public var threshold: Double
    /// Significance level for the Mann-Whitney test (default 0.01).
    public var alpha: Double
    public var operations: [OperationComparison]
    /// Baseline total over current total: above 1 means the run got faster.
    public var totalSpeedup: Double?
    /// Geometric mean over operations present in both runs of baseline mean / current mean.
    public var geometricMeanSpeedup: Double?

    public init(
        baseline: RunMetadata, comparable: Bool, threshold: Double, alpha: Double, operations: [OperationComparison],
        totalSpeedup: Double?, geometricMeanSpeedup: Double?
    ) {
        self.baseline = baseline
        self.comparable = comparable
        self.threshold = threshold
        self.alpha = alpha
        self.operations = operations
        self.totalSpeedup = totalSpeedup
        self.geometricMeanSpeedup = geometricMeanSpeedup
    }

    enum CodingKeys: String, CodingKey {
        case baseline, comparable, threshold, alpha, operations
        case totalSpeedup = "total_speedup"
        case geometricMeanSpeedup = "geometric_mean_speedup"
    }

    public var regressions: [OperationComparison] { operations.filter { $0.verdict == .regression } }
    public var improvements: [OperationComparison] { operations.filter { $0.verdict == .improvement } }
}

public enum Verdict: String, Codable, Sendable, CaseIterable {
    case regression, improvement, unchanged, new, removed, unstable, incomparable
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

    public init(
        name: String, verdict: Verdict, baselineMean: Double?, currentMean: Double?, meanChange: Double?,
        p50Change: Double?, p95Change: Double?, p99Change: Double?, test: MannWhitneyResult?
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
    }
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
