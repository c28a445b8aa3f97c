/// The run page's memory panel (`memory`): the run's memory statistics, formatted.
struct MemoryPanel: Encodable, Sendable {
    /// How many memory samples the run recorded.
    var samples: Int
    var startText: String
    var peakText: String
    var averageText: String
    var endText: String
    /// Peak over start.
    var overheadText: String
    var budgetText: String
    var overBudget: Bool
    /// Growth per second of the run, as "12 KiB/s".
    var growthText: String
    /// Growth that does not come back: a leak to look at.
    var leakSuspect: Bool
    var gcEvents: Int
    var gcPauseText: String
    var pressureEvents: Int
    /// Resident memory over the run (SVG); null for fewer than two samples.
    var chart: Markup?
}

/// The run page's I/O panel (`io`).
struct IOPanel: Encodable, Sendable {
    /// I/O time per issuing operation and kind (SVG); null when no group took time.
    var chart: Markup?
    /// Groups of I/O (issuing operation × kind) in the run, and how many the chart shows.
    var groupCount: Int
    var charted: Int
    var operations: Int
    var operationsText: String
    var bytesText: String
    var timeText: String
    /// Bytes per second of I/O time, as "1.2 MiB/s".
    var throughputText: String
    /// The share of I/O time spent asynchronously, and the configured target, 0…1.
    var asyncRatio: Double
    var asyncTarget: Double
    var belowTarget: Bool
    /// Many small operations of one kind from one place: candidates for batching.
    var batchCandidates: [BatchCandidate]

    /// Small I/O operations that could be batched.
    struct BatchCandidate: Encodable, Sendable {
        var source: String
        /// `read`, `write`, `network`…
        var kind: String
        var count: Int
        var meanBytesText: String
        var timeText: String
    }
}

/// One panel per cache of the run (`caches`).
struct CachePanel: Encodable, Sendable {
    var name: String
    /// Hits over lookups, and the configured target, 0…1.
    var hitRate: Double
    var target: Double
    var belowTarget: Bool
    var lookupsText: String
    var hitsText: String
    var missesText: String
    var evictionsText: String
    /// Size over capacity, 0…1; size and capacity when the cache reported them.
    var fill: Double?
    var size: Int?
    var capacity: Int?
    /// `cold_start`, `rising`, `steady`, `falling` or `unknown`: how the hit rate moved over the run.
    var trend: String
    /// The hit rate once warm.
    var warmHitRate: Double?
    /// What a miss costs, when the run tells.
    var missCostText: String?
    /// The keys missed most.
    var hotMisses: [String]
    /// Hit rate per window of the run (SVG); null without windows.
    var chart: Markup?
}

/// One panel per parallel executor of the run (`parallel`).
struct ParallelPanel: Encodable, Sendable {
    var name: String
    var tasks: Int
    var concurrencyLimit: Int
    var cores: Int
    var wallText: String
    var busyText: String
    /// Busy time over wall time, as "3.1×", and the target speedup.
    var speedupText: String
    var targetText: String
    /// Achieved speedup over the workers available, 0…1.
    var efficiency: Double
    /// Under 90% of the target (or of the cores, when fewer).
    var belowTarget: Bool
    /// Slowest stage over the mean stage, as "1.85×", when the executor has stages.
    var imbalanceText: String?
    var slowestStage: String?
    /// Busy share of each worker (SVG); null without per-worker data.
    var chart: Markup?
}
