import HotpathModel

/// Memory over budget, steady growth (a leak suspect) or garbage-collection pressure. Only GC
/// pauses are time: their share of the run with an assumed halving (s = 2) is the estimate.
struct MemoryRule: OptimizationRule {
    func recommendations(for report: PerformanceReport) -> [Finding] {
        guard let memory = report.memory else { return [] }
        var findings: [Finding] = []
        if memory.leakSuspect || memory.overBudget {
            let ratio = memory.budgetBytes > 0 ? memory.overheadBytes / memory.budgetBytes : 0
            var observation =
                "Resident memory grew from \(UnitFormat.bytes(memory.startBytes)) to a peak of \(UnitFormat.bytes(memory.peakBytes)) (overhead \(UnitFormat.bytes(memory.overheadBytes)), budget \(UnitFormat.bytes(memory.budgetBytes)))"
            var actions: [String] = []
            if memory.leakSuspect {
                observation +=
                    " and kept growing at \(UnitFormat.bytes(memory.growthBytesPerSecond))/s to \(UnitFormat.bytes(memory.endBytes)) at the end"
                actions.append("Look for unbounded caches, retained references and buffers that are never released")
            }
            if memory.overBudget {
                actions.append(
                    "Stream inputs instead of loading them whole, pool large buffers, and avoid intermediate copies")
            }
            findings.append(
                Finding(
                    OptimizationRecommendation(
                        id: "memory:footprint", area: .memory,
                        priority: PriorityBands.forMemory(overheadOverBudget: ratio, leakSuspect: memory.leakSuspect),
                        subject: "memory", title: memory.leakSuspect ? "Memory keeps growing" : "Memory over budget",
                        observation: observation + ".", recommendation: actions.joined(separator: ". ") + ".",
                        expectedImprovement:
                            "Stays within the \(UnitFormat.bytes(memory.budgetBytes)) budget; no speedup is estimated.",
                        affectedShare: 0, assumedLocalSpeedup: 1, estimatedSpeedup: 1, affectedOperations: []),
                    affectedTime: []))
        }
        let pauseShare = report.totalNs > 0 ? min(1, memory.gcPauseNs / report.totalNs) : 0
        if pauseShare >= 0.05 || (memory.pressureEvents > 0 && memory.gcEvents > 0) {
            let estimate = Amdahl.speedup(share: pauseShare, localSpeedup: 2)
            findings.append(
                Finding(
                    OptimizationRecommendation(
                        id: "memory:gc", area: .memory, priority: PriorityBands.forSpeedup(estimate), subject: "gc",
                        title: "Garbage-collection pressure",
                        observation:
                            "\(memory.gcEvents) collections paused the run for \(UnitFormat.duration(memory.gcPauseNs)) (\(UnitFormat.percent(pauseShare)) of it), \(memory.pressureEvents) memory-pressure events.",
                        recommendation:
                            "Allocate less in hot loops: reuse buffers, pool objects, and avoid temporary copies.",
                        expectedImprovement:
                            "Halving GC pauses makes the run about \(UnitFormat.speedup(estimate)) faster (estimate).",
                        affectedShare: pauseShare, assumedLocalSpeedup: 2, estimatedSpeedup: estimate,
                        affectedOperations: []),
                    affectedTime: [("memory:gc", pauseShare)]))
        }
        return findings
    }
}
