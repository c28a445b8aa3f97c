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

    init(record: RunRecord, links: SiteLinks) {
        self.record = record
        self.links = links
        units = Dictionary(record.report.operations.map { ($0.name, $0.unit) }, uniquingKeysWith: { first, _ in first })
    }

    func summary(from page: String) -> Context {
        let run = report.run
        return [
            "id": .string(run.runID),
            "workflow": .string(run.workflow),
            "start_time": .text(run.startTime),
            "commit": .text(run.git?.commit),
            "commit_short": .text(run.git?.commit.map { String($0.prefix(12)) }),
            "branch": .text(run.git?.branch),
            "host": .text(run.host),
            "environment": .text(run.environment?.summary),
            "labels": .array(
                run.labels.sorted { $0.key < $1.key }.map {
                    .dictionary(["key": .string($0.key), "value": .string($0.value)])
                }),
            "kind": .string(report.kind.rawValue),
            "sampled": .bool(report.kind == .sampled),
            "source": .text(report.source),
            "total_text": .string(Measure.format(report.totalNs, totalUnit)),
            "total_basis": .string(report.totalBasis),
            "total_basis_text": .string(Self.basisText(report.totalBasis)),
            "operation_count": .int(report.operations.count),
            "href": .string(links.relative(from: page, to: links.runPage(run.runID))),
            "flame_href": .string(links.relative(from: page, to: links.flameGraphPage(run.runID))),
        ]
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

    func operationRow(_ operation: OperationStatistics, from page: String) -> Context {
        let summary = operation.summary
        let unit = operation.unit
        var row: Context = [
            "name": .string(operation.name),
            "href": .text(
                links.operationPage(report.run.runID, operation.name).map { links.relative(from: page, to: $0) }),
            "metric": .string(operation.metric.rawValue),
            "group": .text(operation.group),
            "count": .int(operation.count),
            "count_text": .string(UnitFormat.grouped(Double(operation.count))),
            "total": .number(operation.total),
            "total_text": .string(Measure.format(operation.total, unit)),
            "share": .number(operation.share),
            "self_share": .number(operation.selfShare),
            "self_text": Measure.text(operation.selfTotal, unit),
            "hot": .bool(operation.metric == .timing && operation.share >= report.hotPathThreshold),
            "summary_only": .bool(operation.summaryOnly),
            "has_summary": .bool(summary != nil),
        ]
        if let summary {
            row["mean_text"] = .string(Measure.format(summary.mean, unit))
            row["stddev_text"] = .string(Measure.format(summary.stddev, unit))
            row["min_text"] = .string(Measure.formatOrDash(summary.min, unit))
            row["max_text"] = .string(Measure.formatOrDash(summary.max, unit))
            row["cv"] = .number(summary.cv)
            for percentile in Percentile.allCases {
                row["\(percentile.rawValue)_text"] = .string(
                    Measure.formatOrDash(summary.percentiles[percentile], unit))
            }
        }
        let noise = operation.noise
        row["noise_cv_text"] = .text(noise.map { UnitFormat.percent($0.cv) })
        row["noise_detectable_text"] = .text(noise?.minimumDetectableChange.map { UnitFormat.percent($0) })
        row["noise_threshold_text"] = .text(noise.map { "±" + UnitFormat.percent($0.threshold, digits: 0) })
        row["noise_samples_needed_text"] = .text(noise?.samplesNeeded.map { UnitFormat.grouped(Double($0)) })
        row["bimodal"] = .bool(noise?.bimodal == true)
        return row
    }

    /// The run page lists this many of the largest operations; a separate page lists them all.
    static let runPageOperationLimit = 100

    func operations(from page: String, limit: Int = .max) -> TemplateValue {
        .list(report.operations.prefix(limit).map { operationRow($0, from: page) })
    }

    func bottlenecks(from page: String) -> TemplateValue {
        .list(
            report.bottlenecks.map { bottleneck in
                let operation = report.operation(named: bottleneck.name)  // a handful of bottlenecks
                return [
                    "name": .string(bottleneck.name),
                    "self_text": Measure.text(operation?.selfTotal, operation?.unit ?? .nanoseconds),
                    "href": .text(
                        links.operationPage(report.run.runID, bottleneck.name).map {
                            links.relative(from: page, to: $0)
                        }),
                    "share": .number(bottleneck.share),
                    "self_share": .number(bottleneck.selfShare),
                    "score": .number(bottleneck.score),
                ]
            })
    }

    func recommendation(_ item: OptimizationRecommendation) -> Context {
        [
            "id": .string(item.id),
            "priority": .string(item.priority.rawValue),
            "area": .string(item.area.rawValue),
            "subject": .string(item.subject),
            "title": .string(item.title),
            "observation": .string(item.observation),
            "recommendation": .string(item.recommendation),
            "expected": .string(item.expectedImprovement),
            "affected_share": .number(item.affectedShare),
            "local_speedup_text": .string(UnitFormat.speedup(item.assumedLocalSpeedup)),
            "estimated_speedup": .number(item.estimatedSpeedup),
            "estimated_speedup_text": .string(UnitFormat.speedup(item.estimatedSpeedup)),
        ]
    }

    /// Recommendations grouped by priority, critical first; empty groups left out.
    var recommendationGroups: TemplateValue {
        .list(
            OptimizationPriority.allCases.sorted().compactMap { priority -> Context? in
                let items = report.recommendations.filter { $0.priority == priority }
                guard !items.isEmpty else { return nil }
                return ["priority": .string(priority.rawValue), "items": .list(items.map(recommendation))]
            })
    }

    var budgets: TemplateValue {
        .list(
            report.budgets.map { check in
                [
                    "subject": .string(check.subject),
                    "measure": .string(check.measure),
                    "limit_text": .string(UnitFormat.measure(check.limit, check.unit)),
                    "actual_text": .text(check.actual.map { UnitFormat.measure($0, check.unit) }),
                    "exceeded": .bool(check.exceeded),
                ]
            })
    }

    var exceededBudgets: TemplateValue {
        guard case .array(let all) = budgets else { return .array([]) }
        return .array(all.filter { $0["exceeded"] == .bool(true) })
    }

    var critical: TemplateValue {
        .list(report.recommendations.filter { $0.priority == .critical }.map(recommendation))
    }

    var speedup: Context {
        [
            "estimated_text": .text(report.speedup.map { UnitFormat.speedup($0.estimated) }),
            "measured_text": .text(report.speedup?.measured.map { UnitFormat.speedup($0) }),
            "measured": .number(report.speedup?.measured),
        ]
    }

    func comparisonRow(_ item: OperationComparison, from page: String) -> Context {
        let unit = units[item.name] ?? .nanoseconds
        return [
            "name": .string(item.name),
            "href": .text(links.operationPage(report.run.runID, item.name).map { links.relative(from: page, to: $0) }),
            "verdict": .string(item.verdict.rawValue),
            "before_text": Measure.text(item.baselineMean, unit),
            "after_text": Measure.text(item.currentMean, unit),
            "change": .number(item.meanChange),
            "p50_change": .number(item.p50Change),
            "p95_change": .number(item.p95Change),
            "p99_change": .number(item.p99Change),
            "verdict_text": .string(Self.verdictText(item, threshold: report.comparison?.threshold ?? 0.05)),
            "verdict_note": .text(Self.verdictNote(item, threshold: report.comparison?.threshold ?? 0.05)),
            "interval_text": .text(item.interval.map { UnitFormat.change($0) }),
            "interval_estimate": .number(item.interval?.estimate),
            "interval_method": .text(
                item.interval.map {
                    $0.method == "welch" ? "Welch interval of the means" : "Hodges–Lehmann shift of the medians"
                }),
            "confidence": .number(item.interval?.confidence),
            "p_value": .number(item.test?.pValue),
            "p_text": .text(item.test.map { UnitFormat.pValue($0.pValue) }),
            "adjusted_p_value": .number(item.adjustedPValue),
            "adjusted_p_text": .text(item.adjustedPValue.map(UnitFormat.adjustedPValue)),
            "samples_needed": .number(item.samplesNeeded.map(Double.init)),
            "effect": .number(item.test?.effectSize),
            "effect_text": .text(item.test.map { UnitFormat.fixed($0.effectSize, digits: 2) }),
            "method": .text(item.test?.method),
            "test_name": .text(item.test.map(\.testName)),
        ]
    }

    func comparison(from page: String) -> TemplateValue {
        guard let comparison = report.comparison else { return .null }
        let significant = comparison.operations.filter { $0.verdict == .regression || $0.verdict == .improvement }
        let counts = Dictionary(grouping: comparison.operations, by: \.verdict).mapValues(\.count)
        let baselineRun = comparison.baseline
        return .dictionary([
            "baseline_id": .string(baselineRun.runID),
            "baseline_commit": .text(baselineRun.git?.commit.map { String($0.prefix(12)) }),
            "baseline_label": .string(Self.label(of: baselineRun)),
            "baseline_href": .text(
                links.hasRun(baselineRun.runID) ? links.relative(from: page, to: links.runPage(baselineRun.runID)) : nil
            ),
            "comparable": .bool(comparison.comparable),
            "threshold": .number(comparison.threshold),
            "false_discovery_rate": .number(comparison.falseDiscoveryRate),
            "tested": .int(comparison.operations.filter { $0.test != nil }.count),
            "counts_text": .string(Self.countsText(comparison)),
            "total_speedup_text": .text(comparison.totalSpeedup.map(UnitFormat.speedup)),
            "geometric_mean_text": .text(comparison.geometricMeanSpeedup.map(UnitFormat.speedup)),
            "operations": .list(comparison.operations.map { comparisonRow($0, from: page) }),
            "significant": .list(significant.map { comparisonRow($0, from: page) }),
            "regressions": .list(comparison.regressions.map { comparisonRow($0, from: page) }),
            "improvements": .list(comparison.improvements.map { comparisonRow($0, from: page) }),
            "counts": .dictionary(
                Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) })),
        ])
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
