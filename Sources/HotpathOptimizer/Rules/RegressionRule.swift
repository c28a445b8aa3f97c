import HotpathModel

/// A significant regression against the baseline. Critical when the operation is a hot path;
/// otherwise by how much it slowed the run. The estimate is what restoring the baseline's
/// mean would buy: the operation's share of the run, made `current / baseline` times faster.
///
/// A caller that regressed only because a callee did (its own time is under a quarter of its
/// total and a direct callee regressed too) gets no recommendation of its own: the callee's
/// names it, so the advice points at the code that changed.
struct RegressionRule: OptimizationRule {
    func recommendations(for report: PerformanceReport) -> [Finding] {
        guard let comparison = report.comparison, comparison.comparable else { return [] }
        let baselineName = comparison.baseline.git?.commit.map { String($0.prefix(12)) } ?? comparison.baseline.runID
        let regressed = Set(comparison.regressions.map(\.name))
        // Looked up by name once: every operation of a large run can regress at once.
        let operations = Dictionary(report.operations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return comparison.regressions.compactMap { regression -> Finding? in
            guard let operation = operations[regression.name], let before = regression.baselineMean,
                let now = regression.currentMean, before > 0, now > 0
            else { return nil }
            if let selfTotal = operation.selfTotal, selfTotal < operation.total / 4,
                operation.callees.contains(where: { regressed.contains($0.name) })
            {
                return nil
            }
            let slowedCallers = operation.callers.map(\.name).filter { regressed.contains($0) }
            let onHotPath = operation.share >= report.hotPathThreshold
            let factor = operation.metric.polarity == .smallerIsBetter ? now / before : before / now
            // Time the regression added to this run, as a share of it.
            let slowdown =
                operation.metric == .timing && report.totalNs > 0
                ? operation.total * (1 - 1 / factor) / report.totalNs : 0
            let share = operation.metric == .timing ? operation.share : 0
            let estimate = Amdahl.speedup(share: share, localSpeedup: factor)
            let unit = operation.unit
            var evidence = [
                "\(operation.name): mean \(UnitFormat.change(regression.meanChange ?? 0)) (\(format(before, unit)) → \(format(now, unit)))"
            ]
            if let interval = regression.interval {
                evidence.append("shift \(UnitFormat.change(interval)) (95% interval)")
            }
            if let p95 = regression.p95Change { evidence.append("p95 \(UnitFormat.change(p95))") }
            if let test = regression.test {
                evidence.append(
                    "\(test.testName) \(UnitFormat.pValue(test.pValue, adjusted: regression.adjustedPValue))")
            }
            evidence.append("\(UnitFormat.percent(operation.share)) of the run\(onHotPath ? " (a hot path)" : "")")
            if !slowedCallers.isEmpty {
                evidence.append("it also slows \(slowedCallers.joined(separator: ", "))")
            }
            let recommendation = OptimizationRecommendation(
                id: "regression:\(operation.name)", area: area(for: operation),
                priority: PriorityBands.forRegression(slowdown: slowdown, onHotPath: onHotPath),
                subject: operation.name, title: "Regression in \(operation.name) since \(baselineName)",
                observation: evidence.joined(separator: ", ") + ".",
                recommendation:
                    "Find the change since \(baselineName) that slowed \(operation.name) (bisect between the two commits) and revert or fix it.",
                expectedImprovement:
                    "Restoring the baseline brings \(operation.name) back to \(format(before, unit)) per call"
                    + (slowdown > 0 ? " and saves \(UnitFormat.percent(slowdown)) of the run." : "."),
                affectedShare: share, assumedLocalSpeedup: factor, estimatedSpeedup: estimate,
                affectedOperations: [operation.name])
            let pieces = share > 0 ? Self.ownTimeBeneath(operation.name, in: report) : nil
            return Finding(recommendation, affectedTime: pieces ?? [("op:" + operation.name, share)])
        }
    }

    /// The time an operation's total covers, as the own (self) time of it and of everything it
    /// calls, per operation: the same pieces a hot-path finding on a callee claims, so the
    /// combined estimate counts them once. Nil without a call tree that has the operation.
    static func ownTimeBeneath(_ name: String, in report: PerformanceReport) -> [(key: String, share: Double)]? {
        guard let tree = report.callTree, report.totalNs > 0 else { return nil }
        var own: [String: Double] = [:]
        var found = false
        // Depth first; `inside` is true below an occurrence of the operation (outermost only,
        // so recursion does not count the same time twice).
        var stack: [(node: CallTreeNode, inside: Bool)] = [(tree, false)]
        while let (node, inside) = stack.popLast() {
            let below = inside || node.name == name
            if below {
                found = true
                own[node.name, default: 0] += node.selfValue
            }
            for child in node.children { stack.append((child, below)) }
        }
        guard found else { return nil }
        return own.sorted { $0.key < $1.key }.compactMap { entry in
            entry.value > 0 ? ("op:" + entry.key, min(1, entry.value / report.totalNs)) : nil
        }
    }

    private func area(for operation: OperationStatistics) -> OptimizationArea {
        switch operation.metric {
        case .memory: .memory
        case .io: .io
        case .cache: .templateCache
        default: .cpu
        }
    }

    private func format(_ value: Double, _ unit: MetricUnit) -> String {
        UnitFormat.measure(value, unit)
    }
}
