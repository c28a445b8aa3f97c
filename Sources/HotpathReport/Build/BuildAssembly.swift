import HotpathAnalysis
import HotpathModel
import HotpathOptimizer

/// How the time traces of one build are recognised among a report's runs and made one build.
///
/// Every run that is a compiler's time trace (`BuildAnalyzer.isCompileTrace`: clang
/// `-ftime-trace`'s phase totals, or a root `ExecuteCompiler` span) is a unit of the build; the
/// runs of one report are one build. The runs stay runs (each with its page, its history as
/// before); the build is shown beside them, on the index and in the Markdown. A run's summary
/// names its operations, so only runs with an `ExecuteCompiler` operation are loaded.
public enum BuildAssembly {
    /// The build of the runs that are time traces, with its recommendations; nil without any.
    public static func build(of runs: [HistoryRun]) throws -> BuildAnalysis? {
        var tallies: [BuildAnalyzer.UnitTally] = []
        for run in runs where run.summary.operations.contains(where: { $0.name == "ExecuteCompiler" }) {
            if var tally = try run.load().buildTally {
                // The run id, renamed when two runs shared one, names the unit.
                tally.unit.name = run.summary.run.runID
                tallies.append(tally)
            }
        }
        return build(of: tallies)
    }

    /// The build of these units' tallies, with recommendations; nil for none.
    public static func build(of tallies: [BuildAnalyzer.UnitTally]) -> BuildAnalysis? {
        guard !tallies.isEmpty else { return nil }
        return BuildRule.recommend(BuildAnalyzer.analyze(tallies))
    }
}
