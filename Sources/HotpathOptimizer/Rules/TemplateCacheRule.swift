import HotpathModel

/// A cache below its hit-rate target. The affected time is the measured miss cost; reaching
/// the target cuts misses from `1 − hit rate` to `1 − target` of lookups, so s = (1 − rate) / (1 − target).
///
/// Advice follows the miss pattern: a cold start asks for preloading the named hot entries;
/// evictions with a full cache ask for more capacity, sized as `capacity + evictions` (every
/// eviction was an entry needed again), at most four times the capacity; expensive misses
/// (over 1 ms each) ask for precompiling.
struct TemplateCacheRule: OptimizationRule {
    func recommendations(for report: PerformanceReport) -> [Finding] {
        report.caches.compactMap { cache -> Finding? in
            guard cache.lookups > 0, cache.hitRate < cache.target else { return nil }
            let missShare = report.totalNs > 0 ? min(1, (cache.missCostNs ?? 0) / report.totalNs) : 0
            let local = (1 - cache.hitRate) / max(1 - cache.target, 1e-9)
            let estimate = Amdahl.speedup(share: missShare, localSpeedup: local)
            var observation =
                "\(cache.name): hit rate \(UnitFormat.percent(cache.hitRate)) over \(UnitFormat.grouped(Double(cache.lookups))) lookups (target \(UnitFormat.percent(cache.target, digits: 0))), \(UnitFormat.grouped(Double(cache.misses))) misses"
            if let cost = cache.missCostNs { observation += " costing \(UnitFormat.duration(cost))" }
            if cache.evictions > 0 { observation += ", \(UnitFormat.grouped(Double(cache.evictions))) evictions" }
            if let size = cache.size, let capacity = cache.capacity {
                observation += ", \(size) of \(capacity) entries used"
            }
            var actions: [String] = []
            var settings: [String: Double] = [:]
            let hot = cache.hotMisses.prefix(5)
            if cache.trend == .coldStart || (cache.evictions == 0 && !hot.isEmpty) {
                let warm = cache.warmHitRate.map { " (warm hit rate \(UnitFormat.percent($0)))" } ?? ""
                actions.append(
                    "Preload the hot entries at start-up\(hot.isEmpty ? "" : ": " + hot.joined(separator: ", "))\(warm): the misses are a cold start"
                )
                settings["preload"] = 1
            }
            if cache.evictions > 0, let capacity = cache.capacity {
                let suggested = min(capacity + cache.evictions, capacity * 4)
                actions.append("Raise the capacity from \(capacity) to \(suggested) entries so the working set fits")
                settings["capacity"] = Double(suggested)
            }
            if let cost = cache.missCostNs, cache.misses > 0, cost / Double(cache.misses) > 1e6 {
                actions.append(
                    "Precompile entries ahead of time: each miss costs \(UnitFormat.duration(cost / Double(cache.misses)))"
                )
            }
            if actions.isEmpty {
                actions.append("Find why lookups miss: key churn, a too-small capacity or entries never reused")
            }
            let recommendation = OptimizationRecommendation(
                id: "cache:\(cache.name)", area: .templateCache, priority: PriorityBands.forSpeedup(estimate),
                subject: cache.name, title: "Cache \(cache.name) misses too often", observation: observation + ".",
                recommendation: actions.joined(separator: ". ") + ".",
                expectedImprovement: missShare > 0
                    ? "Reaching \(UnitFormat.percent(cache.target, digits: 0)) hits cuts miss time \(UnitFormat.speedup(local)); the run about \(UnitFormat.speedup(estimate)) faster (estimate)."
                    : "Fewer misses; the time they cost was not measured, so no speedup is estimated.",
                affectedShare: missShare, assumedLocalSpeedup: local, estimatedSpeedup: estimate,
                affectedOperations: [],
                settings: settings)
            return Finding(recommendation, affectedTime: [("cache:" + cache.name, missShare)])
        }
    }
}
