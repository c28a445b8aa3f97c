import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds a history from run summaries: series per operation and their change points.
///
/// Runs are taken in the order given (oldest first). Change points are looked for only among
/// runs that share an environment fingerprint, so a hardware or toolchain change never reads as
/// a regression. The family whose false discoveries are controlled is every (operation,
/// environment) series of the history: each series' p-value is its best split's, corrected for
/// the splits tested (see `ChangePointDetector`), and Benjamini–Hochberg across the series at
/// the false discovery rate gives the cut-off every step must reach. A regression counts as
/// fixed when a later improvement in the same operation brings its p50 back within the
/// threshold of where it was before the regression.
public struct HistoryAnalyzer: Sendable {
    public var detector: ChangePointDetector
    public var falseDiscoveryRate: Double

    public init(options: AnalysisOptions = AnalysisOptions()) {
        detector = ChangePointDetector(threshold: options.relativeThreshold)
        falseDiscoveryRate = options.falseDiscoveryRate
    }

    public func analyze(_ runs: [RunSummary]) -> HistoryReport {
        var environments: [String] = []
        // Each run's environment as its index in `environments`: compared for every point.
        let environmentOfRun = runs.map { run -> Int in
            let key = run.run.environment?.summary ?? ""
            if let known = environments.firstIndex(of: key) { return known }
            environments.append(key)
            return environments.count - 1
        }
        var series: [OperationSeries] = []
        var seriesByName: [String: Int] = [:]
        // Each position's series in the run before: nights list their operations in the same
        // order, so most are found by one comparison instead of a hash of their name (a year of
        // 500 benchmarks is 182,000 points, gathered on one core). The operations are read in
        // place, not copied one by one: copying each summary was most of this loop.
        var previous: [Int] = []
        var positions: [Int] = []
        for index in runs.indices {
            positions.removeAll(keepingCapacity: true)
            runs[index].operations.withUnsafeBufferPointer { operations in
                for operation in operations.indices {
                    guard let p50 = operations[operation].p50, let mean = operations[operation].mean else { continue }
                    let name = operations[operation].name
                    let position = positions.count
                    let found: Int
                    if position < previous.count, series[previous[position]].name == name {
                        found = previous[position]
                    } else if let known = seriesByName[name] {
                        found = known
                    } else {
                        found = series.count
                        seriesByName[name] = found
                        series.append(
                            OperationSeries(
                                name: name, metric: operations[operation].metric, unit: operations[operation].unit,
                                group: operations[operation].group, points: []))
                    }
                    positions.append(found)
                    series[found].points.append(
                        .init(
                            run: index, p50: p50, p95: operations[operation].p95, mean: mean,
                            count: operations[operation].count))
                }
            }
            swap(&previous, &positions)
        }
        series.sort { $0.name < $1.name }
        // One scan per operation and environment: the family.
        struct Scanned {
            var operation: Int
            var points: [OperationSeries.Point]
            var scan: ChangePointDetector.Scan
        }
        // Operations are scanned on every core: each scan is its own, in operation order after.
        let detector = self.detector
        let perOperation = ParallelMap.map(Array(series.indices)) {
            [series, environments] index -> ([Scanned], Double?) in
            let operation = series[index]
            let scans = environments.indices.map { environment in
                let points = operation.points.filter { environmentOfRun[$0.run] == environment }
                return Scanned(operation: index, points: points, scan: detector.scan(points.map(\.p50)))
            }
            let newest = environmentOfRun[operation.points.last?.run ?? 0]
            return (
                scans, Self.runToRunVariation(operation.points.filter { environmentOfRun[$0.run] == newest }.map(\.p50))
            )
        }
        let scanned = perOperation.flatMap(\.0)
        for (index, result) in perOperation.enumerated() { series[index].runToRunVariation = result.1 }
        let family = BenjaminiHochberg.Family(scanned.map(\.scan.pValue))
        let cutoff = family.cutoff(falseDiscoveryRate: falseDiscoveryRate)
        var changePoints: [ChangePoint] = []
        for item in scanned where item.scan.pValue <= cutoff {
            let operation = series[item.operation]
            var found = detector.steps(in: item.scan, cutoff: cutoff, values: item.points.map(\.p50)).map {
                step -> ChangePoint in
                let run = item.points[step.index].run
                let worse = operation.metric.polarity == .smallerIsBetter ? step.change > 0 : step.change < 0
                return ChangePoint(
                    operation: operation.name, run: run, runID: runs[run].run.runID,
                    verdict: worse ? .regression : .improvement, before: step.before, after: step.after,
                    change: step.change, pValue: step.pValue, adjustedPValue: family.adjusted(step.correctedPValue))
            }
            for index in found.indices where found[index].verdict == .regression {
                let level = found[index].before
                found[index].fixedBy =
                    found[(index + 1)...].first {
                        $0.verdict == .improvement && abs($0.after - level) <= detector.threshold * level
                    }?.runID
            }
            changePoints += found
        }
        changePoints.sort { $0.run != $1.run ? $0.run < $1.run : $0.operation < $1.operation }
        return HistoryReport(
            runs: runs, series: series, changePoints: changePoints, environments: environments,
            newestRunChecks: newestRunChecks(series, environmentOfRun: environmentOfRun, newest: runs.count - 1),
            falseDiscoveryRate: falseDiscoveryRate)
    }

    /// The newest run's p50s against the earlier runs of its environment (`NewestRunCheck`): the
    /// log change over the median of up to `window` earlier p50s, divided by their night-to-night
    /// variation σ (with the median's own error, σ²·π/2w), read as Student's t with w − 1 degrees
    /// of freedom; Benjamini–Hochberg across the run's operations. Operations with fewer than
    /// `minimumRuns` earlier runs, or earlier runs with no variation at all, are not checked.
    func newestRunChecks(_ series: [OperationSeries], environmentOfRun: [Int], newest: Int) -> [NewestRunCheck] {
        guard newest >= 0 else { return [] }
        var measured: [(operation: String, change: Double, pValue: Double)] = []
        for operation in series {
            guard let last = operation.points.last, last.run == newest, last.p50 > 0 else { continue }
            let earlier = operation.points.dropLast().filter { environmentOfRun[$0.run] == environmentOfRun[newest] }
                .suffix(detector.window).map(\.p50).filter { $0 > 0 }
            guard earlier.count >= detector.minimumRuns, let sigma = Self.runToRunVariation(earlier), sigma > 0,
                let median = Quantiles.quantile(sorted: earlier.sorted(), 0.5), median > 0
            else { continue }
            let count = Double(earlier.count)
            let t = log(last.p50 / median) / (sigma * (1 + Double.pi / (2 * count)).squareRoot())
            let p = min(1, 2 * StudentT.upperTail(abs(t), count - 1))
            measured.append((operation.name, last.p50 / median - 1, p))
        }
        let adjusted = BenjaminiHochberg.adjusted(measured.map(\.pValue))
        return zip(measured, adjusted).map { item, adjusted in
            NewestRunCheck(
                operation: item.operation, change: item.change, pValue: item.pValue, adjustedPValue: adjusted,
                beyondNightlyNoise: adjusted < falseDiscoveryRate && abs(item.change) >= detector.threshold)
        }
    }

    /// 1.4826 · median |Δ ln x| / √2: the standard deviation of one run's log value for normal
    /// noise, read from successive differences so that a step moves one difference, not the estimate.
    static func runToRunVariation(_ values: [Double]) -> Double? {
        let positive = values.filter { $0 > 0 }
        guard positive.count >= 3 else { return nil }
        let differences = zip(positive.dropFirst(), positive).map { abs(log($0) - log($1)) }.sorted()
        guard let median = Quantiles.quantile(sorted: differences, 0.5) else { return nil }
        return 1.4826 * median / 2.0.squareRoot()
    }
}
