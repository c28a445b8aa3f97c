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
}
