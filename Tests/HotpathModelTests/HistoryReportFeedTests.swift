import HotpathModel
import Testing

@Suite struct HistoryReportFeedTests {
    func point(_ operation: String, run: Int, _ verdict: Verdict, fixedBy: String? = nil) -> ChangePoint {
        ChangePoint(
            operation: operation, run: run, runID: "night-\(run)", verdict: verdict, before: 100, after: 120,
            change: 0.2,
            pValue: 0.001, fixedBy: fixedBy)
    }

    func comparison(_ verdicts: [(String, Verdict)]) -> Comparison {
        Comparison(
            baseline: RunMetadata(workflow: "w", runID: "night-1"), comparable: true, threshold: 0.05, alpha: 0.01,
            operations: verdicts.map {
                OperationComparison(
                    name: $0.0, verdict: $0.1, baselineMean: 100, currentMean: 120, meanChange: 0.2, p50Change: nil,
                    p95Change: nil, p99Change: nil, test: nil)
            }, totalSpeedup: nil, geometricMeanSpeedup: nil)
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
        let feed = history.feedEntries(
            newestRunID: "night-9",
            newestComparison: comparison([("render", .regression), ("compile", .regression), ("emit", .improvement)]))
        // The fixed regression stays (its entry says it was fixed); render's newest-run
        // regression is already the change point at night-9, so it is listed once.
        #expect(feed.confirmed.map(\.operation) == ["parse", "render"])
        #expect(feed.unconfirmed.map(\.name) == ["compile"])
        #expect(feed.count == 3)
        #expect(history.feedEntries(newestRunID: "night-9", newestComparison: nil).count == 2)
    }
}
