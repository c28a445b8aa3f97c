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
    /// Whether the templates let a kept run page take a new pager in place
    /// (`SiteRenderer.splicesRunPagers`): then a run whose only change is a new run after it is
    /// not loaded again.
    public var splicesRunPagers = true

    public init(configuration: Configuration, baseline: BaselinePolicy = .previousComparable) {
        self.configuration = configuration
        self.baseline = baseline
    }

    /// The records of the runs that get pages, oldest first, and the history of all of them.
    ///
    /// Records are independent once their runs (and baselines) are loaded, so they are built a
    /// window at a time on every core: loading a cached analysis and comparing it was a long
    /// history's longest sequential step. Memory holds one window's analyses, not the history's.
    ///
    /// `kept` holds the outlines of records whose pages the page cache keeps, by identity: such
    /// a run older than the one the index leads with gets a stand-in (`RunRecord(outline:)`)
    /// instead of being loaded and compared again.
    public func build(_ runs: [HistoryRun], kept: [String: RunOutline] = [:]) throws -> (
        records: [RunRecord], history: HistoryReport
    ) {
        let policy = try baseline.resolved(in: runs)
        let pinned: AnalyzedRun? = if case .pinned(let run) = baseline { run } else { nil }
        let history = HistoryAnalyzer(options: configuration.analysis).analyze(runs.map(\.summary))
        let pages =
            changePointPages
            ? SiteContent.runsWithPages(history, newest: runPages) : Array(max(0, runs.count - runPages)..<runs.count)
        let window = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)
        // A benchmark suite's profile and its baseline's (`RunCompanions`), to attribute its changes.
        let companions = RunCompanions.profiles(in: runs.map(\.summary))
        func profiles(_ index: Int, _ choice: BaselinePolicy.Choice) -> (current: Int, baseline: Int)? {
            guard case .run(let other) = choice, let current = companions[index], let baseline = companions[other]
            else { return nil }
            return (current, baseline)
        }
        var loaded: [Int: AnalyzedRun] = [:]
        var records: [RunRecord] = []
        let operationPagesFrom = runs.count - operationPages
        // The run the index leads with (`SiteContent.lead`), and the ones after it, are always whole.
        let lead = pages.last { !runs[$0].summary.operations.isEmpty }
        for start in stride(from: 0, to: pages.count, by: window) {
            let chunk = Array(pages[start..<min(start + window, pages.count)])
            let baselines = chunk.map { policy.baseline(of: $0, in: runs) }
            let pairs = zip(chunk, baselines).map { profiles($0, $1) }
            let identities = chunk.indices.map { position in
                recordIdentity(
                    chunk[position], baseline: baselines[position], profiles: pairs[position],
                    operationPages: chunk[position] >= operationPagesFrom, in: runs)
            }
            let outlines = chunk.indices.map { position -> RunOutline? in
                guard let lead, chunk[position] < lead, let identity = identities[position],
                    let outline = kept[identity]
                else { return nil }
                // The run page links to the runs before and after it among those with pages.
                let neighbours = [start + position - 1, start + position + 1].map {
                    pages.indices.contains($0) ? runs[pages[$0]].summary.run.runID : ""
                }
                return outline.matches(neighbours: neighbours, splicingPager: splicesRunPagers) ? outline : nil
            }
            var needed = Set<Int>()
            for position in chunk.indices where outlines[position] == nil {
                needed.insert(chunk[position])
                if case .run(let other) = baselines[position] { needed.insert(other) }
                if let pair = pairs[position] { needed.formUnion([pair.current, pair.baseline]) }
            }
            // What the last window loaded and this one needs (the run before, a named baseline)
            // stays; the rest goes.
            loaded = loaded.filter { needed.contains($0.key) }
            let missing = needed.subtracting(loaded.keys).sorted()
            let results = ParallelMap.map(missing) { index in Result { try runs[index].load() } }
            for (index, result) in zip(missing, results) { loaded[index] = try result.get() }
            let analyses = loaded
            let configuration = self.configuration
            records += ParallelMap.map(Array(chunk.indices)) { position in
                if let outline = outlines[position], let identity = identities[position] {
                    return RunRecord(outline: outline, identity: identity)
                }
                let (index, choice, pair) = (chunk[position], baselines[position], pairs[position])
                let baseline: AnalyzedRun? =
                    switch choice {
                    case .none: nil
                    case .pinned: pinned
                    case .run(let other): analyses[other]
                    }
                var record = analyses[index]!.record(
                    comparedWith: baseline, configuration: configuration,
                    operationPages: index >= operationPagesFrom)
                record.identity = identities[position]
                if let pair,
                    record.report.comparison?.operations.contains(where: {
                        [.regression, .improvement].contains($0.verdict)
                    }) == true,
                    let current = analyses[pair.current]?.runProfile,
                    let baseline = analyses[pair.baseline]?.runProfile
                {
                    AnalyzedRun.attributeBenchmarks(
                        &record.report, current: current, baseline: baseline, configuration: configuration)
                }
                return record
            }
        }
        return (records, history)
    }

    /// What a record is made of (`RunRecord.identity`): its run's analysis and id, its
    /// baseline's, the profiles its changes are attributed with, the configuration and whether
    /// it gets operation pages. Nil when any of them has no identity (a run in memory, a
    /// pinned baseline read from a file): its pages are rendered every build.
    func recordIdentity(
        _ index: Int, baseline: BaselinePolicy.Choice, profiles: (current: Int, baseline: Int)?,
        operationPages: Bool, in runs: [HistoryRun]
    ) -> String? {
        func run(_ index: Int) -> String? {
            runs[index].identity.map { $0 + "\u{1F}" + runs[index].summary.run.runID }
        }
        guard let current = run(index) else { return nil }
        var parts = [Self.identityVersion, current, configurationKey, operationPages ? "operation pages" : ""]
        switch baseline {
        case .none: parts.append("no baseline")
        case .pinned: return nil
        case .run(let other):
            guard let other = run(other) else { return nil }
            parts.append(other)
        }
        if let profiles {
            guard let current = run(profiles.current), let baseline = run(profiles.baseline) else { return nil }
            parts += [current, baseline]
        }
        return ContentHash.of(parts.joined(separator: "\u{1E}"))
    }

    /// Changes whenever what goes into a record changes shape.
    static let identityVersion = "hotpath-record-1"

    /// The configuration as text, budgets in name order (a dictionary's own order changes from
    /// one process to the next).
    var configurationKey: String {
        "\(configuration.analysis)"
            + configuration.budgets.sorted { $0.key < $1.key }.map { "\u{1F}\($0.key)=\($0.value)" }.joined()
    }
}
