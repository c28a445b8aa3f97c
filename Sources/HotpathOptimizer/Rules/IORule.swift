import HotpathModel

/// Synchronous I/O below the async target, and runs of small operations worth batching.
/// Assumed local speedups: 2× for moving synchronous I/O off the critical path, 4× for
/// batching small operations (fewer system calls and round trips). Both can claim the same
/// I/O time; the combined estimate (`Amdahl.combined`) counts it once, at the larger speedup.
struct IORule: OptimizationRule {
    func recommendations(for report: PerformanceReport) -> [Finding] {
        guard let io = report.io else { return [] }
        var findings: [Finding] = []
        if io.asyncRatio < io.asyncTarget {
            let syncShare = report.totalNs > 0 ? min(1, io.totalNs * (1 - io.asyncRatio) / report.totalNs) : 0
            let estimate = Amdahl.speedup(share: syncShare, localSpeedup: 2)
            findings.append(
                Finding(
                    OptimizationRecommendation(
                        id: "io:async", area: .io, priority: PriorityBands.forSpeedup(estimate), subject: "io",
                        title: "Mostly synchronous I/O",
                        observation:
                            "\(UnitFormat.percent(io.asyncRatio)) of \(UnitFormat.grouped(Double(io.operations))) I/O operations are asynchronous (target \(UnitFormat.percent(io.asyncTarget, digits: 0))); I/O took \(UnitFormat.duration(io.totalNs)) for \(UnitFormat.bytes(io.bytes)).",
                        recommendation:
                            "Convert blocking reads and writes to asynchronous I/O so work continues while they complete.",
                        expectedImprovement:
                            "Overlapping synchronous I/O with work makes the run about \(UnitFormat.speedup(estimate)) faster (estimate).",
                        affectedShare: syncShare, assumedLocalSpeedup: 2, estimatedSpeedup: estimate,
                        affectedOperations: []),
                    affectedTime: [("io:sync", syncShare)]))
        }
        for candidate in io.batchCandidates {
            let share = report.totalNs > 0 ? min(1, candidate.totalNs / report.totalNs) : 0
            let estimate = Amdahl.speedup(share: share, localSpeedup: 4)
            findings.append(
                Finding(
                    OptimizationRecommendation(
                        id: "io:batch:\(candidate.source):\(candidate.kind.rawValue)", area: .io,
                        priority: PriorityBands.forSpeedup(estimate), subject: candidate.source,
                        title: "Many small \(candidate.kind.rawValue)s in \(candidate.source)",
                        observation:
                            "\(candidate.source) issued \(UnitFormat.grouped(Double(candidate.count))) \(candidate.kind.rawValue) operations averaging \(UnitFormat.bytes(candidate.meanBytes)), \(UnitFormat.duration(candidate.totalNs)) in all.",
                        recommendation:
                            "Batch them: buffer writes or read whole files, so one call moves many small pieces.",
                        expectedImprovement:
                            "Batching makes this I/O about 4× faster; the run about \(UnitFormat.speedup(estimate)) faster (estimate).",
                        affectedShare: share, assumedLocalSpeedup: 4, estimatedSpeedup: estimate, affectedOperations: []
                    ),
                    affectedTime: [("io:" + candidate.source, share)]))
        }
        return findings
    }
}
