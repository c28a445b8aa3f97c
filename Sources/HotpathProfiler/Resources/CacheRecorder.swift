import HotpathModel

/// One cache's counters as lookups arrive; turned into `TemplateCacheStats` by `snapshot()`.
struct CacheRecorder {
    var hits = 0
    var misses = 0
    var evictions = 0
    var size: Int?
    var capacity: Int?
    /// Summed nanoseconds of the misses that reported a cost; nil when none did.
    var missCostNs: Double?
    var missesByKey: [String: Int] = [:]
    /// One bit per lookup in arrival order, 1 for a hit: enough to cut the lookups into windows later.
    var outcomes: [UInt64] = []

    var lookups: Int { hits + misses }

    mutating func lookup(key: String, hit: Bool, missCostNs cost: Double?) {
        let index = lookups
        if index % 64 == 0 { outcomes.append(0) }
        if hit {
            hits += 1
            outcomes[index / 64] |= 1 << UInt64(index % 64)
        } else {
            misses += 1
            missesByKey[key, default: 0] += 1
            if let cost { missCostNs = (missCostNs ?? 0) + cost }
        }
    }

    /// The lookups cut into `windowCount` consecutive windows of (nearly) equal size, so every
    /// window has lookups and a cold start shows as misses in the first.
    func windows(count windowCount: Int) -> [CacheWindow] {
        let total = lookups
        let count = min(max(1, windowCount), total)
        guard count > 0 else { return [] }
        return (0..<count).map { window in
            let range = (window * total / count)..<((window + 1) * total / count)
            let windowHits = range.reduce(0) { $0 + Int(outcomes[$1 / 64] >> UInt64($1 % 64) & 1) }
            return CacheWindow(hits: windowHits, misses: range.count - windowHits)
        }
    }

    /// The most-missed keys, most first, ties by key.
    func hotMisses(limit: Int) -> [String] {
        missesByKey.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(max(0, limit)).map(\.key)
    }

    func stats(name: String, windowCount: Int, hotMissLimit: Int) -> TemplateCacheStats {
        TemplateCacheStats(
            name: name, hits: hits, misses: misses, evictions: evictions, size: size, capacity: capacity,
            missCostNs: missCostNs, hotMisses: hotMisses(limit: hotMissLimit), windows: windows(count: windowCount))
    }
}
