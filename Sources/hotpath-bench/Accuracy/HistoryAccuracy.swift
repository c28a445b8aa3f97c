import Foundation
import HotpathAnalysis
import HotpathModel

/// Change points on generated nightly histories: what the trend pages, the regressions page and
/// the feed show.
struct HistoryScenario: Sendable {
    var label: String
    var runs = 40
    var operations = 200
    var samples = 20
    var cv = 0.05
    /// Night-to-night variation of each operation's median (log-normal sigma): the machine, the
    /// data, the weather; what the runs of one night share and the samples within it cannot show.
    var nightly = 0.015
    /// Operations (the first ones) whose median steps by `stepFactor` from run `stepRun` on.
    var stepped = 0
    var stepFactor = 1.1
    var stepRun = 25
    /// Runs on the new side tried before a step counts as missed.
    var delayLimit = 10
    /// How far (in runs) from the true step a change point may sit and still count as an alarm
    /// about it. Confirmation needs the change point at the step's own run: one placed a night
    /// early blames the wrong commit, and moves (a new feed entry) once later runs place it.
    var tolerance = 2

    struct Outcome: Sendable {
        /// Change points on unchanged operations in the whole history, by verdict.
        var falseRegressionsOpen = 0
        var falseRegressionsFixed = 0
        var falseImprovements = 0
        /// The newest run's regressions against the run before it that no change point confirms.
        var unconfirmedNewest = 0
        /// Entries of the Atom feed, counted by the site's own rule (`HistoryReport.feedEntries`).
        var feedEntries = 0
        /// For each stepped operation: runs after the step until a regression change point at the
        /// step's run appeared (0 = on the step's own night); nil when not within `delayLimit` runs.
        var delays: [Int?] = []
        /// The same for a regression change point within `tolerance` runs of the step.
        var alarmDelays: [Int?] = []

        var falseChangePoints: Int { falseRegressionsOpen + falseRegressionsFixed + falseImprovements }
    }

    /// Generates one history, analyzes it as `hotpath report` does (each run by `Analyzer`, the
    /// series by `HistoryAnalyzer`, the newest run compared with the one before it), and for a
    /// step re-runs `HistoryAnalyzer` on the history cut after 1, 2, … runs on the new side.
    func run(seed: Int) -> Outcome {
        var generator = LabelledRuns.generator("history \(label)", seed: seed)
        let medians = LabelledRuns.medians(operations, &generator)
        let sigma = LabelledRuns.sigma(cv: cv)
        let analyzer = Analyzer(options: AnalysisOptions())
        var summaries: [RunSummary] = []
        var previous: (report: PerformanceReport, samples: [String: [Double]])?
        var comparison: Comparison?
        for night in 0..<runs {
            let results = medians.indices.map { index -> ProfileResult in
                let step = index < stepped && night >= stepRun ? stepFactor : 1
                let median = medians[index] * step * exp(nightly * generator.normal())
                return ProfileResult(
                    name: LabelledRuns.name(index),
                    samples: (0..<samples).map { _ in generator.logNormal(median: median, sigma: sigma).rounded() })
            }
            let profile = LabelledRuns.profile(runID: String(format: "night-%02d", night), night: night, results)
            let analyzed = analyzer.analyzeKeepingSamples(profile, source: profile.run.runID + ".json")
            summaries.append(
                RunSummary(
                    report: analyzed.report, source: profile.run.runID + ".json", orderedBy: "start_time",
                    time: profile.run.startTime))
            // Only the newest run's comparison reaches the feed; the runs share one environment,
            // so its baseline is the run before it, as in HistoryBuilder (previous comparable run).
            if night == runs - 1, let previous {
                comparison = analyzer.compare(
                    analyzed.report, samples: analyzed.samples, with: previous.report, baselineSamples: previous.samples
                )
            }
            previous = analyzed
        }

        let historyAnalyzer = HistoryAnalyzer(options: AnalysisOptions())
        let history = historyAnalyzer.analyze(summaries)
        var outcome = Outcome()
        let steppedIndex = Dictionary(uniqueKeysWithValues: (0..<stepped).map { (LabelledRuns.name($0), $0) })
        for point in history.changePoints where steppedIndex[point.operation] == nil {
            switch point.verdict {
            case .regression where point.fixedBy == nil: outcome.falseRegressionsOpen += 1
            case .regression: outcome.falseRegressionsFixed += 1
            case .improvement: outcome.falseImprovements += 1
            default: break
            }
        }
        let feed = history.feedEntries(newestRunID: summaries.last?.run.runID, newestComparison: comparison)
        outcome.feedEntries = feed.count
        outcome.unconfirmedNewest = feed.unconfirmed.count

        // Detection delay: the history as it stood after each new night. Every operation stays in
        // (a method may correct across operations), only the stepped ones are looked at.
        outcome.delays = [Int?](repeating: nil, count: stepped)
        outcome.alarmDelays = outcome.delays
        for newSide in 1...delayLimit where outcome.delays.contains(nil) && stepRun + newSide <= runs {
            let cut = historyAnalyzer.analyze(Array(summaries.prefix(stepRun + newSide)))
            for point in cut.changePoints where point.verdict == .regression && abs(point.run - stepRun) <= tolerance {
                guard let index = steppedIndex[point.operation] else { continue }
                if outcome.alarmDelays[index] == nil { outcome.alarmDelays[index] = newSide - 1 }
                if outcome.delays[index] == nil && point.run == stepRun { outcome.delays[index] = newSide - 1 }
            }
        }
        return outcome
    }
}
