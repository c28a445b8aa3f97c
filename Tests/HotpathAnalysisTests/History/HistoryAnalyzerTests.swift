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

    /// Nights list their operations in any order, some not every night, a name twice, some
    /// without a p50: each operation's series is its points in run order, the series by name.
    @Test func seriesGatherEachOperationsPointsWhateverOrderNightsListThemIn() throws {
        var generator = SeededGenerator(seed: 23)
        let names = (0..<12).map { "op-\($0)" }
        let nights = (0..<40).map { index -> RunSummary in
            var listed = names.filter { _ in generator.unit() > 0.15 }
            if index % 7 == 3 { listed.shuffle(using: &generator) }
            if index % 11 == 5, let first = listed.first { listed.append(first) }
            let operations = listed.enumerated().map { position, name in
                let p50: Double? = generator.unit() > 0.05 ? 100 + Double(position) + generator.unit() : nil
                return OperationSummary(
                    name: name, metric: .timing, unit: .nanoseconds, group: nil, count: 5, total: 500, share: 0.1,
                    mean: p50.map { $0 * 1.1 }, p50: p50, p95: p50.map { $0 * 1.3 }, p99: nil)
            }
            return RunSummary(
                run: ExampleProfiles.run("night-\(index)"), source: "n\(index).json", orderedBy: "start_time",
                time: nil, totalNs: 5000, operations: operations)
        }
        let history = HistoryAnalyzer().analyze(nights)
        var expected: [String: [(run: Int, p50: Double)]] = [:]
        for (run, night) in nights.enumerated() {
            for operation in night.operations {
                guard let p50 = operation.p50 else { continue }
                expected[operation.name, default: []].append((run, p50))
            }
        }
        #expect(history.series.map(\.name) == expected.keys.sorted())
        for series in history.series {
            let points = try #require(expected[series.name])
            #expect(series.points.map(\.run) == points.map(\.run), "\(series.name)")
            #expect(series.points.map(\.p50) == points.map(\.p50), "\(series.name)")
        }
    }
}
