import HotpathModel

/// Memory over the run.
///
/// A leak suspect is memory that keeps growing: the least-squares slope is positive, the run
/// ends at least 10% above where it started, and each quarter of the run averages more than
/// the one before. A cold start that grows and then levels off fails the last test.
enum MemoryAnalysis {
    static func analyze(_ timeline: MemoryTimeline, options: AnalysisOptions) -> MemoryUsageStats? {
        guard !timeline.isEmpty else { return nil }
        let samples = timeline.samples.sorted { $0.tNs < $1.tNs }
        let values = samples.map(\.rssBytes)
        let start = values.first ?? 0
        let peak = values.max() ?? 0
        let end = values.last ?? 0
        let average = values.isEmpty ? 0 : Summation.sum(values) / Double(values.count)
        let slopePerNs = LeastSquares.slope(x: samples.map(\.tNs), y: values) ?? 0
        let growthPerSecond = slopePerNs * 1e9
        let overhead = max(0, peak - start)
        let gcEvents = timeline.events.filter { $0.kind == .gc }
        return MemoryUsageStats(
            samples: samples.count, startBytes: start, peakBytes: peak, averageBytes: average, endBytes: end,
            overheadBytes: overhead, budgetBytes: options.memoryBudgetBytes,
            overBudget: overhead > options.memoryBudgetBytes, growthBytesPerSecond: growthPerSecond,
            leakSuspect: keepsGrowing(samples),
            gcEvents: gcEvents.count, gcPauseNs: gcEvents.reduce(0) { $0 + ($1.durationNs ?? 0) },
            pressureEvents: timeline.events.count { $0.kind == .pressure })
    }

    static func keepsGrowing(_ samples: [MemorySample]) -> Bool {
        let values = samples.map(\.rssBytes)
        guard values.count >= 8, let first = values.first, let last = values.last, first > 0, last >= first * 1.10
        else { return false }
        let quarter = values.count / 4
        let means = (0..<4).map { part -> Double in
            let slice = values[(part * quarter)..<(part == 3 ? values.count : (part + 1) * quarter)]
            return slice.reduce(0, +) / Double(slice.count)
        }
        guard zip(means, means.dropFirst()).allSatisfy({ $1 - $0 >= first * 0.01 }) else { return false }
        let secondHalf = samples[(samples.count / 2)...]
        guard let start = secondHalf.first?.tNs, let end = secondHalf.last?.tNs, end > start,
            let slope = LeastSquares.slope(x: secondHalf.map(\.tNs), y: secondHalf.map(\.rssBytes))
        else { return false }
        return slope * (end - start) >= first * 0.05
    }
}

enum LeastSquares {
    /// Slope of the least-squares line through (x, y); nil with fewer than two distinct x.
    static func slope(x: [Double], y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var covariance = 0.0
        var variance = 0.0
        for index in x.indices {
            covariance += (x[index] - meanX) * (y[index] - meanY)
            variance += (x[index] - meanX) * (x[index] - meanX)
        }
        return variance > 0 ? covariance / variance : nil
    }
}
