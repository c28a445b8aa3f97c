import HotpathModel

/// Priority bands, from impact only (never from the area):
///
/// | priority | estimated overall speedup | or: run slowed by a regression | memory |
/// |---|---|---|---|
/// | critical | ≥ 1.25× | ≥ 10%, or any significant regression on a hot path | — |
/// | high | ≥ 1.10× | ≥ 5% | leak suspect; overhead ≥ 2× budget |
/// | medium | ≥ 1.03× | ≥ 1% | overhead over budget |
/// | low | below | below | — |
public enum PriorityBands {
    public static func forSpeedup(_ speedup: Double) -> OptimizationPriority {
        switch speedup {
        case 1.25...: .critical
        case 1.10..<1.25: .high
        case 1.03..<1.10: .medium
        default: .low
        }
    }

    /// `slowdown` is the regression's added time as a share of the current run.
    public static func forRegression(slowdown: Double, onHotPath: Bool) -> OptimizationPriority {
        if onHotPath { return .critical }
        switch slowdown {
        case 0.10...: return .critical
        case 0.05..<0.10: return .high
        case 0.01..<0.05: return .medium
        default: return .low
        }
    }

    /// Memory has no speedup of its own: impact is how far past the budget the run goes.
    public static func forMemory(overheadOverBudget ratio: Double, leakSuspect: Bool) -> OptimizationPriority {
        if leakSuspect || ratio >= 2 { return .high }
        return ratio > 1 ? .medium : .low
    }
}
