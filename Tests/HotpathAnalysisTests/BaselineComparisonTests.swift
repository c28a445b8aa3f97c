import Foundation
import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct BaselineComparisonTests {
    func profile(_ samples: [String: [Double]], environment: EnvironmentFingerprint? = nil) -> Profile {
        Profile(
            run: ExampleProfiles.run("r", environment: environment),
            operations: samples.keys.sorted().map { ProfileResult(name: $0, samples: samples[$0]!) })
    }

    let steady = (0..<30).map { 100 + Double($0 % 5) }

    func verdict(_ name: String, current: [String: [Double]], baseline: [String: [Double]]) -> Verdict? {
        Analyzer().analyze(profile(current), baseline: profile(baseline)).comparison?.operations.first {
            $0.name == name
        }?.verdict
    }

    @Test func verdicts() {
        let slower = steady.map { $0 * 1.2 }
        #expect(verdict("a", current: ["a": slower], baseline: ["a": steady]) == .regression)
        #expect(verdict("a", current: ["a": steady], baseline: ["a": slower]) == .improvement)
        #expect(verdict("a", current: ["a": steady.map { $0 * 1.01 }], baseline: ["a": steady]) == .unchanged)
        #expect(verdict("b", current: ["a": steady, "b": steady], baseline: ["a": steady]) == .new)
        #expect(verdict("b", current: ["a": steady], baseline: ["a": steady, "b": steady]) == .removed)
        // Too noisy to rule a 5% change in or out: inconclusive, never "unchanged".
        var generator = SeededGenerator(seed: 5)
        let wide = { (0..<30).map { _ in 100 * (0.2 + 1.6 * generator.unit()) } }
        #expect(verdict("a", current: ["a": wide()], baseline: ["a": wide()]) == .inconclusive)
    }

    @Test func summaryOnlyOperationsAreTestedOnTheirStatistics() throws {
        func run(_ mean: Double, stddev: Double = 1) -> Profile {
            let summary = SummaryStatistics(
                count: 1000, mean: mean, stddev: stddev, min: mean - 1, max: mean + 5, median: mean)
            return Profile(
                run: ExampleProfiles.run("r"),
                operations: [
                    ProfileResult(name: "a", samples: [mean - 1, mean, mean + 5], summaryOnly: true, summary: summary)
                ])
        }
        // A rank test on summary values would be meaningless; Welch's t-test on the reported
        // mean, deviation and count is not.
        let comparison = try #require(Analyzer().analyze(run(150), baseline: run(100)).comparison?.operations.first)
        #expect(comparison.test?.method == "welch_t" && comparison.verdict == .regression)
        #expect(comparison.meanChange == 0.5 && comparison.p95Change == nil)
        // Within the noise: tested, not significant.
        let noisy = try #require(
            Analyzer().analyze(run(101, stddev: 40), baseline: run(100, stddev: 40)).comparison?.operations.first)
        #expect(noisy.test != nil && noisy.verdict != .regression)
    }

    @Test func differentEnvironmentsAreIncomparable() throws {
        let report = Analyzer().analyze(
            profile(["a": steady.map { $0 * 2 }], environment: EnvironmentFingerprint(cores: 4)),
            baseline: profile(["a": steady], environment: EnvironmentFingerprint(cores: 8)))
        let comparison = try #require(report.comparison)
        #expect(!comparison.comparable && comparison.operations.allSatisfy { $0.verdict == .incomparable })
        #expect(comparison.totalSpeedup == nil)
    }

    @Test func measuredSpeedups() throws {
        let report = Analyzer().analyze(
            profile(["a": [1, 1], "b": [4, 4]]), baseline: profile(["a": [2, 2], "b": [4, 4]]))
        let comparison = try #require(report.comparison)
        #expect(comparison.totalSpeedup == 12.0 / 10.0)
        #expect(abs(comparison.geometricMeanSpeedup! - 2.0.squareRoot()) < 1e-12)
        #expect(comparison.operations.first { $0.name == "a" }?.meanChange == -0.5)
    }

    /// The same +6.5% shift, alone or among 300 unchanged operations: a regression alone, but not
    /// among hundreds of tests where p-values like its own come from noise every night.
    @Test func falseDiscoveriesAreControlledAcrossTheRunsOperations() throws {
        var generator = SeededGenerator(seed: 11)
        func lognormal(_ count: Int, median: Double, cv: Double) -> [Double] {
            (0..<count).map { _ in
                // Box–Muller from two uniforms.
                let z = (-2 * log(max(generator.unit(), 1e-300))).squareRoot() * cos(2 * .pi * generator.unit())
                return median * exp(cv * z)
            }
        }
        // Evenly spread values, ±15% around 100, and the same 6.5% slower: p ≈ 0.005.
        let base: [Double] = (0..<30).map { index in
            let position = (Double(index) + 0.5) / 30
            return 100 * (0.85 + 0.3 * position)
        }
        let shifted: [Double] = base.reversed().map { $0 * 1.065 }
        let alone = try #require(
            Analyzer().analyze(profile(["a": shifted]), baseline: profile(["a": base])).comparison?.operations.first)
        var current = ["a": shifted]
        var baseline = ["a": base]
        for index in 0..<300 {
            current["op\(index)"] = lognormal(30, median: 100, cv: 0.1)
            baseline["op\(index)"] = lognormal(30, median: 100, cv: 0.1)
        }
        let among = try #require(
            Analyzer().analyze(profile(current), baseline: profile(baseline)).comparison?.operations.first {
                $0.name == "a"
            })
        #expect(alone.test?.pValue == among.test?.pValue)
        #expect(alone.adjustedPValue == alone.test?.pValue)
        #expect(alone.verdict == .regression, "p = \(alone.test?.pValue ?? -1), \(String(describing: alone.interval))")
        #expect((among.adjustedPValue ?? 0) > (among.test?.pValue ?? 1))
        #expect(among.verdict == .inconclusive, "adjusted p = \(among.adjustedPValue ?? -1)")
    }

    /// "Unchanged" is earned by an interval inside ±threshold; a wide interval is inconclusive and
    /// says how many samples would settle it.
    @Test func unchangedNeedsANarrowIntervalAndInconclusiveSaysWhatWouldSettleIt() throws {
        var generator = SeededGenerator(seed: 2)
        func noisy(_ count: Int, spread: Double) -> [Double] {
            (0..<count).map { _ in 100 * (1 + spread * (generator.unit() - 0.5)) }
        }
        let quiet = try #require(
            Analyzer().analyze(
                profile(["a": noisy(200, spread: 0.04)]), baseline: profile(["a": noisy(200, spread: 0.04)])
            )
            .comparison?.operations.first)
        let interval = try #require(quiet.interval)
        #expect(quiet.verdict == .unchanged && interval.isWithin(0.05) && interval.method == "hodges_lehmann")
        #expect(
            interval.lower <= interval.estimate && interval.estimate <= interval.upper && interval.confidence == 0.95)
        #expect(quiet.samplesNeeded == nil)
        let loud = try #require(
            Analyzer().analyze(profile(["a": noisy(10, spread: 1.2)]), baseline: profile(["a": noisy(10, spread: 1.2)]))
                .comparison?.operations.first)
        #expect(loud.verdict == .inconclusive && loud.interval.map { !$0.isWithin(0.05) } == true)
        #expect((loud.samplesNeeded ?? 0) > 10)
    }

    @Test func eachOperationCarriesItsNoise() throws {
        let twoModes = (0..<40).map { Double($0 % 2 == 0 ? 100 : 130) + Double($0 % 5) }
        let report = Analyzer().analyze(profile(["steady": steady, "two modes": twoModes, "once": [5]]))
        let steadyNoise = try #require(report.operations.first { $0.name == "steady" }?.noise)
        #expect(steadyNoise.bimodal == false && steadyNoise.threshold == 0.05)
        #expect((steadyNoise.minimumDetectableChange ?? 1) < 0.05 && (steadyNoise.samplesNeeded ?? 99) <= 30)
        #expect(report.operations.first { $0.name == "two modes" }?.noise?.bimodal == true)
        #expect(report.operations.first { $0.name == "once" }?.noise == nil)
    }
}
