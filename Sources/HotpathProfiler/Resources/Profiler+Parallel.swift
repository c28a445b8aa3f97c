import HotpathModel

extension Profiler {
    /// Records how a parallel executor ran. Statistics recorded again under the same `name`
    /// replace the earlier ones, since an executor's statistics accumulate over its stages.
    public func recordParallelExecution(_ stats: ParallelExecutionStats) {
        guard isEnabled else { return }
        parallel.withLock { all in
            if let index = all.firstIndex(where: { $0.name == stats.name }) {
                all[index] = stats
            } else {
                all.append(stats)
            }
        }
    }
}
