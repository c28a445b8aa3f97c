import HotpathModel

/// I/O over the run. Batching candidates are groups (by issuing operation, else by I/O kind)
/// with at least `batchMinimumCount` operations averaging under `batchMaximumMeanBytes`.
enum IOAnalysis {
    static func analyze(_ operations: [IOOperation], options: AnalysisOptions) -> IOPerformanceStats? {
        guard !operations.isEmpty else { return nil }
        let bytes = operations.reduce(0) { $0 + $1.bytes }
        let time = operations.reduce(0) { $0 + $1.durationNs }
        let asyncCount = operations.count { $0.isAsync }
        struct GroupKey: Hashable {
            var source: String
            var kind: IOOperation.Kind
        }
        var groups: [GroupKey: (count: Int, bytes: Double, time: Double)] = [:]
        for operation in operations {
            let key = GroupKey(source: operation.operation ?? operation.kind.rawValue, kind: operation.kind)
            groups[key, default: (0, 0, 0)].count += 1
            groups[key, default: (0, 0, 0)].bytes += operation.bytes
            groups[key, default: (0, 0, 0)].time += operation.durationNs
        }
        // Largest time first; candidates keep that order.
        let sorted = groups.map {
            IOGroup(source: $0.source, kind: $0.kind, count: $1.count, bytes: $1.bytes, totalNs: $1.time)
        }
        .sorted {
            $0.totalNs != $1.totalNs
                ? $0.totalNs > $1.totalNs : ($0.source, $0.kind.rawValue) < ($1.source, $1.kind.rawValue)
        }
        let candidates = sorted.compactMap { group -> BatchCandidate? in
            let mean = group.bytes / Double(group.count)
            guard group.count >= options.batchMinimumCount, mean < options.batchMaximumMeanBytes else { return nil }
            return BatchCandidate(
                source: group.source, kind: group.kind, count: group.count, meanBytes: mean, totalNs: group.totalNs)
        }
        return IOPerformanceStats(
            operations: operations.count, bytes: bytes, totalNs: time,
            throughputBytesPerSecond: time > 0 ? bytes / (time / 1e9) : 0,
            asyncRatio: Double(asyncCount) / Double(operations.count), asyncTarget: options.asyncTarget,
            batchCandidates: candidates, groups: Array(sorted.prefix(IOPerformanceStats.groupLimit)),
            groupCount: groups.count)
    }
}
