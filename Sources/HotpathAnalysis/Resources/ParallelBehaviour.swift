import HotpathModel

/// One executor's parallelism: the achieved speedup is summed busy time over wall time (what
/// running the same tasks one after another would take, over what it took); efficiency divides
/// that by the workers it could use, `min(concurrency limit, cores)`.
enum ParallelBehaviour {
    static func analyze(_ stats: ParallelExecutionStats, options: AnalysisOptions) -> ParallelAnalysis {
        let speedup = stats.wallNs > 0 ? stats.busyNs / stats.wallNs : 0
        let usable = Double(max(1, min(stats.concurrencyLimit, stats.cores)))
        let stageBusy = stats.stages.map(\.busyNs)
        var imbalance: Double?
        if stageBusy.count >= 2 {
            let mean = stageBusy.reduce(0, +) / Double(stageBusy.count)
            imbalance = mean > 0 ? stageBusy.max()! / mean : nil
        }
        let slowest = stats.stages.max { $0.busyNs != $1.busyNs ? $0.busyNs < $1.busyNs : $0.name > $1.name }
        return ParallelAnalysis(
            name: stats.name, tasks: stats.tasks, concurrencyLimit: stats.concurrencyLimit, cores: stats.cores,
            wallNs: stats.wallNs, busyNs: stats.busyNs, achievedSpeedup: speedup, efficiency: speedup / usable,
            targetSpeedup: options.targetSpeedup,
            workerUtilization: stats.workers.map {
                WorkerUtilization(id: $0.id, utilization: stats.wallNs > 0 ? $0.busyNs / stats.wallNs : 0)
            },
            stageImbalance: imbalance, slowestStage: slowest?.name)
    }
}
