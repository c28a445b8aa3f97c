import HotpathModel

/// An operation above the hot-path share. Assumes halving its self time (s = 2 on its self
/// share) — a deliberately modest target, shown with the numbers it comes from. A wrapper whose
/// own time is under 5% of the run gets no advice of its own: its callees hold the time and
/// get theirs when they are hot.
struct HotPathRule: OptimizationRule {
    static let assumedLocalSpeedup = 2.0
    static let minimumOwnShare = 0.05

    func recommendations(for report: PerformanceReport) -> [Finding] {
        // Looked up by name once: a run can have a hundred thousand operations, all of them hot.
        let operations = Dictionary(report.operations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let regressed = Set(report.comparison?.regressions.map(\.name) ?? [])
        return report.bottlenecks.compactMap { bottleneck -> Finding? in
            guard let operation = operations[bottleneck.name], !regressed.contains(bottleneck.name) else { return nil }
            let own = bottleneck.selfShare ?? bottleneck.share
            guard own >= Self.minimumOwnShare else { return nil }
            let estimate = Amdahl.speedup(share: own, localSpeedup: Self.assumedLocalSpeedup)
            var observation = "\(operation.name) takes \(UnitFormat.percent(operation.share)) of the run"
            if let selfShare = bottleneck.selfShare {
                observation += ", \(UnitFormat.percent(selfShare)) in its own code"
            }
            if let summary = operation.summary, report.kind == .timed {
                // Summary statistics may lack either percentile: name only those known.
                let known = [("p50", summary.percentiles.p50), ("p99", summary.percentiles.p99)]
                    .compactMap { name, value in value.map { "\(name) \(UnitFormat.duration($0))" } }
                observation +=
                    " over \(UnitFormat.grouped(Double(summary.count))) call\(summary.count == 1 ? "" : "s")"
                    + (known.isEmpty ? "" : " (\(known.joined(separator: ", ")))")
            }
            let heaviestCallee = operation.callees.first
            var advice = "Profile \(operation.name)'s own time first: cache repeated work, cut allocations and copies"
            // With spans, samples are calls within the run; without (a benchmark suite's
            // repetitions), running them in parallel is not advice about the program.
            if report.callTree != nil, let summary = operation.summary, summary.count > 1 {
                advice +=
                    ", or run its \(UnitFormat.grouped(Double(summary.count))) calls in parallel if they are independent"
            }
            if let heaviestCallee, bottleneck.selfShare ?? 1 < bottleneck.share / 2 {
                advice +=
                    "; most of its time is in \(heaviestCallee.name) (\(UnitFormat.percent(report.totalNs > 0 ? heaviestCallee.total / report.totalNs : 0)) of the run)"
            }
            let recommendation = OptimizationRecommendation(
                id: "cpu:\(operation.name)", area: .cpu, priority: PriorityBands.forSpeedup(estimate),
                subject: operation.name, title: "Hot path: \(operation.name)", observation: observation + ".",
                recommendation: advice + ".",
                expectedImprovement:
                    "Halving \(operation.name)'s own time would make the run about \(UnitFormat.speedup(estimate)) faster (estimate).",
                affectedShare: own, assumedLocalSpeedup: Self.assumedLocalSpeedup, estimatedSpeedup: estimate,
                affectedOperations: [operation.name])
            return Finding(recommendation, affectedTime: [("op:" + operation.name, own)])
        }
    }
}
