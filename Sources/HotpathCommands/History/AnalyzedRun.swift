import HotpathAnalysis
import HotpathIngest
import HotpathModel

/// What Hotpath keeps of one analyzed dump: enough to render its pages, compare with it and
/// chart it later without reading the dump again. Comparison and recommendations are not part
/// of it: they depend on which run is the baseline, decided when the history is assembled.
struct AnalyzedRun: Codable, Sendable {
    var report: PerformanceReport
    var samples: [String: [Double]]
    var memorySamples: [MemorySample]
    var caches: [TemplateCacheStats]
    var diagnostics: [Diagnostic]

    init(dump: IngestedDump, configuration: Configuration) {
        var (report, samples) = Analyzer(configuration: configuration).analyzeKeepingSamples(dump.profile, source: dump.path)
        report.warnings += dump.diagnostics.map(\.message)
        self.report = report
        self.samples = samples
        memorySamples = dump.profile.memory.samples
        caches = dump.profile.caches
        diagnostics = dump.diagnostics
    }
}

/// A run in a history: its summary always at hand, its full analysis loaded when needed.
struct HistoryRun: Sendable {
    var summary: RunSummary
    /// Loads the full analysis (from memory, or from the cache on disk).
    var load: @Sendable () throws -> AnalyzedRun
}
