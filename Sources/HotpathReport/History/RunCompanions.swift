import Foundation
import HotpathAnalysis
import HotpathModel

/// Benchmark suites joined with the profiles of the same runs, so that a benchmark's change is
/// attributed with the profile pair (`Analyzer.attribute(_:timed:current:baseline:)`).
///
/// A benchmark suite run and a profile run are of the same run when, in this order:
/// 1. they are side by side in a run folder: the folder holds exactly one benchmark suite
///    (or command comparison) and exactly one profile, directly;
/// 2. else their metadata name the same git commit, and exactly one profile has it.
/// Run ids are not matched: most formats name a run after its file, and two dumps with one id
/// are two runs of a history (`HistoryRun.distinctRunIDs`).
public enum RunCompanions {
    /// For each benchmark suite run, by index, the index of its profile run.
    public static func profiles(in runs: [RunSummary]) -> [Int: Int] {
        var pairs: [Int: Int] = [:]
        var byFolder: [String: (suites: [Int], profiles: [Int])] = [:]
        for (index, run) in runs.enumerated() {
            let folder = (run.source as NSString).deletingLastPathComponent
            if run.run.runKind.isSuite {
                byFolder[folder, default: ([], [])].suites.append(index)
            } else {
                byFolder[folder, default: ([], [])].profiles.append(index)
            }
        }
        for (_, folder) in byFolder where folder.suites.count == 1 && folder.profiles.count == 1 {
            pairs[folder.suites[0]] = folder.profiles[0]
        }
        var profilesByCommit: [String: [Int]] = [:]
        for (index, run) in runs.enumerated() where !run.run.runKind.isSuite {
            if let commit = run.run.git?.commit, !commit.isEmpty { profilesByCommit[commit, default: []].append(index) }
        }
        for (index, run) in runs.enumerated() where run.run.runKind.isSuite && pairs[index] == nil {
            if let commit = run.run.git?.commit, let profiles = profilesByCommit[commit], profiles.count == 1 {
                pairs[index] = profiles[0]
            }
        }
        return pairs
    }
}

extension AnalyzedRun {
    /// The run's whole call tree as the profile of a benchmark suite of the same run; nil
    /// without spans or stacks.
    public var runProfile: RunProfile? {
        contexts.map { RunProfile(run: report.run, source: report.source ?? report.run.runID, contexts: $0) }
    }

    /// Attributes a compared benchmark suite's changes with the profiles of its run and of its
    /// baseline's run (benchmarks of time only: timing, CPU or throughput).
    public static func attributeBenchmarks(
        _ report: inout PerformanceReport, current: RunProfile, baseline: RunProfile, configuration: Configuration
    ) {
        guard var comparison = report.comparison else { return }
        let timed = Set(
            report.operations.filter { [.timing, .cpu, .throughput].contains($0.metric) }.map(\.name))
        Analyzer(configuration: configuration).attribute(
            &comparison, timed: timed, current: current, baseline: baseline)
        report.comparison = comparison
    }
}
