import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Compares a run with its baseline, operation by operation.
///
/// Each operation measured on both sides is tested (two-sided Mann-Whitney on the raw samples;
/// Welch's t-test for operations known only by their summary statistics) and its change
/// estimated with a confidence interval (`ChangeInterval`). The raw p-values of every tested
/// operation form one family, adjusted with Benjamini–Hochberg: a run of 500 operations must not
/// raise alarms from noise alone. The verdict:
/// - regression or improvement: adjusted p below the false discovery rate *and* the estimated
///   change at least the relative threshold, in the metric's bad or good direction;
/// - unchanged: the whole interval within ±threshold (earned, not assumed);
/// - inconclusive: neither, with the samples per side that would see a threshold-sized change.
/// Runs whose environment fingerprints differ are `incomparable` throughout.
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
                now?.metric == .timing, now?.measure ?? .realTime == before?.measure ?? .realTime
            {
                ratios.append(a / b)
            }
            return result
        }
        // A suite's total sums independent benchmarks' times: no program ran it.
        let totalSpeedup: Double? =
            comparable && !current.run.runKind.isSuite && current.total > 0 && baseline.total > 0
                && Self.sameWork(currentStats, baselineStats) ? baseline.total / current.total : nil
        let geometricMean: Double? =
            ratios.isEmpty ? nil : exp(ratios.reduce(0) { $0 + log($1) } / Double(ratios.count))
        var comparison = Comparison(
            baseline: baseline.run, comparable: comparable, threshold: options.relativeThreshold,
            falseDiscoveryRate: options.falseDiscoveryRate, operations: decide(operations, currentStats),
            totalSpeedup: totalSpeedup, geometricMeanSpeedup: geometricMean)
        if comparable, current.run.runKind.isSuite {
            comparison.familyChanges = BenchmarkFamilies.changes(
                current: BenchmarkFamilies.families(current.statistics),
                baseline: BenchmarkFamilies.families(baseline.statistics))
        }
        return comparison
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
        // Like with like: an operation with one clock is timed by its samples, real time for
        // the benchmark tools that have two (the baseline may predate a CPU time column).
        comparison.measure = now?.measure ?? before?.measure
        if let now, let before, (now.measure ?? .realTime) != (before.measure ?? .realTime) {
            comparison.verdict = .incomparable
            (comparison.meanChange, comparison.p50Change, comparison.p95Change, comparison.p99Change) = (
                nil, nil, nil, nil
            )
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
            // Sampled profiles: no per-call samples to test, so nothing is earned either way.
            comparison.verdict = .inconclusive
            return comparison
        }
        if now.summaryOnly || before.summaryOnly {
            // Summary values are not measurements: a rank test on them would be meaningless
            // (five quartiles against five quartiles), but the reported mean, deviation and
            // count are what Welch's t-test and its interval need.
            let current = WelchT.Side(mean: nowSummary.mean, stddev: nowSummary.stddev, count: nowSummary.count)
            let base = WelchT.Side(mean: beforeSummary.mean, stddev: beforeSummary.stddev, count: beforeSummary.count)
            comparison.test = WelchT.test(current: current, baseline: base)
            comparison.interval = WelchT.confidenceInterval(
                current: current, baseline: base, confidenceLevel: options.intervalConfidence
            ).flatMap { interval in
                beforeSummary.mean > 0
                    ? ChangeInterval(
                        estimate: interval.difference / beforeSummary.mean, lower: interval.lower / beforeSummary.mean,
                        upper: interval.upper / beforeSummary.mean, confidence: interval.confidenceLevel,
                        method: "welch")
                    : nil
            }
        } else {
            comparison.test = MannWhitneyU.test(nowSamples, beforeSamples)
            // Samples too few to reach the requested level (R lowers it: 3 and 3 give 90%, 1 and 1
            // nothing) have no interval: a degenerate one would make "unchanged" too cheap. The
            // same holds when every value is tied, where R has no interval at all.
            comparison.interval = HodgesLehmann.relativeShift(
                current: nowSamples, baseline: beforeSamples, confidenceLevel: options.intervalConfidence
            ).flatMap { shift in
                shift.confidenceLevel >= options.intervalConfidence - 1e-9
                    && Self.rankTestCanReach(options.intervalConfidence, nowSamples.count, beforeSamples.count)
                    ? ChangeInterval(
                        estimate: shift.estimate, lower: shift.lower, upper: shift.upper,
                        confidence: shift.confidenceLevel,
                        method: "hodges_lehmann")
                    : nil
            }
        }
        // Decided once the whole family's p-values are adjusted (`decide`).
        comparison.verdict = .inconclusive
        // The noise of both sides, pooled: what a comparison of the two would have to see through
        // (unknown when a side has a single value).
        guard nowSummary.count >= 2, beforeSummary.count >= 2 else { return comparison }
        comparison.samplesNeeded = NoiseModel.samplesPerSide(
            toDetect: options.relativeThreshold,
            coefficientOfVariation: ((nowSummary.cv * nowSummary.cv + beforeSummary.cv * beforeSummary.cv) / 2)
                .squareRoot(),
            test: now.summaryOnly || before.summaryOnly ? .welchT : .mannWhitney, alpha: options.falseDiscoveryRate)
        return comparison
    }

    /// Whether any ordering of n and m values could make a two-sided rank test reject at
    /// 1 − confidence: the most extreme has probability 2/C(n+m, n).
    static func rankTestCanReach(_ confidence: Double, _ n: Int, _ m: Int) -> Bool {
        guard n > 0, m > 0 else { return false }
        let logChoose = lgamma(Double(n + m + 1)) - lgamma(Double(n + 1)) - lgamma(Double(m + 1))
        return log(2) - logChoose <= log(1 - confidence) + 1e-12
    }

    /// The verdicts of a family of tested operations: Benjamini–Hochberg over every raw p-value,
    /// then the threshold and the intervals (see the type's comment).
    func decide(_ operations: [OperationComparison], _ current: [String: OperationStatistics]) -> [OperationComparison]
    {
        let tested = operations.indices.filter { operations[$0].test != nil }
        let adjusted = BenjaminiHochberg.adjusted(tested.map { operations[$0].test!.pValue })
        var decided = operations
        for (position, index) in tested.enumerated() {
            var item = decided[index]
            item.adjustedPValue = adjusted[position]
            let change = item.interval?.estimate ?? item.meanChange ?? 0
            let polarity = current[item.name]?.metric.polarity ?? .smallerIsBetter
            if adjusted[position] < options.falseDiscoveryRate && abs(change) >= options.relativeThreshold {
                let worse = polarity == .smallerIsBetter ? change > 0 : change < 0
                item.verdict = worse ? .regression : .improvement
            } else if let interval = item.interval, interval.isWithin(options.relativeThreshold) {
                item.verdict = .unchanged
            } else {
                item.verdict = .inconclusive
            }
            if item.verdict != .inconclusive { item.samplesNeeded = nil }
            decided[index] = item
        }
        return decided
    }
}
