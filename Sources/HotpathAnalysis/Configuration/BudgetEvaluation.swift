import HotpathModel

/// Checks budgets against a report: percentiles and means of an operation's samples, the largest
/// sample of a memory metric, and for `run` its total time and peak resident memory.
enum BudgetEvaluation {
    static func check(_ budgets: [String: Budget], against report: PerformanceReport) -> [BudgetCheck] {
        var checks: [BudgetCheck] = []
        for name in budgets.keys.sorted() {
            let budget = budgets[name]!
            if name == "run" {
                if let limit = budget.total {
                    checks.append(
                        BudgetCheck(
                            subject: name, measure: "total", unit: .nanoseconds, limit: limit, actual: report.totalNs))
                }
                if let limit = budget.memory {
                    checks.append(
                        BudgetCheck(
                            subject: name, measure: "memory", unit: .bytes, limit: limit,
                            actual: report.memory?.peakBytes))
                }
            }
            let operation = report.operation(named: name)
            let summary = operation?.summary
            let timing: [(String, Double?, Double?)] = [
                ("mean", budget.mean, summary?.mean), ("p50", budget.p50, summary?.percentiles.p50),
                ("p95", budget.p95, summary?.percentiles.p95), ("p99", budget.p99, summary?.percentiles.p99),
            ]
            for (measure, limit, actual) in timing {
                guard let limit else { continue }
                checks.append(
                    BudgetCheck(
                        subject: name, measure: measure, unit: operation?.unit ?? .nanoseconds, limit: limit,
                        actual: actual))
            }
            if name != "run", let limit = budget.memory {
                let actual = operation?.metric == .memory ? summary?.max : nil
                checks.append(BudgetCheck(subject: name, measure: "memory", unit: .bytes, limit: limit, actual: actual))
            }
        }
        return checks
    }
}
