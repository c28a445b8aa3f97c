import HotpathModel

/// Turns an analysis into prioritized recommendations, each with its measured evidence and an
/// Amdahl estimate of what it would buy, plus the combined estimate of applying them all.
///
/// A benchmark suite gets `suiteRules` instead of `rules`: its benchmarks are independent, so
/// there is no hot path to speed up and no share of a run for Amdahl's law; `speedup` stays nil.
public struct Optimizer: Sendable {
    public var rules: [any OptimizationRule]
    /// The advice for benchmark suites and command comparisons (`RunKind.isSuite`).
    public var suiteRules: [any OptimizationRule]

    public init(
        rules: [any OptimizationRule] = Optimizer.defaultRules,
        suiteRules: [any OptimizationRule] = Optimizer.defaultSuiteRules
    ) {
        self.rules = rules
        self.suiteRules = suiteRules
    }

    public static let defaultSuiteRules: [any OptimizationRule] = [SuiteMeasurementRule()]

    public static let defaultRules: [any OptimizationRule] = [
        RegressionRule(), HotPathRule(), TemplateCacheRule(), ParallelExecutionRule(), MemoryRule(), IORule(),
        BuildRule(),
    ]

    /// The report with `recommendations` (critical first, then by estimated speedup, then id)
    /// and `speedup` filled in.
    public func optimize(_ report: PerformanceReport) -> PerformanceReport {
        var report = report
        let isSuite = report.runKind.isSuite
        var findings = (isSuite ? suiteRules : rules).flatMap { $0.recommendations(for: report) }
        findings.sort { a, b in
            if a.recommendation.priority != b.recommendation.priority {
                return a.recommendation.priority < b.recommendation.priority
            }
            if a.recommendation.estimatedSpeedup != b.recommendation.estimatedSpeedup {
                return a.recommendation.estimatedSpeedup > b.recommendation.estimatedSpeedup
            }
            return a.recommendation.id < b.recommendation.id
        }
        report.recommendations = findings.map(\.recommendation)
        guard !isSuite else { return report }
        let parts = findings.flatMap { finding in
            finding.affectedTime.map { ($0.key, $0.share, finding.recommendation.assumedLocalSpeedup) }
        }
        let measured = report.comparison.flatMap { $0.comparable ? $0.totalSpeedup : nil }
        if !findings.isEmpty || measured != nil {
            report.speedup = SpeedupSummary(estimated: Amdahl.combined(parts), measured: measured)
        }
        return report
    }
}

/// A recommendation plus the pieces of run time it claims, keyed so that the combined
/// estimate counts shared time once.
public struct Finding: Sendable {
    public var recommendation: OptimizationRecommendation
    public var affectedTime: [(key: String, share: Double)]

    public init(_ recommendation: OptimizationRecommendation, affectedTime: [(key: String, share: Double)]) {
        self.recommendation = recommendation
        self.affectedTime = affectedTime
    }
}

/// One kind of advice. Implementers return nothing when their condition does not hold, and
/// every number in the texts they write is one measured in the report.
public protocol OptimizationRule: Sendable {
    func recommendations(for report: PerformanceReport) -> [Finding]
}
