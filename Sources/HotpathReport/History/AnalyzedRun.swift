import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathOptimizer
import HotpathRender

/// What Hotpath keeps of one analyzed dump: enough to render its pages, compare with it and
/// chart it later without reading the dump again. Comparison, budgets and recommendations are
/// not part of it: they depend on which run is the baseline and on the budgets of the day,
/// decided when the report is made (`report(comparedWith:configuration:)`).
public struct AnalyzedRun: Codable, Sendable {
    public var report: PerformanceReport
    public var samples: [String: [Double]]
    public var memorySamples: [MemorySample]
    public var caches: [TemplateCacheStats]
    public var diagnostics: [Diagnostic]
    /// For a compiler's time trace: its part of a build (`BuildAssembly`), kept whole so a build
    /// can be assembled from cached runs; nil for other runs.
    public var buildTally: BuildAnalyzer.UnitTally?
    /// The run's whole call tree, kept to attribute a later comparison's changes; nil without
    /// spans or stacks.
    public var contexts: CallContextTree?

    /// Analyzes a dump read by the ingestor; its import warnings become the report's warnings.
    public init(dump: IngestedDump, configuration: Configuration) {
        var (report, samples, contexts) = Analyzer(configuration: configuration).analyzeForComparison(
            dump.profile, source: dump.path)
        self.contexts = contexts
        report.warnings += dump.diagnostics.map(\.message)
        self.report = report
        self.samples = samples
        memorySamples = dump.profile.memory.samples
        caches = dump.profile.caches
        diagnostics = dump.diagnostics
        if BuildAnalyzer.isCompileTrace(dump.profile) {
            buildTally = BuildAnalyzer.tally(dump.profile, name: report.run.runID)
        }
    }

    /// The one way a run becomes what pages, the Markdown, `check` and `analyze` show: compared
    /// with `baseline` when there is one, its budgets checked (a cached analysis may predate
    /// today's budgets), then optimized.
    public func report(comparedWith baseline: AnalyzedRun?, configuration: Configuration) -> PerformanceReport {
        let analyzer = Analyzer(configuration: configuration)
        var report = self.report
        if let baseline {
            report.comparison = analyzer.compare(
                report, samples: samples, with: baseline.report, baselineSamples: baseline.samples,
                contexts: contexts, baselineContexts: baseline.contexts)
        }
        report.budgets = analyzer.checkBudgets(report)
        return Optimizer().optimize(report)
    }

    /// The run as the site shows it: `report(comparedWith:configuration:)` with what its pages
    /// draw (samples, the baseline's call tree for the differential flame graph, memory, caches).
    public func record(
        comparedWith baseline: AnalyzedRun?, configuration: Configuration, operationPages: Bool
    ) -> RunRecord {
        RunRecord(
            report: report(comparedWith: baseline, configuration: configuration), samples: samples,
            baselineTree: baseline?.report.callTree, memorySamples: memorySamples, caches: caches,
            operationPages: operationPages)
    }
}
