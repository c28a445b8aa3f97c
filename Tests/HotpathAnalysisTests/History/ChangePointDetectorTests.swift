import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathAnalysis

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

/// `scan` keeps both windows sorted as the split moves instead of sorting them at each split:
/// the same medians, so the same splits, as sorting every window.
@Suite struct ChangePointScanWindowTests {
    /// The splits whose medians differ by the threshold, from windows sorted at every split.
    func sortedAtEverySplit(_ values: [Double], _ detector: ChangePointDetector) -> [String] {
        guard values.count >= 2 * detector.minimumRuns else { return [] }
        return (detector.minimumRuns...(values.count - detector.minimumRuns)).compactMap { split in
            let before = values[max(0, split - detector.window)..<split].sorted()
            let after = values[split..<min(values.count, split + detector.window)].sorted()
            let (low, high) = (
                Quantiles.quantile(sorted: before, 0.5) ?? 0, Quantiles.quantile(sorted: after, 0.5) ?? 0
            )
            guard low > 0, abs(high - low) >= detector.threshold * low else { return nil }
            return "\(split) \(low) \(high)"
        }
    }

    @Test(arguments: [(30, 5), (7, 3), (5, 5), (1, 1)])
    func slidingWindowsGiveTheSortedWindowsMedians(window: Int, minimumRuns: Int) {
        let detector = ChangePointDetector(window: window, minimumRuns: minimumRuns)
        var generator = NoiseGenerator(seed: UInt64(window * 100 + minimumRuns))
        for count in [0, 9, 10, 40, 200] {
            // Whole values repeat (ties), steps up and down, and one series holds a NaN.
            let steps = (0..<count).map { index in
                ((index / 25) % 2 == 0 ? 100 : 130) + (generator.next() * 4).rounded()
            }
            var withNaN = steps
            if count > 20 { withNaN[count / 2] = .nan }
            for values in [steps, withNaN] {
                let scanned = detector.scan(values).splits.map { "\($0.index) \($0.before) \($0.after)" }
                #expect(scanned == sortedAtEverySplit(values, detector))
            }
        }
    }

    @Test func aSortedWindowStaysSortedAsValuesComeAndGo() {
        var generator = NoiseGenerator(seed: 3)
        var window = SortedWindow([5, 1, 3][...])
        var expected: [Double] = [5, 1, 3]
        for step in 0..<500 {
            let value = (generator.next() * 10).rounded()
            window.insert(value)
            expected.append(value)
            if step % 3 == 0 {
                let gone = expected.remove(at: step % expected.count)
                window.remove(gone)
            }
            #expect(window.values == expected.sorted())
        }
    }
}
