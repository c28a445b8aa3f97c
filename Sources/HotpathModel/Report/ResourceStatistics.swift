/// Memory over the run: the seed system's MemoryUsageStats.
public struct MemoryUsageStats: Codable, Sendable, Equatable {
    public var samples: Int
    public var startBytes: Double
    public var peakBytes: Double
    public var averageBytes: Double
    public var endBytes: Double
    /// Peak minus start: what the run added on top of where it began.
    public var overheadBytes: Double
    public var budgetBytes: Double
    public var overBudget: Bool
    /// Least-squares slope of resident memory over time, in bytes per second.
    public var growthBytesPerSecond: Double
    /// True when memory keeps growing through the run (see `Docs/analysis.md`).
    public var leakSuspect: Bool
    public var gcEvents: Int
    public var gcPauseNs: Double
    public var pressureEvents: Int

    public init(
        samples: Int, startBytes: Double, peakBytes: Double, averageBytes: Double, endBytes: Double,
        overheadBytes: Double, budgetBytes: Double, overBudget: Bool, growthBytesPerSecond: Double,
        leakSuspect: Bool, gcEvents: Int, gcPauseNs: Double, pressureEvents: Int
    ) {
        self.samples = samples
        self.startBytes = startBytes
        self.peakBytes = peakBytes
        self.averageBytes = averageBytes
        self.endBytes = endBytes
        self.overheadBytes = overheadBytes
        self.budgetBytes = budgetBytes
        self.overBudget = overBudget
        self.growthBytesPerSecond = growthBytesPerSecond
        self.leakSuspect = leakSuspect
        self.gcEvents = gcEvents
        self.gcPauseNs = gcPauseNs
        self.pressureEvents = pressureEvents
    }

    enum CodingKeys: String, CodingKey {
        case samples
        case startBytes = "start_bytes"
        case peakBytes = "peak_bytes"
        case averageBytes = "average_bytes"
        case endBytes = "end_bytes"
        case overheadBytes = "overhead_bytes"
        case budgetBytes = "budget_bytes"
        case overBudget = "over_budget"
        case growthBytesPerSecond = "growth_bytes_per_second"
        case leakSuspect = "leak_suspect"
        case gcEvents = "gc_events"
        case gcPauseNs = "gc_pause_ns"
        case pressureEvents = "pressure_events"
    }
}

/// I/O over the run: the seed system's IOPerformanceStats.
public struct IOPerformanceStats: Codable, Sendable, Equatable {
    public var operations: Int
    public var bytes: Double
    public var totalNs: Double
    /// Bytes per second of I/O time.
    public var throughputBytesPerSecond: Double
    /// Share of operations done asynchronously.
    public var asyncRatio: Double
    public var asyncTarget: Double
    /// Groups of many small operations that could be batched.
    public var batchCandidates: [BatchCandidate]
    /// Where the I/O time went: the groups (by issuing operation, else kind, and kind) with the
    /// most time, largest first, at most `groupLimit` of them; the run page charts them.
    public var groups: [IOGroup]
    /// How many groups there were in all, of which `groups` holds the largest.
    public var groupCount: Int

    /// A chart of more bars than this is unreadable; the rest are counted in `groupCount`.
    public static let groupLimit = 12

    public init(
        operations: Int, bytes: Double, totalNs: Double, throughputBytesPerSecond: Double, asyncRatio: Double,
        asyncTarget: Double, batchCandidates: [BatchCandidate], groups: [IOGroup] = [], groupCount: Int? = nil
    ) {
        self.operations = operations
        self.bytes = bytes
        self.totalNs = totalNs
        self.throughputBytesPerSecond = throughputBytesPerSecond
        self.asyncRatio = asyncRatio
        self.asyncTarget = asyncTarget
        self.batchCandidates = batchCandidates
        self.groups = groups
        self.groupCount = groupCount ?? groups.count
    }

    /// Analyses cached before `groups` existed still decode (with no groups, so no I/O chart).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        operations = try container.decode(Int.self, forKey: .operations)
        bytes = try container.decode(Double.self, forKey: .bytes)
        totalNs = try container.decode(Double.self, forKey: .totalNs)
        throughputBytesPerSecond = try container.decode(Double.self, forKey: .throughputBytesPerSecond)
        asyncRatio = try container.decode(Double.self, forKey: .asyncRatio)
        asyncTarget = try container.decode(Double.self, forKey: .asyncTarget)
        batchCandidates = try container.decode([BatchCandidate].self, forKey: .batchCandidates)
        groups = try container.decodeIfPresent([IOGroup].self, forKey: .groups) ?? []
        groupCount = try container.decodeIfPresent(Int.self, forKey: .groupCount) ?? groups.count
    }

    enum CodingKeys: String, CodingKey {
        case operations, bytes
        case totalNs = "total_ns"
        case throughputBytesPerSecond = "throughput_bytes_per_second"
        case asyncRatio = "async_ratio"
        case asyncTarget = "async_target"
        case batchCandidates = "batch_candidates"
        case groups
        case groupCount = "group_count"
    }
}

/// The I/O of one issuing operation (else of one kind) and kind.
public struct IOGroup: Codable, Sendable, Equatable {
    /// The operation issuing the I/O, or the I/O kind when unknown.
    public var source: String
    public var kind: IOOperation.Kind
    public var count: Int
    public var bytes: Double
    public var totalNs: Double

    public init(source: String, kind: IOOperation.Kind, count: Int, bytes: Double, totalNs: Double) {
        self.source = source
        self.kind = kind
        self.count = count
        self.bytes = bytes
        self.totalNs = totalNs
    }

    enum CodingKeys: String, CodingKey {
        case source, kind, count, bytes
        case totalNs = "total_ns"
    }
}

public struct BatchCandidate: Codable, Sendable, Equatable {
    /// The operation issuing the I/O, or the I/O kind when unknown.
    public var source: String
    public var kind: IOOperation.Kind
    public var count: Int
    public var meanBytes: Double
    public var totalNs: Double

    public init(source: String, kind: IOOperation.Kind, count: Int, meanBytes: Double, totalNs: Double) {
        self.source = source
        self.kind = kind
        self.count = count
        self.meanBytes = meanBytes
        self.totalNs = totalNs
    }

    enum CodingKeys: String, CodingKey {
        case source, kind, count
        case meanBytes = "mean_bytes"
        case totalNs = "total_ns"
    }
}

/// One named cache's behaviour.
public struct CacheAnalysis: Codable, Sendable, Equatable {
    public enum Trend: String, Codable, Sendable {
        /// Misses concentrated at the start, hits after: warming up, not undersized.
        case coldStart = "cold_start"
        /// Hit rate keeps rising through the run.
        case rising
        case steady
        case falling
        /// No windows recorded.
        case unknown
    }

    public var name: String
    public var hits: Int
    public var misses: Int
    public var lookups: Int
    public var hitRate: Double
    public var target: Double
    public var evictions: Int
    /// size / capacity, when both are known.
    public var fill: Double?
    public var size: Int?
    public var capacity: Int?
    public var trend: Trend
    /// Hit rate after the first window: what the cache achieves once warm.
    public var warmHitRate: Double?
    public var missCostNs: Double?
    public var hotMisses: [String]

    public init(
        name: String, hits: Int, misses: Int, lookups: Int, hitRate: Double, target: Double, evictions: Int,
        fill: Double?, size: Int?, capacity: Int?, trend: Trend, warmHitRate: Double?, missCostNs: Double?,
        hotMisses: [String]
    ) {
        self.name = name
        self.hits = hits
        self.misses = misses
        self.lookups = lookups
        self.hitRate = hitRate
        self.target = target
        self.evictions = evictions
        self.fill = fill
        self.size = size
        self.capacity = capacity
        self.trend = trend
        self.warmHitRate = warmHitRate
        self.missCostNs = missCostNs
        self.hotMisses = hotMisses
    }

    enum CodingKeys: String, CodingKey {
        case name, hits, misses, lookups
        case hitRate = "hit_rate"
        case target, evictions, fill, size, capacity, trend
        case warmHitRate = "warm_hit_rate"
        case missCostNs = "miss_cost_ns"
        case hotMisses = "hot_misses"
    }
}

/// One parallel executor's behaviour.
public struct ParallelAnalysis: Codable, Sendable, Equatable {
    public var name: String
    public var tasks: Int
    public var concurrencyLimit: Int
    public var cores: Int
    public var wallNs: Double
    public var busyNs: Double
    /// busy / wall: how many tasks ran at once on average; equals the speedup over running
    /// the same tasks one after another.
    public var achievedSpeedup: Double
    /// achievedSpeedup / min(concurrencyLimit, cores): the share of the usable workers kept busy.
    public var efficiency: Double
    public var targetSpeedup: Double
    /// Each worker's busy time as a share of the wall time.
    public var workerUtilization: [WorkerUtilization]
    /// Busiest stage's busy time over the mean stage's: 1 is balanced.
    public var stageImbalance: Double?
    /// The stage with the most busy time, when stages are known.
    public var slowestStage: String?

    public init(
        name: String, tasks: Int, concurrencyLimit: Int, cores: Int, wallNs: Double, busyNs: Double,
        achievedSpeedup: Double, efficiency: Double, targetSpeedup: Double, workerUtilization: [WorkerUtilization],
        stageImbalance: Double?, slowestStage: String?
    ) {
        self.name = name
        self.tasks = tasks
        self.concurrencyLimit = concurrencyLimit
        self.cores = cores
        self.wallNs = wallNs
        self.busyNs = busyNs
        self.achievedSpeedup = achievedSpeedup
        self.efficiency = efficiency
        self.targetSpeedup = targetSpeedup
        self.workerUtilization = workerUtilization
        self.stageImbalance = stageImbalance
        self.slowestStage = slowestStage
    }

    enum CodingKeys: String, CodingKey {
        case name, tasks
        case concurrencyLimit = "concurrency_limit"
        case cores
        case wallNs = "wall_ns"
        case busyNs = "busy_ns"
        case achievedSpeedup = "achieved_speedup"
        case efficiency
        case targetSpeedup = "target_speedup"
        case workerUtilization = "worker_utilization"
        case stageImbalance = "stage_imbalance"
        case slowestStage = "slowest_stage"
    }
}

public struct WorkerUtilization: Codable, Sendable, Equatable {
    public var id: String
    public var utilization: Double

    public init(id: String, utilization: Double) {
        self.id = id
        self.utilization = utilization
    }
}

/// One budget from the project's configuration, checked against a run.
public struct BudgetCheck: Codable, Sendable, Equatable {
    /// The operation, or `run` for the whole run.
    public var subject: String
    /// `mean`, `p50`, `p95`, `p99`, `memory` or `total`.
    public var measure: String
    public var unit: MetricUnit
    public var limit: Double
    /// Nil when the run has nothing to check (the operation is absent or lacks the measure).
    public var actual: Double?
    public var exceeded: Bool

    public init(subject: String, measure: String, unit: MetricUnit, limit: Double, actual: Double?) {
        self.subject = subject
        self.measure = measure
        self.unit = unit
        self.limit = limit
        self.actual = actual
        self.exceeded = actual.map { $0 > limit } ?? false
    }
}
