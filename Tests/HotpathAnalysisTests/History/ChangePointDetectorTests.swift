import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct ChangePointDetectorTests {
    /// A noisy level of 100 with a step to `after` at `index`.
    func series(count: Int, stepAt index: Int, after: Double) -> [Double] {
        var generator = NoiseGenerator(seed: 7)
        return (0..<count).map { ($0 < index ? 100 : after) * (1 + generator.next() * 0.02) }
    }

    @Test func findsAKnownStepAtItsRun() {
        let steps = ChangePointDetector().steps(in: series(count: 80, stepAt: 40, after: 125))
        #expect(steps.map(\.index) == [40])
        #expect(abs(steps[0].change - 0.25) < 0.02)
        #expect(steps[0].pValue < 0.01)
    }

    @Test(arguments: 0..<20)
    func noiseAloneRaisesNothing(seed: UInt64) {
        // ±10% of noise over a year of nights: testing every split must not find a step in it.
        var generator = NoiseGenerator(seed: seed)
        let noisy = (0..<365).map { _ in 100 * (1 + generator.next() * 0.1) }
        #expect(ChangePointDetector().steps(in: noisy).isEmpty)
    }

    @Test func oneOutlierNightIsNotAStep() {
        // One outlier night is not a step.
        var spike = Array(repeating: 100.0, count: 40)
        spike[20] = 300
        #expect(ChangePointDetector().steps(in: spike).isEmpty)
    }

    @Test func smallStepsBelowTheThresholdAreIgnored() {
        #expect(ChangePointDetector().steps(in: series(count: 80, stepAt: 40, after: 103)).isEmpty)
    }

    @Test func aStepTooCloseToTheEndWaitsForMoreRuns() {
        // Five runs on the new side confirm a step; four do not.
        #expect(ChangePointDetector().steps(in: series(count: 44, stepAt: 40, after: 150)).isEmpty)
        #expect(ChangePointDetector().steps(in: series(count: 45, stepAt: 40, after: 150)).map(\.index) == [40])
    }

    @Test func historyMarksFixedRegressionsAndKeepsEnvironmentsApart() throws {
        func run(_ index: Int, p50: Double, cores: Int = 4) -> RunSummary {
            RunSummary(
                run: RunMetadata(workflow: "w", runID: "r\(index)", environment: EnvironmentFingerprint(cores: cores)),
                source: "r\(index).json", orderedBy: "start_time", time: nil, totalNs: p50,
                operations: [
                    OperationSummary(
                        name: "render", metric: .timing, unit: .nanoseconds, group: nil, count: 10, total: p50 * 10,
                        share: 1, mean: p50, p50: p50, p95: p50 * 1.2, p99: p50 * 1.3)
                ])
        }
        var generator = NoiseGenerator(seed: 3)
        let levels = (0..<60).map { index -> Double in
            (index >= 20 && index < 40 ? 140 : 100) * (1 + generator.next() * 0.01)
        }
        let history = HistoryAnalyzer().analyze(levels.enumerated().map { run($0.offset, p50: $0.element) })
        #expect(history.changePoints.map(\.runID) == ["r20", "r40"])
        #expect(history.changePoints.map(\.verdict) == [.regression, .improvement])
        #expect(history.changePoints[0].fixedBy == "r40")
        // The same step, but the later runs came from another machine: never compared across it.
        let mixed = HistoryAnalyzer().analyze(
            (0..<40).map { run($0, p50: $0 < 20 ? 100 : 140, cores: $0 < 20 ? 4 : 8) })
        #expect(mixed.changePoints.isEmpty)
        #expect(mixed.environments.count == 2)
    }
}

/// Deterministic noise in −1…1.
struct NoiseGenerator {
    var generator: SeededGenerator
    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
    mutating func next() -> Double { generator.unit() * 2 - 1 }
}
