import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct FeedEntriesTests {
    func point(_ operation: String, run: Int, _ verdict: Verdict, fixedBy: String? = nil) -> ChangePoint {
        ChangePoint(
            operation: operation, run: run, runID: "night-\(run)", verdict: verdict, before: 100, after: 120,
            change: 0.2,
            pValue: 0.001, fixedBy: fixedBy)
    }

    /// The newest run against its baseline, through the analyzer (as the site compares them):
    /// render and compile twice as slow, emit twice as fast, parse unchanged.
    func newestComparison() -> Comparison? {
        func profile(_ id: String, _ factors: [String: Double]) -> Profile {
            Profile(
                run: ExampleProfiles.run(id),
                operations: ["render", "compile", "emit", "parse"].map { name in
                    ProfileResult(name: name, samples: (0..<30).map { (1000 + Double($0)) * (factors[name] ?? 1) })
                })
        }
        return Analyzer().analyze(
            profile("night-9", ["render": 2, "compile": 2, "emit": 0.5]), baseline: profile("night-8", [:])
        ).comparison
    }

    @Test func feedListsConfirmedRegressionsAndTheNewestRunsUnconfirmedOnesButNoImprovements() {
        let history = HistoryReport(
            runs: [],
            series: [],
            changePoints: [
                point("parse", run: 3, .regression, fixedBy: "night-5"), point("parse", run: 5, .improvement),
                point("render", run: 9, .regression), point("write", run: 9, .improvement),
            ],
            environments: [])
        let feed = history.feedEntries(newestRunID: "night-9", newestComparison: newestComparison())
        // The fixed regression stays (its entry says it was fixed); render's newest-run
        // regression is already the change point at night-9, so it is listed once.
        #expect(feed.confirmed.map(\.operation) == ["parse", "render"])
        #expect(feed.unconfirmed.map(\.name) == ["compile"])
        #expect(feed.count == 3)
        #expect(history.feedEntries(newestRunID: "night-9", newestComparison: nil).count == 2)
    }

    /// Nights move: 3% from one to the next here. A newest night 6% slower is a significant
    /// regression against the night before on 200 samples a side, but not news in the feed; one
    /// 30% slower is.
    @Test func theNewestRunsRegressionIsNewsOnlyBeyondTheNightlyNoise() throws {
        var generator = SeededGenerator(seed: 4)
        func night(_ index: Int, level: Double) -> Profile {
            Profile(
                run: ExampleProfiles.run("night-\(index)"),
                operations: [
                    ProfileResult(
                        name: "render", samples: (0..<200).map { _ in level * (1 + 0.01 * (generator.unit() - 0.5)) })
                ])
        }
        let levels = (0..<20).map { _ in 100 * (1 + 0.06 * (generator.unit() - 0.5)) }
        for (factor, isNews) in [(1.06, false), (1.3, true)] {
            let newestLevel = levels.last! * factor
            var runs = levels.enumerated().map { night($0.offset, level: $0.element) }
            runs.append(night(20, level: newestLevel))
            let summaries = runs.map {
                RunSummary(report: Analyzer().analyze($0), source: $0.run.runID, orderedBy: "start_time", time: nil)
            }
            let history = HistoryAnalyzer().analyze(summaries)
            let comparison = try #require(Analyzer().analyze(runs[20], baseline: runs[19]).comparison)
            #expect(comparison.regressions.map(\.name) == ["render"])
            let check = try #require(history.newestRunChecks.first)
            #expect(check.operation == "render" && check.beyondNightlyNoise == isNews, "\(check)")
            #expect(
                history.feedEntries(newestRunID: "night-20", newestComparison: comparison).unconfirmed.count
                    == (isNews ? 1 : 0))
            #expect(history.series.first?.runToRunVariation.map { $0 > 0.005 && $0 < 0.05 } == true)
        }
    }
}
