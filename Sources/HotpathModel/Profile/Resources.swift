/// Memory over the run: periodic samples plus discrete events such as garbage collections.
public struct MemoryTimeline: Codable, Sendable, Equatable {
    public var samples: [MemorySample]
    public var events: [MemoryEvent]

    public init(samples: [MemorySample] = [], events: [MemoryEvent] = []) {
        self.samples = samples
        self.events = events
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        samples = try container.decodeIfPresent([MemorySample].self, forKey: .samples) ?? []
        events = try container.decodeIfPresent([MemoryEvent].self, forKey: .events) ?? []
    }

    public var isEmpty: Bool { samples.isEmpty && events.isEmpty }
}

public struct MemorySample: Codable, Sendable, Equatable {
    /// Nanoseconds since the run's start.
    public var tNs: Double
    /// Resident set size in bytes.
    public var rssBytes: Double
    /// Live heap in bytes, when the runtime reports it.
    public var heapBytes: Double?

    public init(tNs: Double, rssBytes: Double, heapBytes: Double? = nil) {
        self.tNs = tNs
        self.rssBytes = rssBytes
        self.heapBytes = heapBytes
    }

    enum CodingKeys: String, CodingKey {
        case tNs = "t_ns"
        case rssBytes = "rss_bytes"
        case heapBytes = "heap_bytes"
    }
}

public struct MemoryEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case gc
        case pressure
    }

    public var tNs: Double
    public var kind: Kind
    /// Pause time, when the event stops the program.
    public var durationNs: Double?
    public var reclaimedBytes: Double?

    public init(tNs: Double, kind: Kind, durationNs: Double? = nil, reclaimedBytes: Double? = nil) {
        self.tNs = tNs
        self.kind = kind
        self.durationNs = durationNs
        self.reclaimedBytes = reclaimedBytes
    }

    enum CodingKeys: String, CodingKey {
        case tNs = "t_ns"
        case kind
        case durationNs = "duration_ns"
        case reclaimedBytes = "reclaimed_bytes"
    }
}

/// One I/O operation.
public struct IOOperation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case read, write, open, close, network, other
    }

    /// The operation (as in `operations`) that performed it, if known.
    public var operation: String?
    public var kind: Kind
    public var bytes: Double
    public var durationNs: Double
    /// Nanoseconds since the run's start, if known: lets the analyzer find bursts.
    public var startNs: Double?
    public var isAsync: Bool
    public var path: String?

    public init(
        operation: String? = nil, kind: Kind, bytes: Double, durationNs: Double, startNs: Double? = nil,
        isAsync: Bool, path: String? = nil
    ) {
        self.operation = operation
        self.kind = kind
        self.bytes = bytes
        self.durationNs = durationNs
        self.startNs = startNs
        self.isAsync = isAsync
        self.path = path
    }

    enum CodingKeys: String, CodingKey {
        case operation, kind, bytes
        case durationNs = "duration_ns"
        case startNs = "start_ns"
        case isAsync = "async"
        case path
    }
}

/// Counters of one named cache: the seed system's TemplateCacheStats.
public struct TemplateCacheStats: Codable, Sendable, Equatable {
    public var name: String
    public var hits: Int
    public var misses: Int
    public var evictions: Int
    /// Entries held at the end of the run.
    public var size: Int?
    public var capacity: Int?
    /// Time spent on misses (loading, compiling), if measured.
    public var missCostNs: Double?
    /// The keys that missed most, most first, if recorded: names what to preload.
    public var hotMisses: [String]
    /// Counters per consecutive window of the run, in order: tells a cold start (misses
    /// early, then hits) from a cache that is simply too small.
    public var windows: [CacheWindow]

    public init(
        name: String, hits: Int, misses: Int, evictions: Int = 0, size: Int? = nil, capacity: Int? = nil,
        missCostNs: Double? = nil, hotMisses: [String] = [], windows: [CacheWindow] = []
    ) {
        self.name = name
        self.hits = hits
        self.misses = misses
        self.evictions = evictions
        self.size = size
        self.capacity = capacity
        self.missCostNs = missCostNs
        self.hotMisses = hotMisses
        self.windows = windows
    }

    enum CodingKeys: String, CodingKey {
        case name, hits, misses, evictions, size, capacity
        case missCostNs = "miss_cost_ns"
        case hotMisses = "hot_misses"
        case windows
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        hits = try container.decode(Int.self, forKey: .hits)
        misses = try container.decode(Int.self, forKey: .misses)
        evictions = try container.decodeIfPresent(Int.self, forKey: .evictions) ?? 0
        size = try container.decodeIfPresent(Int.self, forKey: .size)
        capacity = try container.decodeIfPresent(Int.self, forKey: .capacity)
        missCostNs = try container.decodeIfPresent(Double.self, forKey: .missCostNs)
        hotMisses = try container.decodeIfPresent([String].self, forKey: .hotMisses) ?? []
        windows = try container.decodeIfPresent([CacheWindow].self, forKey: .windows) ?? []
    }

    public var lookups: Int { hits + misses }
    public var hitRate: Double { lookups == 0 ? 0 : Double(hits) / Double(lookups) }
}

public struct CacheWindow: Codable, Sendable, Equatable {
    public var hits: Int
    public var misses: Int

    public init(hits: Int, misses: Int) {
        self.hits = hits
        self.misses = misses
    }
}

/// How a parallel executor ran: the seed system's ParallelExecutionStats.
public struct ParallelExecutionStats: Codable, Sendable, Equatable {
    public var name: String
    public var concurrencyLimit: Int
    /// Cores available to the run.
    public var cores: Int
    public var tasks: Int
    /// Elapsed time from the first task's start to the last task's end.
    public var wallNs: Double
    /// Summed time tasks spent running: what a serial run would have taken.
    public var busyNs: Double
    public var stages: [StageStats]
    public var workers: [WorkerStats]

    public init(
        name: String, concurrencyLimit: Int, cores: Int, tasks: Int, wallNs: Double, busyNs: Double,
        stages: [StageStats] = [], workers: [WorkerStats] = []
    ) {
        self.name = name
        self.concurrencyLimit = concurrencyLimit
        self.cores = cores
        self.tasks = tasks
        self.wallNs = wallNs
        self.busyNs = busyNs
        self.stages = stages
        self.workers = workers
    }

    enum CodingKeys: String, CodingKey {
        case name
        case concurrencyLimit = "concurrency_limit"
        case cores, tasks
        case wallNs = "wall_ns"
        case busyNs = "busy_ns"
        case stages, workers
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        concurrencyLimit = try container.decode(Int.self, forKey: .concurrencyLimit)
        cores = try container.decode(Int.self, forKey: .cores)
        tasks = try container.decode(Int.self, forKey: .tasks)
        wallNs = try container.decode(Double.self, forKey: .wallNs)
        busyNs = try container.decode(Double.self, forKey: .busyNs)
        stages = try container.decodeIfPresent([StageStats].self, forKey: .stages) ?? []
        workers = try container.decodeIfPresent([WorkerStats].self, forKey: .workers) ?? []
    }
}

public struct StageStats: Codable, Sendable, Equatable {
    public var name: String
    public var tasks: Int
    public var wallNs: Double
    public var busyNs: Double

    public init(name: String, tasks: Int, wallNs: Double, busyNs: Double) {
        self.name = name
        self.tasks = tasks
        self.wallNs = wallNs
        self.busyNs = busyNs
    }

    enum CodingKeys: String, CodingKey {
        case name, tasks
        case wallNs = "wall_ns"
        case busyNs = "busy_ns"
    }
}

public struct WorkerStats: Codable, Sendable, Equatable {
    public var id: String
    public var tasks: Int
    public var busyNs: Double

    public init(id: String, tasks: Int, busyNs: Double) {
        self.id = id
        self.tasks = tasks
        self.busyNs = busyNs
    }

    enum CodingKeys: String, CodingKey {
        case id, tasks
        case busyNs = "busy_ns"
    }
}
