import HotpathModel

/// Thresholds and targets of the analysis. Defaults follow the seed system; a project's
/// config file (see `Docs/configuration.md`) overrides them.
public struct AnalysisOptions: Sendable, Equatable {
    /// An operation is a hot path when its share of the run's total time is at least this.
    public var hotPathThreshold: Double = 0.20
    /// Memory overhead (peak minus start) above this is flagged; 50 MiB.
    public var memoryBudgetBytes: Double = 50 * 1024 * 1024
    /// Share of I/O operations that should be asynchronous.
    public var asyncTarget: Double = 0.80
    /// Hit rate a cache should reach.
    public var cacheHitTarget: Double = 0.95
    /// Speedup a parallel executor should reach over running its tasks one by one.
    public var targetSpeedup: Double = 3.0
    /// A change counts only when its relative size is at least this, and a change whose
    /// confidence interval lies within ± this is "unchanged" …
    public var relativeThreshold: Double = 0.05
    /// … and only when it is significant at this false discovery rate across every operation
    /// compared (Benjamini–Hochberg), so hundreds of operations a night do not mean false alarms
    /// every night. Change points across a history are controlled at the same rate.
    public var falseDiscoveryRate: Double = 0.05
    /// The confidence level of every change's interval.
    public var intervalConfidence: Double = 0.95
    /// I/O groups with at least this many operations …
    public var batchMinimumCount: Int = 100
    /// … averaging fewer bytes than this are batching candidates; 4 KiB.
    public var batchMaximumMeanBytes: Double = 4096
    /// The clock that statistics and verdicts use for benchmarks timed by two (Google
    /// Benchmark's real and CPU time); the other is shown beside it. Real time by default, as
    /// Google's `compare.py`. Operations with one measure use it whatever this says.
    public var measure: TimeMeasure = .realTime
    /// Whether each run keeps its whole call tree and each significant change is attributed
    /// down it (`ChangeAttribution`). Off, a report is as it was before attribution: what it
    /// costs can be measured (`hotpath-bench attribution-cost`).
    public var attribution = true

    public init() {}
}
