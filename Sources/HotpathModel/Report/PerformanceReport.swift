/// Everything Hotpath concluded about one run: the seed system's PerformanceReport.
///
/// This is the shape `hotpath analyze` prints and the pages render; `Docs/analysis.md`
/// documents it. Times are nanoseconds, sizes bytes, shares and rates fractions in 0...1.
public struct PerformanceReport: Codable, Sendable, Equatable {
    /// Always `hotpath-analysis`.
    public var format: String = "hotpath-analysis"
    public var version: Int = 2
    public var source: String?
    public var run: RunMetadata
    public var kind: ProfileKind
    /// A profile, a benchmark suite or a command comparison (`run.kind`, a profile when the
    /// dump does not say): decides whether hot paths, call trees and Amdahl estimates apply.
    public var runKind: RunKind
    /// The run's total time that shares are taken of (see `Docs/analysis.md`).
    public var totalNs: Double
    /// What `totalNs` was measured as: `root_spans` (the summed durations of root spans: busy
    /// time, so threads running at once add up), `operations_sum` (the sum of every operation's
    /// samples) or `stack_weight`.
    public var totalBasis: String
    /// Wall-clock time from the first span's start to the last span's end; nil without spans.
    public var wallNs: Double?
    /// Operations sorted by total time, largest first; ties by name.
    public var operations: [OperationStatistics]
    public var hotPathThreshold: Double
    public var bottlenecks: [Bottleneck]
    /// The chain of spans, root to leaf, that determined the run's length.
    public var criticalPath: [CriticalPathStep]
    public var callTree: CallTreeNode?
    public var memory: MemoryUsageStats?
    public var io: IOPerformanceStats?
    public var caches: [CacheAnalysis]
    public var parallel: [ParallelAnalysis]
    public var comparison: Comparison?
    public var recommendations: [OptimizationRecommendation]
    public var speedup: SpeedupSummary?
    /// The project's budgets checked against this run, in configuration order.
    public var budgets: [BudgetCheck]
    /// Problems found in the input that did not stop the analysis.
    public var warnings: [String]
    /// For a compiler's time trace: the build of this one unit (headers, templates, functions,
    /// phase totals); nil for other runs.
    public var build: BuildAnalysis?
    /// What a sampled profile's weights count when not samples (`Ir`, `cycles`, `alloc_objects`:
    /// `Profile.stackWeightName`); nil otherwise.
    public var stackWeightName: String?
    /// For a run with spans and sampled stacks: the samples' view beside the spans; nil otherwise.
    public var sampled: SampledView?
    /// For a benchmark suite or command comparison: its ranking; nil for a profile.
    public var suite: SuiteAnalysis?

    public init(
        source: String? = nil, run: RunMetadata, kind: ProfileKind, totalNs: Double, totalBasis: String,
        operations: [OperationStatistics], hotPathThreshold: Double, bottlenecks: [Bottleneck],
        criticalPath: [CriticalPathStep] = [], callTree: CallTreeNode? = nil, memory: MemoryUsageStats? = nil,
        io: IOPerformanceStats? = nil, caches: [CacheAnalysis] = [], parallel: [ParallelAnalysis] = [],
        comparison: Comparison? = nil, recommendations: [OptimizationRecommendation] = [],
        speedup: SpeedupSummary? = nil, budgets: [BudgetCheck] = [], warnings: [String] = []
    ) {
        self.source = source
        self.run = run
        self.kind = kind
        self.runKind = run.runKind
        self.totalNs = totalNs
        self.totalBasis = totalBasis
        self.wallNs = nil
        self.operations = operations
        self.hotPathThreshold = hotPathThreshold
        self.bottlenecks = bottlenecks
        self.criticalPath = criticalPath
        self.callTree = callTree
        self.memory = memory
        self.io = io
        self.caches = caches
        self.parallel = parallel
        self.comparison = comparison
        self.recommendations = recommendations
        self.speedup = speedup
        self.budgets = budgets
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case format, version, source, run, kind
        case runKind = "run_kind"
        case totalNs = "total_ns"
        case totalBasis = "total_basis"
        case wallNs = "wall_ns"
        case operations
        case hotPathThreshold = "hot_path_threshold"
        case bottlenecks
        case criticalPath = "critical_path"
        case callTree = "call_tree"
        case memory, io, caches, parallel, comparison, recommendations, speedup, budgets, warnings
        case build, sampled, suite
        case stackWeightName = "stack_weight_name"
    }

    public func operation(named name: String) -> OperationStatistics? {
        operations.first { $0.name == name }
    }
}

/// The fixed percentile vocabulary used everywhere.
public enum Percentile: String, Codable, Sendable, CaseIterable, Comparable {
    case p0, p25, p50, p75, p90, p95, p99, p100

    /// The percentile as a fraction in 0...1.
    public var fraction: Double {
        switch self {
        case .p0: 0
        case .p25: 0.25
        case .p50: 0.5
        case .p75: 0.75
        case .p90: 0.9
        case .p95: 0.95
        case .p99: 0.99
        case .p100: 1
        }
    }

    public static func < (lhs: Percentile, rhs: Percentile) -> Bool { lhs.fraction < rhs.fraction }
}

/// Percentile values keyed by the fixed vocabulary; encodes as `{"p0": …, "p25": …}`.
///
/// A percentile is nil when the input cannot tell it: an operation known only by its summary
/// statistics (`ProfileResult.summary`) has no p90, p95 or p99, and pages show "—" for them.
public struct Percentiles: Codable, Sendable, Equatable {
    public var p0, p25, p50, p75, p90, p95, p99, p100: Double?

    public init(
        p0: Double?, p25: Double?, p50: Double?, p75: Double?, p90: Double?, p95: Double?, p99: Double?, p100: Double?
    ) {
        self.p0 = p0
        self.p25 = p25
        self.p50 = p50
        self.p75 = p75
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.p100 = p100
    }

    public subscript(_ percentile: Percentile) -> Double? {
        switch percentile {
        case .p0: p0
        case .p25: p25
        case .p50: p50
        case .p75: p75
        case .p90: p90
        case .p95: p95
        case .p99: p99
        case .p100: p100
        }
    }
}

/// Distribution of one operation's samples. Absent for sampled profiles, which have no per-call values.
public struct SampleSummary: Codable, Sendable, Equatable {
    public var count: Int
    public var total: Double
    public var mean: Double
    /// Sample standard deviation (n − 1 in the denominator); 0 for a single sample.
    public var stddev: Double
    /// Nil only when summary statistics without a minimum or maximum are all there is.
    public var min: Double?
    public var max: Double?
    /// Coefficient of variation, stddev / mean: how noisy the operation is.
    public var cv: Double
    public var percentiles: Percentiles

    public init(
        count: Int, total: Double, mean: Double, stddev: Double, min: Double?, max: Double?, cv: Double,
        percentiles: Percentiles
    ) {
        self.count = count
        self.total = total
        self.mean = mean
        self.stddev = stddev
        self.min = min
        self.max = max
        self.cv = cv
        self.percentiles = percentiles
    }
}

/// What the analyzer knows about one operation.
public struct OperationStatistics: Codable, Sendable, Equatable {
    public var name: String
    public var metric: ProfileMetricType
    public var unit: MetricUnit
    public var group: String?
    /// Calls (timed) or samples (sampled).
    public var count: Int
    /// Total time (timed) or total weight (sampled), including callees.
    public var total: Double
    /// `total` as a fraction of the run's total.
    public var share: Double
    /// Time or weight excluding callees; nil when the input has no nesting.
    public var selfTotal: Double?
    public var selfShare: Double?
    /// Nil for sampled profiles: weights are not per-call durations.
    public var summary: SampleSummary?
    /// The statistics come from the source's summary statistics (`ProfileResult.summary`) or
    /// from summary values, not from raw measurements: no significance test uses them.
    public var summaryOnly: Bool
    /// Operations that called this one, with the time spent in this one under them.
    public var callers: [CallEdge]
    /// Operations this one called, with the time spent in them.
    public var callees: [CallEdge]
    /// What this operation's noise lets a comparison see; nil without per-call statistics.
    public var noise: NoiseEstimate?
    /// For an operation timed by two clocks (Google Benchmark's real and CPU time): the measure
    /// `summary`, `count`, `total`, shares, noise and comparisons use. Nil with one measure.
    public var measure: TimeMeasure?
    /// Both measures' statistics when there are two: one of them is `summary`, the other is shown
    /// beside it. Nil with one measure.
    public var measures: OperationMeasures?
    /// Where its code is, when the input said (speedscope frames' `file` and `line`).
    public var location: CodeLocation?

    public init(
        name: String, metric: ProfileMetricType, unit: MetricUnit, group: String? = nil, count: Int, total: Double,
        share: Double, selfTotal: Double? = nil, selfShare: Double? = nil, summary: SampleSummary?,
        summaryOnly: Bool = false, callers: [CallEdge] = [], callees: [CallEdge] = [], measure: TimeMeasure? = nil,
        measures: OperationMeasures? = nil
    ) {
        self.name = name
        self.metric = metric
        self.unit = unit
        self.group = group
        self.count = count
        self.total = total
        self.share = share
        self.selfTotal = selfTotal
        self.selfShare = selfShare
        self.summary = summary
        self.summaryOnly = summaryOnly
        self.callers = callers
        self.callees = callees
        self.measure = measure
        self.measures = measures
    }

    enum CodingKeys: String, CodingKey {
        case name, metric, unit, group, count, total, share
        case selfTotal = "self_total"
        case selfShare = "self_share"
        case summary
        case summaryOnly = "summary_only"
        case callers, callees, noise, measure, measures, location
    }

    /// The statistics of the measure `measure` does not name, with that measure: what pages show
    /// beside the main numbers (the CPU time beside the real time).
    public var otherMeasure: (measure: TimeMeasure, summary: SampleSummary)? {
        guard let measure, let summary = measures?[measure.other] else { return nil }
        return (measure.other, summary)
    }
}

/// An operation's statistics per measure, encoded as `{"real_time": …, "cpu_time": …}`.
public struct OperationMeasures: Codable, Sendable, Equatable {
    public var realTime: SampleSummary?
    public var cpuTime: SampleSummary?

    public init(realTime: SampleSummary?, cpuTime: SampleSummary?) {
        self.realTime = realTime
        self.cpuTime = cpuTime
    }

    public subscript(_ measure: TimeMeasure) -> SampleSummary? {
        switch measure {
        case .realTime: realTime
        case .cpuTime: cpuTime
        }
    }

    enum CodingKeys: String, CodingKey {
        case realTime = "real_time"
        case cpuTime = "cpu_time"
    }
}

/// An operation's noise, and what it lets a comparison with a baseline like this run see.
public struct NoiseEstimate: Codable, Sendable, Equatable {
    /// Within-run coefficient of variation, stddev / mean.
    public var cv: Double
    /// The smallest relative change a comparison with a baseline of the same size and noise
    /// detects 4 times in 5 at the false discovery rate's level; nil with fewer than 2 samples.
    public var minimumDetectableChange: Double?
    /// The relative change `samplesNeeded` refers to: the comparison threshold.
    public var threshold: Double
    /// Samples a side a comparison needs to see a change of `threshold`.
    public var samplesNeeded: Int?
    /// Whether the samples look like two modes (Sarle's bimodality coefficient above 5/9, with
    /// at least 20 values); nil when only summary statistics are known.
    public var bimodal: Bool?

    public init(cv: Double, minimumDetectableChange: Double?, threshold: Double, samplesNeeded: Int?, bimodal: Bool?) {
        self.cv = cv
        self.minimumDetectableChange = minimumDetectableChange
        self.threshold = threshold
        self.samplesNeeded = samplesNeeded
        self.bimodal = bimodal
    }

    enum CodingKeys: String, CodingKey {
        case cv
        case minimumDetectableChange = "minimum_detectable_change"
        case threshold
        case samplesNeeded = "samples_needed"
        case bimodal
    }
}

public struct CallEdge: Codable, Sendable, Equatable {
    public var name: String
    public var total: Double
    public var count: Int

    public init(name: String, total: Double, count: Int) {
        self.name = name
        self.total = total
        self.count = count
    }
}

/// An operation above the hot-path share, with the score it is ranked by.
public struct Bottleneck: Codable, Sendable, Equatable {
    public var name: String
    public var share: Double
    public var selfShare: Double?
    /// See `Docs/analysis.md`: self share weighted by total share and tail latency.
    public var score: Double

    public init(name: String, share: Double, selfShare: Double?, score: Double) {
        self.name = name
        self.share = share
        self.selfShare = selfShare
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case name, share
        case selfShare = "self_share"
        case score
    }
}

public struct CriticalPathStep: Codable, Sendable, Equatable {
    public var name: String
    public var durationNs: Double

    public init(name: String, durationNs: Double) {
        self.name = name
        self.durationNs = durationNs
    }

    enum CodingKeys: String, CodingKey {
        case name
        case durationNs = "duration_ns"
    }
}

/// A node of the merged call tree: every path of names from a root, with its time or weight.
public struct CallTreeNode: Codable, Sendable, Equatable {
    public var name: String
    public var total: Double
    public var selfValue: Double
    public var count: Int
    public var children: [CallTreeNode]

    public init(name: String, total: Double, selfValue: Double, count: Int, children: [CallTreeNode]) {
        self.name = name
        self.total = total
        self.selfValue = selfValue
        self.count = count
        self.children = children
    }

    enum CodingKeys: String, CodingKey {
        case name, total
        case selfValue = "self"
        case count, children
    }
}
