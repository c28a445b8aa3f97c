import HotpathModel
import HotpathTemplates

/// Builds the template values for one run's report; shared by the run, operation and index
/// pages and by the Markdown so every surface shows the same numbers.
struct ReportContext {
    let record: RunRecord
    let links: SiteLinks
    /// Each operation's unit by name, so a comparison row does not search the operations: a
    /// run can have a hundred thousand of them.
    private let units: [String: MetricUnit]
    var report: PerformanceReport { record.report }
    /// What a sampled run's weights count when not samples (`Ir`, `cycles`): every value in the
    /// `samples` unit is written with it.
    var weightName: String? { record.report.stackWeightName }

    init(record: RunRecord, links: SiteLinks) {
        self.record = record
        self.links = links
        units = Dictionary(record.report.operations.map { ($0.name, $0.unit) }, uniquingKeysWith: { first, _ in first })
    }

    func summary(from page: String) -> RunData {
        let run = report.run
        return RunData(
            id: run.runID, workflow: run.workflow, startTime: run.startTime, commit: run.git?.commit,
            commitShort: run.git?.commit.map { String($0.prefix(12)) }, branch: run.git?.branch, host: run.host,
            environment: run.environment?.summary,
            labels: run.labels.sorted { $0.key < $1.key }.map { RunData.Label(key: $0.key, value: $0.value) },
            kind: report.kind.rawValue, sampled: report.kind == .sampled, runKind: report.runKind.rawValue,
            runKindText: report.runKind.label, suite: report.runKind.isSuite, source: report.source,
            totalText: Measure.format(report.totalNs, totalUnit, named: weightName), totalBasis: report.totalBasis,
            totalBasisText: Self.basisText(report.totalBasis), operationCount: report.operations.count,
            href: links.relative(from: page, to: links.runPage(run.runID)),
            flameHref: report.callTree == nil || report.runKind.isSuite
                ? nil : links.relative(from: page, to: links.flameGraphPage(run.runID)))
    }

    /// What the run's total is, in words: `totalBasis` is an identifier of the analysis JSON.
    static func basisText(_ basis: String) -> String {
        switch basis {
        case "root_spans": "sum of root spans"
        case "operations_sum": "sum of the operations' samples"
        case "stack_weight": "total stack weight"
        default: basis.replacingOccurrences(of: "_", with: " ")
        }
    }

    var totalUnit: MetricUnit {
        report.kind == .sampled ? (report.operations.first?.unit ?? .count) : .nanoseconds
    }

    func operationRow(_ operation: OperationStatistics, from page: String) -> OperationRow {
        let summary = operation.summary
        let unit = operation.unit
        let noise = operation.noise
        let other = operation.otherMeasure
        func percentile(_ percentile: Percentile) -> String? {
            summary.map { Measure.formatOrDash($0.percentiles[percentile], unit, named: weightName) }
        }
        return OperationRow(
            name: operation.name,
            href: links.operationPage(report.run.runID, operation.name).map { links.relative(from: page, to: $0) },
            metric: operation.metric.rawValue, group: operation.group, count: operation.count,
            countText: UnitFormat.grouped(Double(operation.count)), total: operation.total,
            totalText: Measure.format(operation.total, unit, named: weightName), share: operation.share,
            selfShare: operation.selfShare,
            selfText: operation.selfTotal.map { Measure.format($0, unit, named: weightName) },
            hot: operation.metric == .timing && operation.share >= report.hotPathThreshold,
            summaryOnly: operation.summaryOnly, hasSummary: summary != nil,
            meanText: summary.map { Measure.format($0.mean, unit, named: weightName) },
            stddevText: summary.map { Measure.format($0.stddev, unit, named: weightName) },
            minText: summary.map { Measure.formatOrDash($0.min, unit, named: weightName) },
            maxText: summary.map { Measure.formatOrDash($0.max, unit, named: weightName) }, cv: summary?.cv,
            p0Text: percentile(.p0), p25Text: percentile(.p25), p50Text: percentile(.p50), p75Text: percentile(.p75),
            p90Text: percentile(.p90), p95Text: percentile(.p95), p99Text: percentile(.p99),
            p100Text: percentile(.p100),
            noiseCvText: noise.map { UnitFormat.percent($0.cv) },
            noiseDetectableText: noise?.minimumDetectableChange.map { UnitFormat.percent($0) },
            noiseThresholdText: noise.map { "±" + UnitFormat.percent($0.threshold, digits: 0) },
            noiseSamplesNeededText: noise?.samplesNeeded.map { UnitFormat.grouped(Double($0)) },
            bimodal: noise?.bimodal == true, measureText: operation.measure?.label,
            otherMeasureText: other?.measure.label,
            otherMeanText: other.map { Measure.format($0.summary.mean, unit, named: weightName) },
            otherStddevText: other.map { Measure.format($0.summary.stddev, unit, named: weightName) },
            otherP50Text: other.map { Measure.formatOrDash($0.summary.percentiles.p50, unit, named: weightName) },
            otherP95Text: other.map { Measure.formatOrDash($0.summary.percentiles.p95, unit, named: weightName) },
            otherP99Text: other.map { Measure.formatOrDash($0.summary.percentiles.p99, unit, named: weightName) },
            // py-spy's `compress (bz2.py:326)` says it already.
            location: operation.location.map(\.text).flatMap { operation.name.contains($0) ? nil : $0 },
            values: OperationRow.Values(
                total: OperationRow.Values.short(operation.total), share: OperationRow.Values.short(operation.share),
                selfShare: OperationRow.Values.short(operation.selfShare),
                mean: OperationRow.Values.short(summary?.mean), min: OperationRow.Values.short(summary?.min),
                p50: OperationRow.Values.short(summary?.percentiles.p50),
                p95: OperationRow.Values.short(summary?.percentiles.p95),
                p99: OperationRow.Values.short(summary?.percentiles.p99), max: OperationRow.Values.short(summary?.max),
                selfTotal: OperationRow.Values.short(operation.selfTotal)))
    }

    /// The run page lists this many of the largest operations; a separate page lists them all.
    static let runPageOperationLimit = 100

    func operations(from page: String, limit: Int = .max) -> [OperationRow] {
        report.operations.prefix(limit).map { operationRow($0, from: page) }
    }

    func bottlenecks(from page: String) -> [BottleneckRow] {
        report.bottlenecks.map { bottleneck in
            let operation = report.operation(named: bottleneck.name)  // a handful of bottlenecks
            return BottleneckRow(
                name: bottleneck.name,
                selfText: operation?.selfTotal.map {
                    Measure.format($0, operation?.unit ?? .nanoseconds, named: weightName)
                },
                href: links.operationPage(report.run.runID, bottleneck.name).map { links.relative(from: page, to: $0) },
                share: bottleneck.share, selfShare: bottleneck.selfShare, score: bottleneck.score)
        }
    }

    func recommendation(_ item: OptimizationRecommendation) -> RecommendationRow {
        RecommendationRow(
            id: item.id, priority: item.priority.rawValue, area: item.area.rawValue, subject: item.subject,
            title: item.title, observation: item.observation, recommendation: item.recommendation,
            expected: item.expectedImprovement, affectedShare: item.affectedShare,
            localSpeedupText: UnitFormat.speedup(item.assumedLocalSpeedup), estimatedSpeedup: item.estimatedSpeedup,
            estimatedSpeedupText: UnitFormat.speedup(item.estimatedSpeedup), amdahl: item.area != .measurement)
    }

    /// Recommendations grouped by priority, critical first; empty groups left out.
    var recommendationGroups: [RecommendationGroup] {
        OptimizationPriority.allCases.sorted().compactMap { priority in
            let items = report.recommendations.filter { $0.priority == priority }
            guard !items.isEmpty else { return nil }
            return RecommendationGroup(priority: priority.rawValue, items: items.map(recommendation))
        }
    }

    var budgets: [BudgetRow] {
        report.budgets.map { check in
            BudgetRow(
                subject: check.subject, measure: check.measure, limitText: UnitFormat.measure(check.limit, check.unit),
                actualText: check.actual.map { UnitFormat.measure($0, check.unit) }, exceeded: check.exceeded)
        }
    }

    var exceededBudgets: [BudgetRow] {
        budgets.filter(\.exceeded)
    }

    var critical: [RecommendationRow] {
        report.recommendations.filter { $0.priority == .critical }.map(recommendation)
    }

    var speedup: SpeedupData {
        SpeedupData(
            estimatedText: report.speedup.map { UnitFormat.speedup($0.estimated) },
            measuredText: report.speedup?.measured.map { UnitFormat.speedup($0) }, measured: report.speedup?.measured)
    }

    func comparisonRow(_ item: OperationComparison, from page: String) -> ComparisonRow {
        let unit = units[item.name] ?? .nanoseconds
        let threshold = report.comparison?.threshold ?? 0.05
        var row = ComparisonRow(
            name: item.name,
            href: links.operationPage(report.run.runID, item.name).map { links.relative(from: page, to: $0) },
            verdict: item.verdict.rawValue,
            beforeText: item.baselineMean.map { Measure.format($0, unit, named: weightName) },
            afterText: item.currentMean.map { Measure.format($0, unit, named: weightName) }, before: item.baselineMean,
            after: item.currentMean, change: item.meanChange,
            p50Change: item.p50Change, p95Change: item.p95Change, p99Change: item.p99Change,
            verdictText: Self.verdictText(item, threshold: threshold),
            verdictNote: Self.verdictNote(item, threshold: threshold),
            intervalText: item.interval.map { UnitFormat.change($0) }, intervalEstimate: item.interval?.estimate,
            intervalMethod: item.interval.map {
                $0.method == "welch" ? "Welch interval of the means" : "Hodges–Lehmann shift of the medians"
            },
            confidence: item.interval?.confidence, pValue: item.test?.pValue,
            pText: item.test.map { UnitFormat.pValue($0.pValue) }, adjustedPValue: item.adjustedPValue,
            adjustedPText: item.adjustedPValue.map(UnitFormat.adjustedPValue),
            samplesNeeded: item.samplesNeeded.map(Double.init), effect: item.test?.effectSize,
            effectText: item.test.map { UnitFormat.fixed($0.effectSize, digits: 2) }, method: item.test?.method,
            testName: item.test.map(\.testName), measureText: item.measure?.label,
            speedText: unit == .nanoseconds
                ? item.baselineMean.flatMap { before in
                    item.currentMean.flatMap { Self.speedText(before: before, after: $0) }
                } : nil)
        row.attribution = item.attribution.map { attributionData($0, of: item, from: page) }
        return row
    }

    func comparison(from page: String) -> ComparisonData? {
        guard let comparison = report.comparison else { return nil }
        let significant = comparison.operations.filter { $0.verdict == .regression || $0.verdict == .improvement }
        let counts = Dictionary(grouping: comparison.operations, by: \.verdict).mapValues(\.count)
        let baselineRun = comparison.baseline
        var data = ComparisonData(
            baselineId: baselineRun.runID, baselineCommit: baselineRun.git?.commit.map { String($0.prefix(12)) },
            baselineLabel: Self.label(of: baselineRun),
            baselineHref: links.hasRun(baselineRun.runID)
                ? links.relative(from: page, to: links.runPage(baselineRun.runID)) : nil,
            comparable: comparison.comparable, threshold: comparison.threshold,
            falseDiscoveryRate: comparison.falseDiscoveryRate,
            tested: comparison.operations.filter { $0.test != nil }.count, countsText: Self.countsText(comparison),
            totalSpeedupText: comparison.totalSpeedup.map(UnitFormat.speedup),
            geometricMeanText: comparison.geometricMeanSpeedup.map(UnitFormat.speedup),
            operations: comparison.operations.map { comparisonRow($0, from: page) },
            significant: significant.map { comparisonRow($0, from: page) },
            regressions: comparison.regressions.map { comparisonRow($0, from: page) },
            improvements: comparison.improvements.map { comparisonRow($0, from: page) },
            counts: ComparisonData.Counts(
                regression: counts[.regression] ?? 0, improvement: counts[.improvement] ?? 0,
                unchanged: counts[.unchanged] ?? 0, inconclusive: counts[.inconclusive] ?? 0, new: counts[.new] ?? 0,
                removed: counts[.removed] ?? 0, incomparable: counts[.incomparable] ?? 0))
        data.attributed = data.significant.contains { $0.attribution != nil }
        return data
    }

    /// What a verdict means, in words: "unchanged (within ±5%)", "inconclusive (needs ≥ 212
    /// samples to see ±5%)".
    static func verdictText(_ item: OperationComparison, threshold: Double) -> String {
        verdictNote(item, threshold: threshold).map { "\(item.verdict.rawValue) (\($0))" } ?? item.verdict.rawValue
    }

    /// The words in a verdict's parentheses: what earned "unchanged", what "inconclusive" lacks.
    static func verdictNote(_ item: OperationComparison, threshold: Double) -> String? {
        let band = "±" + UnitFormat.percent(threshold, digits: 0)
        switch item.verdict {
        case .unchanged:
            return "within \(band)"
        case .inconclusive:
            if let needed = item.samplesNeeded {
                return "needs ≥ \(UnitFormat.grouped(Double(needed))) samples to see \(band)"
            }
            if item.test == nil && item.currentMean == nil { return "no per-call samples to test" }
            if item.interval == nil { return "too few samples for a 95% interval" }
            return nil
        case .incomparable where item.measure != nil:
            return "one side has no \(item.measure?.label ?? "")"
        default:
            return nil
        }
    }

    /// "2 regressed · 1 improved · 420 unchanged · 77 inconclusive", leaving out zero counts
    /// but for the first two.
    static func countsText(_ comparison: Comparison) -> String {
        let counts = Dictionary(grouping: comparison.operations, by: \.verdict).mapValues(\.count)
        let words: [(Verdict, String)] = [
            (.regression, "regressed"), (.improvement, "improved"), (.unchanged, "unchanged"),
            (.inconclusive, "inconclusive"),
            (.new, "new"), (.removed, "removed"), (.incomparable, "not comparable"),
        ]
        return words.enumerated().compactMap { index, entry in
            let count = counts[entry.0] ?? 0
            return count > 0 || index < 2 ? "\(UnitFormat.grouped(Double(count))) \(entry.1)" : nil
        }.joined(separator: " · ")
    }

    /// "nightly-2026-11-25 (abc123def456)".
    static func label(of run: RunMetadata) -> String {
        run.runID + (run.git?.commit.map { " (\($0.prefix(12)))" } ?? "")
    }

    /// One sentence that answers "is this run fine?", e.g. "2 regressions, 1 improvement vs …".
    var headline: (text: String, tone: String) {
        guard let comparison = report.comparison else {
            let critical = report.recommendations.filter { $0.priority == .critical }.count
            return critical > 0
                ? (
                    "No baseline to compare with; \(critical) critical recommendation\(critical == 1 ? "" : "s")",
                    "warn"
                )
                : ("No baseline to compare with", "neutral")
        }
        guard comparison.comparable else {
            return (
                "Not compared: the baseline \(Self.label(of: comparison.baseline)) ran in a different environment",
                "warn"
            )
        }
        let regressions = comparison.regressions.count
        let improvements = comparison.improvements.count
        var parts: [String] = []
        parts.append("\(regressions) regression\(regressions == 1 ? "" : "s")")
        parts.append("\(improvements) improvement\(improvements == 1 ? "" : "s")")
        return (
            parts.joined(separator: ", ") + " vs \(Self.label(of: comparison.baseline))",
            regressions > 0 ? "bad" : (improvements > 0 ? "good" : "neutral")
        )
    }
}
