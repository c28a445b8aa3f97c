/// The compact summary of one run that a history is built from: what trends, change points and
/// the runs table need, without raw samples.
public struct RunSummary: Codable, Sendable, Equatable {
    public var run: RunMetadata
    /// Where the run came from, as the user named it.
    public var source: String
    /// How the run was placed in time: `start_time` from its metadata, or `file_time` when the
    /// dump had none and its file's modification time stood in.
    public var orderedBy: String
    /// The time used for ordering, ISO 8601.
    public var time: String?
    public var totalNs: Double
    public var operations: [OperationSummary]

    public init(
        run: RunMetadata, source: String, orderedBy: String, time: String?, totalNs: Double,
        operations: [OperationSummary]
    ) {
        self.run = run
        self.source = source
        self.orderedBy = orderedBy
        self.time = time
        self.totalNs = totalNs
        self.operations = operations
    }

    enum CodingKeys: String, CodingKey {
        case run, source
        case orderedBy = "ordered_by"
        case time
        case totalNs = "total_ns"
        case operations
    }
}

/// One operation's numbers in one run, for trends.
public struct OperationSummary: Codable, Sendable, Equatable {
    public var name: String
    public var metric: ProfileMetricType
    public var unit: MetricUnit
    public var group: String?
    public var count: Int
    public var total: Double
    public var share: Double
    public var mean: Double?
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?

    public init(
        name: String, metric: ProfileMetricType, unit: MetricUnit, group: String?, count: Int, total: Double,
        share: Double,
        mean: Double?, p50: Double?, p95: Double?, p99: Double?
    ) {
        self.name = name
        self.metric = metric
        self.unit = unit
        self.group = group
        self.count = count
        self.total = total
        self.share = share
        self.mean = mean
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
    }

    public init(_ statistics: OperationStatistics) {
        self.init(
            name: statistics.name, metric: statistics.metric, unit: statistics.unit, group: statistics.group,
            count: statistics.count, total: statistics.total, share: statistics.share, mean: statistics.summary?.mean,
            p50: statistics.summary?.percentiles.p50, p95: statistics.summary?.percentiles.p95,
            p99: statistics.summary?.percentiles.p99)
    }
}

extension RunSummary {
    public init(report: PerformanceReport, source: String, orderedBy: String, time: String?) {
        self.init(
            run: report.run, source: source, orderedBy: orderedBy, time: time, totalNs: report.totalNs,
            operations: report.operations.map(OperationSummary.init))
    }
}

/// What a history of runs shows: every operation's series and the change points found in them.
public struct HistoryReport: Codable, Sendable, Equatable {
    /// Runs in time order (oldest first).
    public var runs: [RunSummary]
    public var series: [OperationSeries]
    public var changePoints: [ChangePoint]
    /// Environment fingerprints seen, in order of first appearance; runs are only compared within one.
    public var environments: [String]
    /// The newest run's p50 of each operation against the runs before it: whether it moved more
    /// than nights usually do. Only operations with enough earlier runs in its environment.
    public var newestRunChecks: [NewestRunCheck]
    /// The false discovery rate change points and newest-run checks were controlled at.
    public var falseDiscoveryRate: Double

    public init(
        runs: [RunSummary], series: [OperationSeries], changePoints: [ChangePoint], environments: [String],
        newestRunChecks: [NewestRunCheck] = [], falseDiscoveryRate: Double = 0.05
    ) {
        self.runs = runs
        self.series = series
        self.changePoints = changePoints
        self.environments = environments
        self.newestRunChecks = newestRunChecks
        self.falseDiscoveryRate = falseDiscoveryRate
    }

    enum CodingKeys: String, CodingKey {
        case runs, series
        case changePoints = "change_points"
        case environments
        case newestRunChecks = "newest_run_checks"
        case falseDiscoveryRate = "false_discovery_rate"
    }
}

/// One operation of the newest run against the nights before it.
///
/// A run's comparison with its baseline tests the samples of two nights: with many samples it
/// finds the ordinary difference between any two nights significant. Whether the newest night is
/// news is a question about nights: its p50 against the median of the earlier ones, measured in
/// their night-to-night variation (`OperationSeries.runToRunVariation`).
public struct NewestRunCheck: Codable, Sendable, Equatable {
    public var operation: String
    /// Newest p50 relative to the earlier runs' median p50.
    public var change: Double
    /// Two-sided p-value of a t test of the log change against the earlier runs' variation.
    public var pValue: Double
    /// `pValue` adjusted across the newest run's operations (Benjamini–Hochberg).
    public var adjustedPValue: Double
    /// Significant at the false discovery rate and at least the threshold: the night is news.
    public var beyondNightlyNoise: Bool

    public init(operation: String, change: Double, pValue: Double, adjustedPValue: Double, beyondNightlyNoise: Bool) {
        self.operation = operation
        self.change = change
        self.pValue = pValue
        self.adjustedPValue = adjustedPValue
        self.beyondNightlyNoise = beyondNightlyNoise
    }

    enum CodingKeys: String, CodingKey {
        case operation, change
        case pValue = "p_value"
        case adjustedPValue = "adjusted_p_value"
        case beyondNightlyNoise = "beyond_nightly_noise"
    }
}

/// One operation across the runs where it appears.
public struct OperationSeries: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        /// Index into `HistoryReport.runs`.
        public var run: Int
        public var p50: Double
        /// Nil for an operation known by its summary statistics, which have no p95.
        public var p95: Double?
        public var mean: Double
        public var count: Int

        public init(run: Int, p50: Double, p95: Double?, mean: Double, count: Int) {
            self.run = run
            self.p50 = p50
            self.p95 = p95
            self.mean = mean
            self.count = count
        }
    }

    public var name: String
    public var metric: ProfileMetricType
    public var unit: MetricUnit
    public var group: String?
    public var points: [Point]
    /// The typical relative change of the p50 from one run to the next in the newest environment,
    /// robust to steps: 1.4826 · median |Δ ln p50| / √2. Nil with fewer than three runs.
    public var runToRunVariation: Double?

    public init(
        name: String, metric: ProfileMetricType, unit: MetricUnit, group: String?, points: [Point],
        runToRunVariation: Double? = nil
    ) {
        self.name = name
        self.metric = metric
        self.unit = unit
        self.group = group
        self.points = points
        self.runToRunVariation = runToRunVariation
    }

    enum CodingKeys: String, CodingKey {
        case name, metric, unit, group, points
        case runToRunVariation = "run_to_run_variation"
    }
}

/// A lasting step in an operation's p50 across runs.
public struct ChangePoint: Codable, Sendable, Equatable {
    public var operation: String
    /// Index into `HistoryReport.runs` of the first run after the step: the night it started.
    public var run: Int
    public var runID: String
    /// `regression` or `improvement`, from the step's direction and the metric's polarity.
    public var verdict: Verdict
    /// Median p50 of the runs before and after the step.
    public var before: Double
    public var after: Double
    /// (after − before) / before.
    public var change: Double
    /// Two-sided Mann-Whitney p-value of the run p50s before against after.
    public var pValue: Double
    /// `pValue` corrected for the splits tested in the series (Bonferroni) and then across the
    /// history's operations (Benjamini–Hochberg): what was compared with the false discovery rate.
    public var adjustedPValue: Double?
    /// For a regression: the run whose later improvement brought the operation back within the
    /// threshold of `before`, if any.
    public var fixedBy: String?

    public init(
        operation: String, run: Int, runID: String, verdict: Verdict, before: Double, after: Double, change: Double,
        pValue: Double, adjustedPValue: Double? = nil, fixedBy: String? = nil
    ) {
        self.operation = operation
        self.run = run
        self.runID = runID
        self.verdict = verdict
        self.before = before
        self.after = after
        self.change = change
        self.pValue = pValue
        self.adjustedPValue = adjustedPValue
        self.fixedBy = fixedBy
    }

    enum CodingKeys: String, CodingKey {
        case operation, run
        case runID = "run_id"
        case verdict, before, after, change
        case pValue = "p_value"
        case adjustedPValue = "adjusted_p_value"
        case fixedBy = "fixed_by"
    }
}
