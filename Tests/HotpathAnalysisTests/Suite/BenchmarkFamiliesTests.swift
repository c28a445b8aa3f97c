import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathAnalysis

/// Families of parameterised benchmarks and their complexity, fitted as Google Benchmark's BigO
/// does and checked against numpy (`Fixtures/complexity_oracle.py`).
@Suite struct BenchmarkFamiliesTests {
    struct Expectations: Decodable {
        struct Fit: Decodable {
            var truth: String
            var n: [Double]
            var time: [Double]
            var complexity: String
            var coefficient: Double
            var rms: Double
        }
        var fits: [Fit]
    }

    static let expectations: [Expectations.Fit] = {
        (try? JSONDecoder().decode(
            Expectations.self, from: Fixtures.data("complexity-expectations.json", in: "HotpathAnalysisTests")))?
            .fits ?? []
    }()

    @Test func fitsAgreeWithNumpy() throws {
        #expect(Self.expectations.count == 13)
        for expected in Self.expectations {
            let fit = try #require(BenchmarkFamilies.fit(n: expected.n, time: expected.time), "\(expected.truth)")
            #expect(fit.complexity.rawValue == expected.complexity, "\(expected.truth)")
            #expect(
                abs(fit.coefficient - expected.coefficient) <= 1e-9 * abs(expected.coefficient), "\(expected.truth)")
            #expect(abs(fit.rms - expected.rms) <= 1e-9 + 1e-9 * expected.rms, "\(expected.truth)")
        }
    }

    @Test func fewerThanThreeSizesHaveNoFit() {
        #expect(BenchmarkFamilies.fit(n: [8, 64], time: [1, 8]) == nil)
    }

    @Test(arguments: [
        ("BM_Sort/64", ["BM_Sort/{n}": 64.0]),
        ("test_sort[100]", ["test_sort[{n}]": 100]),
        ("sort n=1000", ["sort n={n}": 1000]),
        ("BM_Copy/8/1024", ["BM_Copy/{n}/1024": 8, "BM_Copy/8/{n}": 1024]),
        ("BM_1PercentSlower", [:]),
        ("BM_Sort/64/real_time", ["BM_Sort/{n}/real_time": 64]),
        ("BM_Spin/threads:2", [:]),
    ])
    func parametersStandAlone(name: String, expected: [String: Double]) {
        let found = Dictionary(
            BenchmarkFamilies.parameters(in: name).map { ($0.key, $0.n) }, uniquingKeysWith: { first, _ in first })
        #expect(found == expected)
    }

    static func operation(_ name: String, mean: Double) -> OperationStatistics {
        OperationStatistics(
            name: name, metric: .timing, unit: .nanoseconds, count: 10, total: mean * 10, share: 0,
            summary: SampleSummary(
                count: 10, total: mean * 10, mean: mean, stddev: 0, min: mean, max: mean, cv: 0,
                percentiles: Percentiles(
                    p0: mean, p25: mean, p50: mean, p75: mean, p90: mean, p95: mean, p99: mean, p100: mean)))
    }

    /// pyperf's `[1]*1000`, `[1,2]*1000`, `[1,2,3]*1000` vary in length, not in one parameter.
    @Test func listsOfDifferentLengthAreNoFamily() {
        let names = ["[1]*1000", "[1,2]*1000", "[1,2,3]*1000"]
        #expect(BenchmarkFamilies.families(names.map { Self.operation($0, mean: 5) }).isEmpty)
    }

    @Test func familiesGroupTheSizesAndLeaveTheRest() throws {
        let sizes: [Double] = [64, 512, 4096, 16384]
        var operations = sizes.map { Self.operation("BM_Sort/\(Int($0))", mean: 2 * $0 * log2($0)) }
        operations += sizes.map { Self.operation("test_lookup[\(Int($0))]", mean: 30) }
        operations += [Self.operation("BM_Other", mean: 5), Self.operation("BM_Pair/1", mean: 5)]
        operations += [Self.operation("BM_Pair/2", mean: 6)]
        let families = BenchmarkFamilies.families(operations)
        #expect(families.map(\.name) == ["BM_Sort", "test_lookup"])
        #expect(families[0].members.map(\.n) == sizes)
        #expect(families[0].fit?.complexity == .linearithmic)
        #expect(families[1].fit?.complexity == .constant)
    }

    /// "BM_Sort: O(n log n) → O(n²)" between a baseline and a run, through the comparison.
    @Test func complexityChangeBetweenRuns() throws {
        let sizes: [Double] = [64, 512, 4096, 16384]
        func profile(_ id: String, _ time: (Double) -> Double) -> Profile {
            var run = RunMetadata(workflow: "suite", runID: id)
            run.kind = .benchmarkSuite
            return Profile(
                run: run,
                operations: sizes.map { n in
                    ProfileResult(
                        name: "BM_Sort/\(Int(n))", samples: (0..<10).map { time(n) * (1 + Double($0) * 1e-3) })
                })
        }
        let baseline = profile("before") { 2 * $0 * log2($0) }
        let current = profile("after") { 0.01 * $0 * $0 }
        let report = Analyzer().analyze(current, baseline: baseline)
        #expect(report.suite?.families.first?.fit?.complexity == .quadratic)
        #expect(
            report.comparison?.familyChanges
                == [FamilyChange(name: "BM_Sort", baseline: .linearithmic, current: .quadratic)])
        #expect(report.bottlenecks.isEmpty && report.callTree == nil)
    }
}
