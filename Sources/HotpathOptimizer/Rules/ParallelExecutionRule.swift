import HotpathModel

/// An executor short of its target speedup (default 3×, or what its cores allow). The affected
/// time is the executor's wall time, as a share of the run's wall time (first span start to
/// last span end); reaching the attainable speedup makes it
/// `attainable / achieved` times faster.
///
/// Diagnoses, each checked on the numbers: a concurrency limit under half the cores (raise it),
/// over twice the cores (oversubscription), one stage with more than 1.5× the mean stage's busy
/// time (it starves the others), and otherwise low efficiency from coordination overhead
/// (tasks too small or waiting on shared state).
struct ParallelExecutionRule: OptimizationRule {
    func recommendations(for report: PerformanceReport) -> [Finding] {
        report.parallel.compactMap { executor -> Finding? in
            let attainable = min(executor.targetSpeedup, Double(executor.cores))
            guard executor.tasks > 1, executor.achievedSpeedup < attainable * 0.9, executor.wallNs > 0 else {
                return nil
            }
            // The executor's wall time against the run's wall time: the run total of a trace sums
            // threads running at once, which would understate what the executor holds up.
            let runWall = report.wallNs ?? report.totalNs
            let share = runWall > 0 ? min(1, executor.wallNs / runWall) : 0
            let local = attainable / max(executor.achievedSpeedup, 1e-9)
            let estimate = Amdahl.speedup(share: share, localSpeedup: local)
            var observation =
                "\(executor.name): \(executor.tasks) tasks achieved \(UnitFormat.speedup(executor.achievedSpeedup)) over running them one by one (target \(UnitFormat.speedup(executor.targetSpeedup))), efficiency \(UnitFormat.percent(executor.efficiency)) with a concurrency limit of \(executor.concurrencyLimit) on \(executor.cores) cores"
            var actions: [String] = []
            var settings: [String: Double] = [:]
            if executor.concurrencyLimit * 2 <= executor.cores {
                actions.append(
                    "Raise the concurrency limit from \(executor.concurrencyLimit) to \(executor.cores), the core count"
                )
                settings["concurrency_limit"] = Double(executor.cores)
            } else if executor.concurrencyLimit > executor.cores * 2 {
                actions.append(
                    "Lower the concurrency limit from \(executor.concurrencyLimit) to \(executor.cores): more tasks than cores only adds switching"
                )
                settings["concurrency_limit"] = Double(executor.cores)
            }
            if let imbalance = executor.stageImbalance, imbalance > 1.5, let slowest = executor.slowestStage {
                observation += "; stage \(slowest) is busy \(UnitFormat.fixed(imbalance, digits: 1))× the mean stage"
                actions.append("Split or speed up stage \(slowest): it starves the stages after it")
            }
            if actions.isEmpty {
                actions.append(
                    "Reduce coordination overhead: batch tiny tasks, avoid shared locks in task bodies, and keep workers fed"
                )
            }
            let recommendation = OptimizationRecommendation(
                id: "parallel:\(executor.name)", area: .parallelExecution, priority: PriorityBands.forSpeedup(estimate),
                subject: executor.name, title: "Executor \(executor.name) underuses its workers",
                observation: observation + ".", recommendation: actions.joined(separator: ". ") + ".",
                expectedImprovement:
                    "Reaching \(UnitFormat.speedup(attainable)) makes \(executor.name) \(UnitFormat.speedup(local)) faster; the run about \(UnitFormat.speedup(estimate)) faster (estimate).",
                affectedShare: share, assumedLocalSpeedup: local, estimatedSpeedup: estimate, affectedOperations: [],
                settings: settings)
            return Finding(recommendation, affectedTime: [("parallel:" + executor.name, share)])
        }
    }
}
