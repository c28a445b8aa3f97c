import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathRender

/// Turns a loaded history into what the site shows: full records (compared with their
/// baselines, with recommendations) for the newest runs, and the trends of all of them.
public struct HistoryBuilder: Sendable {
    public var configuration: Configuration
    public var baseline: BaselinePolicy
    /// The newest runs that get a page of their own.
    public var runPages = 30
    /// The newest runs that also get a page per operation.
    public var operationPages = 3
    /// Whether older runs a change point starts at get a page too (`check` needs none).
    public var changePointPages = true

    public init(configuration: Configuration, baseline: BaselinePolicy = .previousComparable) {
        self.configuration = configuration
        self.baseline = baseline
    }

    /// The records of the runs that get pages, oldest first, and the history of all of them.
    public func build(_ runs: [HistoryRun]) throws -> (records: [RunRecord], history: HistoryReport) {
        let policy = try baseline.resolved(in: runs)
        var pinned: AnalyzedRun?
        if case .pinned(let run) = baseline { pinned = run }
        var loaded: [Int: AnalyzedRun] = [:]
        func analysis(_ index: Int) throws -> AnalyzedRun {
            if let run = loaded[index] { return run }
            let run = try runs[index].load()
            loaded[index] = run
            return run
        }
        let history = HistoryAnalyzer(options: configuration.analysis).analyze(runs.map(\.summary))
        let pages =
            changePointPages
            ? SiteContent.runsWithPages(history, newest: runPages) : Array(max(0, runs.count - runPages)..<runs.count)
        var records: [RunRecord] = []
        for index in pages {
            let current = try analysis(index)
            let baseline: AnalyzedRun? =
                switch policy.baseline(of: index, in: runs) {
                case .none: nil
                case .pinned: pinned
                case .run(let other): try analysis(other)
                }
            records.append(
                current.record(
                    comparedWith: baseline, configuration: configuration,
                    operationPages: index >= runs.count - operationPages))
            // Only later runs' samples are needed again (and the named baseline's); let older
            // ones go (pages can skip runs, so not just the one before).
            let named: Int? = if case .named(let named) = policy { named } else { nil }
            loaded = loaded.filter { $0.key >= index || $0.key == named }
        }
        return (records, history)
    }
}
