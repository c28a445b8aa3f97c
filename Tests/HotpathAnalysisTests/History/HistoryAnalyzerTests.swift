import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct HistoryAnalyzerTests {
    /// Nightly pytest-benchmark files without stats.data: p50 and mean, no p95.
    func night(_ index: Int, p50: Double) -> RunSummary {
        let operation = OperationSummary(
            name: "xfast", metric: .timing, unit: .nanoseconds, group: nil, count: 9987, total: p50 * 9987, share: 1,
            mean: p50 * 1.2, p50: p50, p95: nil, p99: nil)
        return RunSummary(
            run: ExampleProfiles.run("night-\(index)"), source: "n\(index).json", orderedBy: "start_time", time: nil,
            totalNs: p50 * 9987, operations: [operation])
    }

    @Test func summaryOnlyOperationsKeepTheirTrendWithoutP95() throws {
        let nights = (0..<12).map { night($0, p50: $0 < 6 ? 220 : 300) }
        let history = HistoryAnalyzer().analyze(nights)
        let series = try #require(history.series.first { $0.name == "xfast" })
        #expect(series.points.count == 12 && series.points.allSatisfy { $0.p95 == nil })
        #expect(history.changePoints.map(\.runID) == ["night-6"])
    }
}
