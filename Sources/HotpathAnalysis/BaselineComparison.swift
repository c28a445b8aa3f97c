#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HotpathModel

/// Compares a run with its baseline, operation by operation.
///
/// The rule: a change counts only when the mean moved by at least the relative threshold
/// (default 5%) in the metric's bad or good direction *and* the two-sided Mann-Whitney p-value
/// (Welch's t-test for operations known only by their summary statistics) is below the
/// significance level (default 0.01). An operation whose coefficient of variation
/// exceeds `maximumCV` on either side is `unstable` unless its change also exceeds that noise
/// level. Runs whose environment fingerprints differ are `incomparable` throughout.
struct BaselineComparison {
    var options: AnalysisOptions

    /// One side of a comparison: a run's statistics and the raw samples they came from.
    struct Side {
        var run: RunMetadata
        var statistics: [OperationStatistics]
        var samples: [String: [Double]]
        var total: Double
    }

    func compare(current: Side, baseline: Side) -> Comparison {
        let comparable =
            switch (current.run.environment, baseline.run.environment) {
            case (let a?, let b?): a.isComparable(with: b)
            default: true
            }
        let currentStats = Dictionary(current.statistics.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let baselineStats = Dictionary(baseline.statistics.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Set(currentStats.keys).union(baselineStats.keys).sorted()
        var ratios: [Double] = []
        let operations = names.map { name -> OperationComparison in
            let now = currentStats[name]
            let before = baselineStats[name]
            let result = compareOperation(
                name: name, now: now, before: before, nowSamples: current.samples[name] ?? [],
                beforeSamples: baseline.samples[name] ?? [], comparable: comparable)
            if comparable, let a = before?.summary?.mean, let b = now?.summary?.mean, a > 0, b > 0,
                now?.metric == .timing
            {
                ratios.append(a / b)
            }
            return result
        }
        let totalSpeedup: Double? =
            comparable && current.total > 0 && baseline.total > 0
                && Self.sameWork(currentStats, baselineStats) ? baseline.total / current.total : nil
        let geometricMean: Double? =
            ratios.isEmpty ? nil : exp(ratios.reduce(0) { $0 + log($1) } / Double(ratios.count))
        return Comparison(
            baseline: baseline.run, comparable: comparable, threshold: options.relativeThreshold,
            alpha: options.significance, operations: operations, totalSpeedup: totalSpeedup,
            geometricMeanSpeedup: geometricMean)
    }

    /// Whether the two runs did mostly the same work: the operations both have carry at least
    /// `minimumSharedWork` of each run's time. Otherwise a ratio of run totals compares different
    /// programs (two unrelated dumps in one folder gave "measured speedup 2181828×").
    static func sameWork(_ current: [String: OperationStatistics], _ baseline: [String: OperationStatistics]) -> Bool {
        func coverage(_ side: [String: OperationStatistics], _ other: [String: OperationStatistics]) -> Double {
            let all = side.values.reduce(0.0) { $0 + max(0, $1.total) }
            let shared = side.values.reduce(0.0) { $0 + (other[$1.name] == nil ? 0 : max(0, $1.total)) }
            return all > 0 ? shared / all : 0
        }
        return coverage(current, baseline) >= minimumSharedWork && coverage(baseline, current) >= minimumSharedWork
    }

    static let minimumSharedWork = 0.9

    func compareOperation(
        name: String, now: OperationStatistics?, before: OperationStatistics?, nowSamples: [Double],
        beforeSamples: [Double], comparable: Bool
    ) -> OperationComparison {
        func change(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b, a != 0 else { return nil }
            return (b - a) / a
        }
        let nowSummary = now?.summary
        let beforeSummary = before?.summary
        var comparison = OperationComparison(
            name: name, verdict: .unchanged, baselineMean: beforeSummary?.mean, currentMean: nowSummary?.mean,
            meanChange: change(beforeSummary?.mean, nowSummary?.mean),
            p50Change: change(beforeSummary?.percentiles.p50, nowSummary?.percentiles.p50),
            p95Change: change(beforeSummary?.percentiles.p95, nowSummary?.percentiles.p95),
            p99Change: change(beforeSummary?.percentiles.p99, nowSummary?.percentiles.p99), test: nil)
        guard comparable else {
            comparison.verdict = .incomparable
            return comparison
        }
        guard let now, now.count > 0 else {
            comparison.verdict = .removed
            return comparison
        }
        guard let before, before.count > 0 else {
            comparison.verdict = .new
            return comparison
        }
        guard let nowSummary, let beforeSummary else {
            // Sampled profiles: no per-call samples to test; compare shares only.
            comparison.verdict = .unchanged
            return comparison
        }
        if now.summaryOnly || before.summaryOnly {
            // Summary values are not measurements: a rank test on them would be meaningless
            // (five quartiles against five quartiles), but the reported mean, deviation and
            // count are what Welch's t-test needs.
            comparison.test = WelchT.test(
                current: .init(mean: nowSummary.mean, stddev: nowSummary.stddev, count: nowSummary.count),
                baseline: .init(mean: beforeSummary.mean, stddev: beforeSummary.stddev, count: beforeSummary.count))
        } else {
            comparison.test = MannWhitneyU.test(nowSamples, beforeSamples)
        }
        let relative = comparison.meanChange ?? 0
        let significant = (comparison.test?.pValue ?? 1) < options.significance
        let noise = max(nowSummary.cv, beforeSummary.cv)
        let bigEnough = abs(relative) >= options.relativeThreshold
        if significant && bigEnough && !(noise > options.maximumCV && abs(relative) < noise) {
            let worse = now.metric.polarity == .smallerIsBetter ? relative > 0 : relative < 0
            comparison.verdict = worse ? .regression : .improvement
        } else if noise > options.maximumCV {
            comparison.verdict = .unstable
        } else {
            comparison.verdict = .unchanged
        }
        return comparison
    }
}
