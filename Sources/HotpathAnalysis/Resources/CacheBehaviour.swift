import HotpathModel

/// One cache's behaviour over the run, from its counters and per-window counts.
///
/// With three or more windows the trend is: after a first window whose hit rate is at least 20
/// points below the rest, `cold_start` when the rest vary by at most 10 points or their slope
/// moves them by at most 10 points, else `rising` or `falling` by the rest's slope (the jump out
/// of a cold start is not a rising rate); without a cold first window, `rising` or `falling`
/// when the per-window hit rates' slope moves them by more than 10 points across the run,
/// otherwise `steady`. Without windows it is `unknown`.
enum CacheBehaviour {
    static func analyze(_ cache: TemplateCacheStats, options: AnalysisOptions) -> CacheAnalysis {
        var fill: Double?
        if let size = cache.size, let capacity = cache.capacity, capacity > 0 {
            fill = Double(size) / Double(capacity)
        }
        let (trend, warm) = trend(cache.windows)
        return CacheAnalysis(
            name: cache.name, hits: cache.hits, misses: cache.misses, lookups: cache.lookups, hitRate: cache.hitRate,
            target: options.cacheHitTarget, evictions: cache.evictions, fill: fill, size: cache.size,
            capacity: cache.capacity, trend: trend, warmHitRate: warm, missCostNs: cache.missCostNs,
            hotMisses: cache.hotMisses)
    }

    static func trend(_ windows: [CacheWindow]) -> (CacheAnalysis.Trend, Double?) {
        let used = windows.filter { $0.hits + $0.misses > 0 }
        guard used.count >= 3 else { return (.unknown, nil) }
        let rates = used.map { Double($0.hits) / Double($0.hits + $0.misses) }
        let rest = used.dropFirst()
        let warmHits = rest.reduce(0) { $0 + $1.hits }
        let warmLookups = rest.reduce(0) { $0 + $1.hits + $1.misses }
        let warm = Double(warmHits) / Double(warmLookups)
        let restRates = Array(rates.dropFirst())
        func change(_ rates: [Double]) -> Double {
            (LeastSquares.slope(x: rates.indices.map(Double.init), y: rates) ?? 0) * Double(rates.count - 1)
        }
        if rates[0] <= warm - 0.20 {
            // After a cold first window, the trend is the warm windows' own: the jump out of
            // the cold start is not a rising hit rate.
            let warmChange = change(restRates)
            if (restRates.max()! - restRates.min()!) <= 0.10 || abs(warmChange) <= 0.10 { return (.coldStart, warm) }
            return (warmChange > 0 ? .rising : .falling, warm)
        }
        let overall = change(rates)
        if overall > 0.10 { return (.rising, warm) }
        if overall < -0.10 { return (.falling, warm) }
        return (.steady, warm)
    }
}
