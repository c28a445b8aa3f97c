import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender

/// Turns a loaded history into what the site shows: full records (compared with their
/// baselines, with recommendations) for the newest runs, and the trends of all of them.
struct HistoryAssembly {
    var configuration: Configuration
    /// The newest runs that get a page of their own.
    var runPages = 30
    /// The newest runs that also get a page per operation.
    var operationPages = 3
    /// Whether older runs a change point starts at get a page too (`check` needs none).
    var changePointPages = true

    func assemble(_ runs: [HistoryRun], pinnedBaseline: AnalyzedRun?) throws -> (records: [RunRecord], history: HistoryReport) {
        let analyzer = Analyzer(configuration: configuration)
        let optimizer = Optimizer()
        var loaded: [Int: AnalyzedRun] = [:]
        func analysis(_ index: Int) throws -> AnalyzedRun {
            if let run = loaded[index] { return run }
            let run = try runs[index].load()
            loaded[index] = run
            return run
        }
        let history = HistoryAnalyzer(options: configuration.analysis).analyze(runs.map(\.summary))
        let pages = changePointPages
            ? SiteContent.runsWithPages(history, newest: runPages) : Array(max(0, runs.count - runPages)..<runs.count)
        var records: [RunRecord] = []
        for index in pages {
            let current = try analysis(index)
            var report = current.report
            var baseline: AnalyzedRun? = pinnedBaseline
            if baseline == nil, let previous = previousComparable(before: index, in: runs) {
                baseline = try analysis(previous)
            }
            if let baseline {
                report.comparison = analyzer.compare(
                    report, samples: current.samples, with: baseline.report, baselineSamples: baseline.samples)
            }
            report.budgets = analyzer.checkBudgets(report)
            report = optimizer.optimize(report)
            records.append(
                RunRecord(
                    report: report, samples: current.samples, baselineTree: baseline?.report.callTree,
                    memorySamples: current.memorySamples, caches: current.caches,
                    operationPages: index >= runs.count - operationPages))
            // Only later runs' samples are needed again; let older ones go (pages can skip runs,
            // so not just the one before).
            loaded = loaded.filter { $0.key >= index }
        }
        return (records, history)
    }

    /// The nearest earlier run whose environment fingerprint matches.
    func previousComparable(before index: Int, in runs: [HistoryRun]) -> Int? {
        let environment = runs[index].summary.run.environment
        return (0..<index).last { candidate in
            guard let a = runs[candidate].summary.run.environment, let b = environment else { return true }
            return a.isComparable(with: b)
        }
    }
}
