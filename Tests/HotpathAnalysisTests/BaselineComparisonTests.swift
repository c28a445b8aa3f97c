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
        Analyzer().analyze(profile(current), baseline: profile(baseline)).comparison?.operations.first { $0.name == name }?.verdict
    }

    @Test func verdicts() {
        let slower = steady.map { $0 * 1.2 }
        #expect(verdict("a", current: ["a": slower], baseline: ["a": steady]) == .regression)
        #expect(verdict("a", current: ["a": steady], baseline: ["a": slower]) == .improvement)
        #expect(verdict("a", current: ["a": steady.map { $0 * 1.01 }], baseline: ["a": steady]) == .unchanged)
        #expect(verdict("b", current: ["a": steady, "b": steady], baseline: ["a": steady]) == .new)
        #expect(verdict("b", current: ["a": steady], baseline: ["a": steady, "b": steady]) == .removed)
        let noisy = (0..<30).map { Double($0 % 2 == 0 ? 10 : 300) }
        #expect(verdict("a", current: ["a": noisy], baseline: ["a": noisy.reversed()]) == .unstable)
    }

    @Test func summaryOnlyOperationsAreTestedOnTheirStatistics() throws {
        func run(_ mean: Double, stddev: Double = 1) -> Profile {
            let summary = SummaryStatistics(count: 1000, mean: mean, stddev: stddev, min: mean - 1, max: mean + 5, median: mean)
            return Profile(
                run: ExampleProfiles.run("r"),
                operations: [ProfileResult(name: "a", samples: [mean - 1, mean, mean + 5], summaryOnly: true, summary: summary)])
        }
        // A rank test on summary values would be meaningless; Welch's t-test on the reported
        // mean, deviation and count is not.
        let comparison = try #require(Analyzer().analyze(run(150), baseline: run(100)).comparison?.operations.first)
        #expect(comparison.test?.method == "welch_t" && comparison.verdict == .regression)
        #expect(comparison.meanChange == 0.5 && comparison.p95Change == nil)
        // Within the noise: tested, not significant.
        let noisy = try #require(Analyzer().analyze(run(101, stddev: 40), baseline: run(100, stddev: 40)).comparison?.operations.first)
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
        let report = Analyzer().analyze(profile(["a": [1, 1], "b": [4, 4]]), baseline: profile(["a": [2, 2], "b": [4, 4]]))
        let comparison = try #require(report.comparison)
        #expect(comparison.totalSpeedup == 12.0 / 10.0)
        #expect(abs(comparison.geometricMeanSpeedup! - 2.0.squareRoot()) < 1e-12)
        #expect(comparison.operations.first { $0.name == "a" }?.meanChange == -0.5)
    }
}
