/// One operation's raw measurements in a run: the seed system's ProfileResult.
///
/// Samples are kept raw so any statistic can be recomputed later. Their unit follows from
/// `metric`: nanoseconds for `timing`, bytes for `memory` and `io`, a plain count otherwise.
public struct ProfileResult: Codable, Sendable, Equatable {
    public var name: String
    public var metric: ProfileMetricType
    public var samples: [Double]
    /// Optional grouping shown on pages, e.g. `codegen` or a benchmark family.
    public var group: String?
    /// Set when an importer only had summary statistics, not raw samples (e.g. pytest-benchmark
    /// without `stats.data`): the samples are then representative values, and pages say so.
    public var summaryOnly: Bool
    /// The source's own summary statistics, when it wrote them: the analysis takes count, mean,
    /// spread and quantiles from here when the samples are summary values or fewer than `count`.
    public var summary: SummaryStatistics?
    /// The CPU time of the same measurements, in nanoseconds, one per sample and in the same
    /// order, when the tool measured both clocks (Google Benchmark's `cpu_time` beside its
    /// `real_time`): `samples` are then the real (wall-clock) time. A second measure of the same
    /// operation, never an operation of its own (see `TimeMeasure`).
    public var cpuSamples: [Double]?
    /// The CPU time's summary statistics, as `summary` is the real time's, for an operation known
    /// only by its tool's aggregates.
    public var cpuSummary: SummaryStatistics?

    public init(
        name: String, metric: ProfileMetricType = .timing, samples: [Double], group: String? = nil,
        summaryOnly: Bool = false, summary: SummaryStatistics? = nil, cpuSamples: [Double]? = nil,
        cpuSummary: SummaryStatistics? = nil
    ) {
        self.name = name
        self.metric = metric
        self.samples = samples
        self.group = group
        self.summaryOnly = summaryOnly
        self.summary = summary
        self.cpuSamples = cpuSamples
        self.cpuSummary = cpuSummary
    }

    /// Whether the operation has a CPU time beside its real time.
    public var hasCPUTime: Bool { !(cpuSamples ?? []).isEmpty || cpuSummary != nil }

    enum CodingKeys: String, CodingKey {
        case name, metric
        case samples
        case group
        case summaryOnly = "summary_only"
        case summary
        case cpuSamples = "cpu_samples"
        case cpuSummary = "cpu_summary"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        metric = try container.decodeIfPresent(ProfileMetricType.self, forKey: .metric) ?? .timing
        samples = try container.decode([Double].self, forKey: .samples)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        summaryOnly = try container.decodeIfPresent(Bool.self, forKey: .summaryOnly) ?? false
        summary = try container.decodeIfPresent(SummaryStatistics.self, forKey: .summary)
        cpuSamples = try container.decodeIfPresent([Double].self, forKey: .cpuSamples)
        cpuSummary = try container.decodeIfPresent(SummaryStatistics.self, forKey: .cpuSummary)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(metric, forKey: .metric)
        try container.encode(samples, forKey: .samples)
        try container.encodeIfPresent(group, forKey: .group)
        if summaryOnly { try container.encode(true, forKey: .summaryOnly) }
        try container.encodeIfPresent(summary, forKey: .summary)
        try container.encodeIfPresent(cpuSamples, forKey: .cpuSamples)
        try container.encodeIfPresent(cpuSummary, forKey: .cpuSummary)
    }
}

/// Summary statistics as a benchmark tool reported them (pytest-benchmark's `stats`, Google
/// Benchmark's aggregates), in the operation's unit. Kept as written rather than turned into
/// made-up samples: five quantiles say nothing about p95, and `count` is the number of
/// measurements behind them (pytest-benchmark's rounds), not the number of values here.
public struct SummaryStatistics: Codable, Sendable, Equatable {
    /// Measurements summarized (rounds, repetitions); at least 1.
    public var count: Int
    public var mean: Double
    /// Sample standard deviation, as the tool computed it.
    public var stddev: Double
    public var min: Double?
    public var max: Double?
    /// First quartile, median and third quartile, when the tool reported them.
    public var q1: Double?
    public var median: Double?
    public var q3: Double?

    public init(
        count: Int, mean: Double, stddev: Double, min: Double? = nil, max: Double? = nil, q1: Double? = nil,
        median: Double? = nil, q3: Double? = nil
    ) {
        self.count = count
        self.mean = mean
        self.stddev = stddev
        self.min = min
        self.max = max
        self.q1 = q1
        self.median = median
        self.q3 = q3
    }

    /// Every value, for validation: finite and not negative.
    public var values: [Double] { [mean, stddev] + [min, max, q1, median, q3].compactMap { $0 } }
}

/// What a metric measures, which fixes its unit and its polarity.
public enum ProfileMetricType: String, Codable, Sendable, CaseIterable {
    case timing
    case memory
    case io
    case cpu
    case cache
    case throughput

    /// Smaller is better for everything but throughput.
    public var polarity: Polarity {
        self == .throughput || self == .cache ? .largerIsBetter : .smallerIsBetter
    }

    public var unit: MetricUnit {
        switch self {
        case .timing, .cpu: .nanoseconds
        case .memory, .io: .bytes
        case .cache, .throughput: .count
        }
    }
}

public enum Polarity: String, Codable, Sendable {
    case smallerIsBetter = "smaller_is_better"
    case largerIsBetter = "larger_is_better"
}

public enum MetricUnit: String, Codable, Sendable {
    case nanoseconds = "ns"
    case bytes
    case count
    /// A sampling profiler's samples (stack weights without a unit of their own): shown as
    /// `1,234 samples`, never as a bare number.
    case samples
}
