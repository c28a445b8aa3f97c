import HotpathModel

/// Computes a `PerformanceReport` from a profile: every number a page or a PR comment shows.
///
/// Pure and deterministic: the same profile and options give the same report. Work is
/// O(n log n) in the number of samples, spans and stack frames.
public struct Analyzer: Sendable {
    public var options: AnalysisOptions
    /// Budgets by operation name (`run` for the whole run), checked into `report.budgets`.
    public var budgets: [String: Budget]

    public init(options: AnalysisOptions = AnalysisOptions(), budgets: [String: Budget] = [:]) {
        self.options = options
        self.budgets = budgets
    }

    public init(configuration: Configuration) {
        self.init(options: configuration.analysis, budgets: configuration.budgets)
    }

    /// Analyzes `profile`, comparing it with `baseline` when given. Recommendations are left
    /// empty: the optimizer adds them.
    public func analyze(_ profile: Profile, source: String? = nil, baseline: Profile? = nil) -> PerformanceReport {
        analyzeKeepingSamples(profile, source: source, baseline: baseline).report
    }

    /// The report and the raw samples its statistics came from (`samplesByOperation`), in one
    /// pass: what a history keeps to compare with the run later.
    public func analyzeKeepingSamples(
        _ profile: Profile, source: String? = nil, baseline: Profile? = nil
    ) -> (report: PerformanceReport, samples: [String: [Double]]) {
        let analysis = analyzeForComparison(profile, source: source, baseline: baseline)
        return (analysis.report, analysis.samples)
    }

    /// `analyzeKeepingSamples`, and the run's whole call tree (`CallContextTree`) that a later
    /// comparison attributes changes with; nil without spans or stacks.
    public func analyzeForComparison(
        _ profile: Profile, source: String? = nil, baseline: Profile? = nil
    ) -> (report: PerformanceReport, samples: [String: [Double]], contexts: CallContextTree?) {
        let timeline = OperationTimeline(profile: profile, measure: options.measure, contexts: options.attribution)
        // On all cores: an operation's noise reads all its samples (a bimodality check), which
        // for a trace's million spans was a serial pause before the report.
        let samples = timeline.samples
        let statistics = ParallelMap.map(timeline.statistics) { operation -> OperationStatistics in
            var operation = operation
            operation.noise = noise(of: operation, samples: samples[operation.name] ?? [])
            operation.location = profile.locations[operation.name]
            return operation
        }
        // A suite's benchmarks are independent: no hot path, critical path or call tree.
        let isSuite = profile.run.runKind.isSuite
        var report = PerformanceReport(
            source: source,
            run: profile.run,
            kind: timeline.kind,
            totalNs: timeline.total,
            totalBasis: timeline.totalBasis,
            operations: statistics,
            hotPathThreshold: options.hotPathThreshold,
            bottlenecks: isSuite ? [] : bottlenecks(statistics),
            criticalPath: isSuite ? [] : timeline.criticalPath,
            callTree: isSuite ? nil : timeline.callTree,
            memory: MemoryAnalysis.analyze(profile.memory, options: options),
            io: IOAnalysis.analyze(profile.io, options: options),
            caches: profile.caches.map { CacheBehaviour.analyze($0, options: options) },
            parallel: profile.parallel.map { ParallelBehaviour.analyze($0, options: options) },
            warnings: timeline.warnings)
        report.wallNs = timeline.wall
        if timeline.kind == .sampled { report.stackWeightName = profile.stackWeightName }
        if isSuite { report.suite = SuiteAnalyzer.analyze(statistics, kind: profile.run.runKind) }
        if BuildAnalyzer.isCompileTrace(profile) {
            report.build = BuildAnalyzer.analyze([
                BuildAnalyzer.tally(profile, name: profile.run.runID)
            ])
        }
        if timeline.kind == .timed, !profile.stacks.isEmpty {
            report.sampled = Self.sampledView(profile)
        }
        report.budgets = BudgetEvaluation.check(budgets, against: report)
        if let baseline {
            let baselineTimeline = OperationTimeline(
                profile: baseline, measure: options.measure, contexts: options.attribution)
            report.comparison = BaselineComparison(options: options).compare(
                current: .init(
                    run: profile.run, statistics: statistics, samples: timeline.samples, total: timeline.total),
                baseline: .init(
                    run: baseline.run, statistics: baselineTimeline.statistics, samples: baselineTimeline.samples,
                    total: baselineTimeline.total))
            if var comparison = report.comparison {
                attribute(&comparison, contexts: timeline.contexts, baselineContexts: baselineTimeline.contexts)
                report.comparison = comparison
            }
        }
        return (report, timeline.samples, timeline.contexts)
    }

    /// Compares an analyzed run with an analyzed baseline, from their reports and raw samples
    /// (as a history keeps them), giving the same comparison `analyze(_:baseline:)` would.
    /// With both runs' call trees, each regression and improvement carries its attribution.
    public func compare(
        _ report: PerformanceReport, samples: [String: [Double]], with baseline: PerformanceReport,
        baselineSamples: [String: [Double]], contexts: CallContextTree? = nil,
        baselineContexts: CallContextTree? = nil
    ) -> Comparison {
        var comparison = BaselineComparison(options: options).compare(
            current: .init(run: report.run, statistics: report.operations, samples: samples, total: report.totalNs),
            baseline: .init(
                run: baseline.run, statistics: baseline.operations, samples: baselineSamples, total: baseline.totalNs))
        attribute(&comparison, contexts: contexts, baselineContexts: baselineContexts)
        return comparison
    }

    /// Attributes each regression and improvement of `comparison` with the runs' call trees
    /// (`ChangeAttribution`): only changes the comparison found significant are attributed.
    public func attribute(
        _ comparison: inout Comparison, contexts: CallContextTree?, baselineContexts: CallContextTree?
    ) {
        guard options.attribution, comparison.comparable, let contexts, let baselineContexts else { return }
        let attribution = ChangeAttribution(options: options)
        for index in comparison.operations.indices
        where comparison.operations[index].verdict == .regression
            || comparison.operations[index].verdict == .improvement
        {
            comparison.operations[index].attribution = attribution.attribute(
                operation: comparison.operations[index].name, baseline: baselineContexts, current: contexts)
        }
    }

    /// Operations whose share is at least the hot-path threshold, ranked by bottleneck score:
    /// self share plus a quarter of the time spent in callees, `selfShare + (share − selfShare) / 4`.
    /// Time an operation spends itself is what optimizing it buys; time in its callees counts
    /// only a quarter, as it is the callees' own time too — so a thin wrapper around the real
    /// work ranks below the work. Without nesting, self share is the share. Ties rank by name.
    /// What `operation`'s noise lets a comparison see (see `NoiseEstimate`): judged at the false
    /// discovery rate's level against a baseline of the same size and noise.
    func noise(of operation: OperationStatistics, samples: [Double]) -> NoiseEstimate? {
        // One sample has no spread to measure.
        guard let summary = operation.summary, summary.count >= 2, summary.mean > 0, summary.cv.isFinite else {
            return nil
        }
        let test: NoiseModel.Test = operation.summaryOnly ? .welchT : .mannWhitney
        return NoiseEstimate(
            cv: summary.cv,
            minimumDetectableChange: NoiseModel.minimumDetectableEffect(
                coefficientOfVariation: summary.cv, samplesPerSide: summary.count, test: test,
                alpha: options.falseDiscoveryRate),
            threshold: options.relativeThreshold,
            samplesNeeded: NoiseModel.samplesPerSide(
                toDetect: options.relativeThreshold, coefficientOfVariation: summary.cv, test: test,
                alpha: options.falseDiscoveryRate),
            bimodal: operation.summaryOnly ? nil : Bimodality.isBimodal(samples))
    }

    func bottlenecks(_ operations: [OperationStatistics]) -> [Bottleneck] {
        operations
            .filter { $0.metric == .timing && $0.share >= options.hotPathThreshold }
            .map { operation in
                let own = operation.selfShare ?? operation.share
                return Bottleneck(
                    name: operation.name, share: operation.share, selfShare: operation.selfShare,
                    score: own + (operation.share - own) / 4)
            }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }
    }
}

extension Analyzer {
    /// The stacks of a profile that also has spans or operations, aggregated as a sampled
    /// profile's are (`StackAggregation`), top frames by total.
    static func sampledView(_ profile: Profile) -> SampledView {
        let stacks = StackAggregation(stacks: profile.stacks)
        let total = stacks.totalWeight
        var frames: [SampledFrame] = []
        for (name, weight) in stacks.totalByName {
            let own: Double = stacks.selfByName[name] ?? 0
            let share: Double = total > 0 ? weight / total : 0
            let selfShare: Double = total > 0 ? own / total : 0
            frames.append(SampledFrame(name: name, total: weight, share: share, selfTotal: own, selfShare: selfShare))
        }
        frames.sort { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }
        var view = SampledView(
            unit: profile.stackWeightUnit ?? .samples, totalWeight: total, stacks: profile.stacks.count,
            frameCount: frames.count, frames: Array(frames.prefix(SampledView.frameLimit)))
        view.unitName = profile.stackWeightName
        return view
    }

    /// This analyzer's budgets checked against a report (e.g. one analyzed earlier and cached).
    public func checkBudgets(_ report: PerformanceReport) -> [BudgetCheck] {
        BudgetEvaluation.check(budgets, against: report)
    }
}
