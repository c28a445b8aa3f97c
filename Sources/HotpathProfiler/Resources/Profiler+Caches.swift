extension Profiler {
    /// Records one lookup in the cache named `cache`. `missCost` is what the miss cost to
    /// fill (loading, compiling the template), when known.
    public func recordCacheLookup(cache: String, key: String, hit: Bool, missCost: Duration? = nil) {
        guard isEnabled, options.recordsCaches else { return }
        let cost = missCost.map(\.nanoseconds)
        caches.withLock { $0[cache, default: CacheRecorder()].lookup(key: key, hit: hit, missCostNs: cost) }
    }

    /// Records `count` entries evicted from the cache named `cache`.
    public func recordCacheEviction(cache: String, count: Int = 1) {
        guard isEnabled, options.recordsCaches else { return }
        caches.withLock { $0[cache, default: CacheRecorder()].evictions += count }
    }

    /// Records how many entries the cache holds now and, when bounded, how many it can hold;
    /// the dump keeps the last values.
    public func recordCacheSize(cache: String, size: Int, capacity: Int? = nil) {
        guard isEnabled, options.recordsCaches else { return }
        caches.withLock {
            $0[cache, default: CacheRecorder()].size = size
            if let capacity { $0[cache, default: CacheRecorder()].capacity = capacity }
        }
    }
}

extension Duration {
    /// The duration in nanoseconds, as the dump's `_ns` fields hold them.
    var nanoseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }
}
