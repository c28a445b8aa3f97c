import HotpathModel

/// A run in a history: its summary always at hand, its full analysis loaded when needed.
public struct HistoryRun: Sendable {
    public var summary: RunSummary
    /// Loads the full analysis (from memory, or from the run store).
    public var load: @Sendable () throws -> AnalyzedRun
    /// What its analysis is made of, as a key: the dump's content and the settings it was
    /// analyzed with (`RunStore.identity(of:)`). Nil when unknown (a run in memory): its
    /// pages are rendered every build.
    public var identity: String?

    public init(summary: RunSummary, identity: String? = nil, load: @escaping @Sendable () throws -> AnalyzedRun) {
        self.summary = summary
        self.identity = identity
        self.load = load
    }
}

extension HistoryRun {
    /// The runs, with a run id that an earlier run already has renamed `id (2)`, `id (3)`… in
    /// order, summary and analysis alike: each run's pages live in a folder named after its id,
    /// and two dumps can share one (hyperfine names a run after its file, `results.json`, in
    /// every folder), which used to make the site unwritable ("two generated files share one
    /// path"). Also returns what was renamed, to say so.
    public static func distinctRunIDs(_ runs: [HistoryRun]) -> (
        runs: [HistoryRun], renamed: [(source: String, from: String, to: String)]
    ) {
        var seen = Set(runs.map(\.summary.run.runID))
        var counts: [String: Int] = [:]
        var renamed: [(source: String, from: String, to: String)] = []
        let result = runs.map { run -> HistoryRun in
            let id = run.summary.run.runID
            counts[id, default: 0] += 1
            guard counts[id]! > 1 else { return run }
            var number = counts[id]!
            var newID = "\(id) (\(number))"
            while seen.contains(newID) {
                number += 1
                newID = "\(id) (\(number))"
            }
            seen.insert(newID)
            renamed.append((run.summary.source, id, newID))
            var summary = run.summary
            summary.run.runID = newID
            let load = run.load
            return HistoryRun(summary: summary, identity: run.identity) { [newID] in
                var analyzed = try load()
                analyzed.report.run.runID = newID
                return analyzed
            }
        }
        return (result, renamed)
    }
}
