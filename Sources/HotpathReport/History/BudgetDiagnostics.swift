import HotpathModel
import HotpathRender

/// What the console says of a run's budgets: the ones exceeded, and the ones that could not be
/// checked — a budget naming an operation the run does not have (a typo, a renamed benchmark)
/// would otherwise pass silently forever.
public enum BudgetDiagnostics {
    public static func exceeded(_ checks: [BudgetCheck]) -> [Diagnostic] {
        checks.filter(\.exceeded).map { check in
            Diagnostic(
                .warning,
                message:
                    "budget exceeded: \(check.subject) \(check.measure) is \(UnitFormat.measure(check.actual ?? 0, check.unit)), over its budget of \(UnitFormat.measure(check.limit, check.unit))"
            )
        }
    }

    public static func unchecked(_ checks: [BudgetCheck], in report: PerformanceReport) -> [Diagnostic] {
        checks.filter { $0.actual == nil }.map { check in
            let reason =
                if check.subject != "run" && report.operation(named: check.subject) == nil {
                    "the run has no operation named \"\(check.subject)\""
                } else if check.measure == "memory" {
                    "memory budgets apply to `run` and to memory metrics; \"\(check.subject)\" has no memory samples"
                } else {
                    "\"\(check.subject)\" has no samples for \(check.measure)"
                }
            return Diagnostic(.warning, message: "budget not checked: \(check.subject) \(check.measure): \(reason)")
        }
    }
}
