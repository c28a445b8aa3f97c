import HotpathModel

/// Builds a history from run summaries: series per operation and their change points.
///
/// Runs are taken in the order given (oldest first). Change points are looked for only among
/// runs that share an environment fingerprint, so a hardware or toolchain change never reads as
/// a regression. A regression counts as fixed when a later improvement in the same operation
/// brings its p50 back within the threshold of where it was before the regression.
public struct HistoryAnalyzer: Sendable {
    public var detector: ChangePointDetector

    public init(options: AnalysisOptions = AnalysisOptions()) {
        detector = ChangePointDetector(threshold: options.relativeThreshold, alpha: options.significance)
    }

    public func analyze(_ runs: [RunSummary]) -> HistoryReport {
        var environments: [String] = []
        let environmentOfRun = runs.map { run -> String in
            let key = run.run.environment?.summary ?? ""
            if !environments.contains(key) { environments.append(key) }
            return key
        }
        var seriesByName: [String: OperationSeries] = [:]
        var order: [String] = []
        for (index, run) in runs.enumerated() {
            for operation in run.operations {
                guard let p50 = operation.p50, let mean = operation.mean else { continue }
                if seriesByName[operation.name] == nil {
                    order.append(operation.name)
                    seriesByName[operation.name] = OperationSeries(
                        name: operation.name, metric: operation.metric, unit: operation.unit, group: operation.group, points: [])
                }
                seriesByName[operation.name]!.points.append(.init(run: index, p50: p50, p95: operation.p95, mean: mean, count: operation.count))
            }
        }
        let series = order.sorted().map { seriesByName[$0]! }
        var changePoints: [ChangePoint] = []
        for operation in series {
            for environment in environments {
                let points = operation.points.filter { environmentOfRun[$0.run] == environment }
                let steps = detector.steps(in: points.map(\.p50))
                var found = steps.map { step -> ChangePoint in
                    let run = points[step.index].run
                    let worse = operation.metric.polarity == .smallerIsBetter ? step.change > 0 : step.change < 0
                    return ChangePoint(
                        operation: operation.name, run: run, runID: runs[run].run.runID,
                        verdict: worse ? .regression : .improvement, before: step.before, after: step.after,
                        change: step.change, pValue: step.pValue)
                }
                for index in found.indices where found[index].verdict == .regression {
                    let level = found[index].before
                    found[index].fixedBy = found[(index + 1)...].first {
                        $0.verdict == .improvement && abs($0.after - level) <= detector.threshold * level
                    }?.runID
                }
                changePoints += found
            }
        }
        changePoints.sort { $0.run != $1.run ? $0.run < $1.run : $0.operation < $1.operation }
        return HistoryReport(runs: runs, series: series, changePoints: changePoints, environments: environments)
    }
}
