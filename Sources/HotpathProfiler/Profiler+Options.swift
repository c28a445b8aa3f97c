import HotpathModel

extension Profiler {
    /// What a profiler records. Spans are always recorded while the profiler is enabled; memory,
    /// caches and I/O can each be switched off, and then their `record…` calls return at once.
    public struct Options: Sendable {
        /// When false, every call returns at once and `snapshot()` holds only the run metadata.
        public var enabled: Bool
        public var recordsMemory: Bool
        public var recordsCaches: Bool
        public var recordsIO: Bool
        /// When set, a background timer calls `sampleMemory()` at this interval until the
        /// profiler is released or `stopMemorySampling()` is called. Reading `/proc` costs a few
        /// microseconds, so 10 ms or more keeps the sampler's own cost under 0.1%.
        public var memorySamplingInterval: Duration?
        /// How many consecutive windows each cache's lookups are split into.
        public var cacheWindowCount: Int
        /// How many of the most-missed keys a cache reports.
        public var hotMissLimit: Int
        /// Labels written into the run metadata, e.g. `["trigger": "nightly"]`.
        public var labels: [String: String]
        public var git: GitInfo?

        public init(
            enabled: Bool = true, recordsMemory: Bool = true, recordsCaches: Bool = true, recordsIO: Bool = true,
            memorySamplingInterval: Duration? = nil, cacheWindowCount: Int = 10, hotMissLimit: Int = 10,
            labels: [String: String] = [:], git: GitInfo? = nil
        ) {
            self.enabled = enabled
            self.recordsMemory = recordsMemory
            self.recordsCaches = recordsCaches
            self.recordsIO = recordsIO
            self.memorySamplingInterval = memorySamplingInterval
            self.cacheWindowCount = cacheWindowCount
            self.hotMissLimit = hotMissLimit
            self.labels = labels
            self.git = git
        }

        /// Records nothing at all.
        public static let disabled = Options(enabled: false)
    }
}
