import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

/// A benchmark's change attributed with a profile pair of the same runs (issue 20, item 3).
@Suite struct ProfileAttributionTests {
    static func tree(_ names: [String]) throws -> CallContextTree {
        let spans = names.enumerated().map { index, name in
            Span(id: index + 1, name: name, startNs: Double(index) * 1000, durationNs: 500, parent: nil)
        }
        let profile = Profile(run: ExampleProfiles.run(), spans: SpanTable(spans))
        return try #require(Analyzer().analyzeForComparison(profile).contexts)
    }

    @Test func theBenchmarkIsFoundByItsNameItsFunctionOrItsSignature() throws {
        let trees = [try Self.tree(["BM_sort", "main"]), try Self.tree(["BM_sort", "BM_hash/64"])]
        #expect(Analyzer.profileFrame(forBenchmark: "BM_sort/1024", in: trees) == "BM_sort")
        #expect(Analyzer.profileFrame(forBenchmark: "BM_hash/64", in: trees) == nil, "in one profile only")
        let cpp = [
            try Self.tree(["BM_sort(benchmark::State&)"]), try Self.tree(["BM_sort(benchmark::State&)", "x"]),
        ]
        #expect(Analyzer.profileFrame(forBenchmark: "BM_sort/8", in: cpp) == "BM_sort(benchmark::State&)")
        let pytest = [try Self.tree(["test_parse"]), try Self.tree(["test_parse"])]
        #expect(Analyzer.profileFrame(forBenchmark: "test_parse[small]", in: pytest) == "test_parse")
        #expect(Analyzer.profileFrame(forBenchmark: "BM_sorted", in: trees) == nil)
    }

    /// Profiles whose frame changed the other way tell nothing about the benchmark's change.
    @Test func profilesThatDisagreeWithTheBenchmarkAttributeNothing() throws {
        let slow = CallSpec(
            name: "BM_sort", selfNs: 100_000, children: [CallSpec(name: "compare_keys", selfNs: 400_000)])
        let fast = CallSpec(
            name: "BM_sort", selfNs: 100_000, children: [CallSpec(name: "compare_keys", selfNs: 300_000)])
        func profile(_ spec: CallSpec, _ seed: UInt64) throws -> RunProfile {
            let profile = CallSpec.profile(spec, rootCalls: 40, cv: 0.05, seed: seed)
            let contexts = try #require(Analyzer().analyzeForComparison(profile).contexts)
            return RunProfile(run: profile.run, source: "trace-\(seed).json", contexts: contexts)
        }
        let regression = OperationComparison(
            name: "BM_sort/1024", verdict: .regression, baselineMean: 1000, currentMean: 1300, meanChange: 0.3,
            p50Change: nil, p95Change: nil, p99Change: nil, test: nil)
        let base = Comparison(
            baseline: ExampleProfiles.run(), comparable: true, threshold: 0.05, falseDiscoveryRate: 0.05,
            operations: [regression], totalSpeedup: nil, geometricMeanSpeedup: nil)
        var agreeing = base
        Analyzer().attribute(
            &agreeing, timed: ["BM_sort/1024"], current: try profile(slow, 2), baseline: try profile(fast, 1))
        let attribution = try #require(agreeing.operations[0].attribution)
        #expect(attribution.profile?.frame == "BM_sort" && attribution.profile?.currentSource == "trace-2.json")
        #expect(attribution.frames.first?.name == "compare_keys")
        var disagreeing = base
        Analyzer().attribute(
            &disagreeing, timed: ["BM_sort/1024"], current: try profile(fast, 2), baseline: try profile(slow, 1))
        #expect(disagreeing.operations[0].attribution == nil)
        var memory = base
        Analyzer().attribute(&memory, timed: [], current: try profile(slow, 2), baseline: try profile(fast, 1))
        #expect(memory.operations[0].attribution == nil, "a benchmark of memory is not attributed with time")
    }
}
