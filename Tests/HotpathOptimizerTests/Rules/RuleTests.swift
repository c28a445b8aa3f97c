import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import Testing
import _HotpathTestSupport

/// Each rule fires on a dump made to trigger it and stays silent on the others.
@Suite struct RuleTests {
    func recommendations(_ profile: Profile, baseline: Profile? = nil) -> [OptimizationRecommendation] {
        Optimizer().optimize(Analyzer().analyze(profile, baseline: baseline)).recommendations
    }

    /// Ten equal operations, none a hot path: nothing to say about CPU.
    var quietOperations: [ProfileResult] {
        (0..<10).map { ProfileResult(name: "step\($0)", samples: Array(repeating: 1e6, count: 20)) }
    }

    var coldCache: Profile {
        Profile(
            run: ExampleProfiles.run(), operations: quietOperations,
            caches: [
                TemplateCacheStats(
                    name: "templates", hits: 9_000, misses: 3_400, evictions: 0, size: 120, capacity: 512,
                    missCostNs: 40e6,
                    hotMisses: ["page.html", "row.html"],
                    windows: [
                        .init(hits: 100, misses: 3_000), .init(hits: 2_950, misses: 150),
                        .init(hits: 2_975, misses: 125), .init(hits: 2_975, misses: 125),
                    ])
            ])
    }

    var serializedExecutor: Profile {
        Profile(
            run: ExampleProfiles.run(), operations: quietOperations,
            parallel: [
                ParallelExecutionStats(
                    name: "render", concurrencyLimit: 1, cores: 8, tasks: 400, wallNs: 150e6, busyNs: 148e6)
            ])
    }

    var leakingProcess: Profile {
        let samples = (0..<60).map { MemorySample(tNs: Double($0) * 1e7, rssBytes: 80e6 + Double($0) * 3e6) }
        return Profile(
            run: ExampleProfiles.run(), operations: quietOperations, memory: MemoryTimeline(samples: samples))
    }

    var synchronousIO: Profile {
        let io = (0..<40).map { _ in
            IOOperation(operation: "write_files", kind: .write, bytes: 64_000, durationNs: 1e6, isAsync: false)
        }
        return Profile(run: ExampleProfiles.run(), operations: quietOperations, io: io)
    }

    @Test func coldCacheGetsPreloadAdviceOnly() throws {
        let found = recommendations(coldCache)
        #expect(found.map(\.area) == [.templateCache])
        let advice = try #require(found.first)
        #expect(advice.recommendation.contains("Preload") && advice.recommendation.contains("page.html"))
        #expect(advice.observation.contains("hit rate 72.6% over 12,400 lookups"))
        #expect(advice.observation.contains("3,400 misses costing 40.0 ms"))
    }

    @Test func serializedExecutorGetsConcurrencyAdviceOnly() throws {
        let found = recommendations(serializedExecutor)
        #expect(found.map(\.area) == [.parallelExecution])
        #expect(try #require(found.first).recommendation.contains("from 1 to 8"))
    }

    /// Two threads busy for the executor's whole 200 ms: the summed root spans are 400 ms, but
    /// the executor holds up all of the run's wall time, so p = 1, not 0.5.
    @Test func anExecutorsShareIsOfWallTime() throws {
        var spans = SpanTable()
        spans.append(Span(id: 1, name: "worker", startNs: 0, durationNs: 200e6, thread: "1"))
        spans.append(Span(id: 2, name: "worker", startNs: 0, durationNs: 200e6, thread: "2"))
        let profile = Profile(
            run: ExampleProfiles.run(), spans: spans,
            parallel: [
                ParallelExecutionStats(
                    name: "render", concurrencyLimit: 1, cores: 8, tasks: 400, wallNs: 200e6, busyNs: 198e6)
            ])
        let report = Analyzer().analyze(profile)
        #expect(report.totalNs == 400e6 && report.wallNs == 200e6)
        let advice = try #require(Optimizer().optimize(report).recommendations.first { $0.area == .parallelExecution })
        #expect(advice.affectedShare == 1)
    }

    /// Synchronous and many small writes over the same I/O: the combined estimate counts that
    /// time once (at the batching speedup), not twice.
    @Test func syncAndBatchingOnTheSameIOCountOnce() throws {
        let io = (0..<500).map { _ in
            IOOperation(operation: "write_files", kind: .write, bytes: 512, durationNs: 4e5, isAsync: false)
        }
        let profile = Profile(run: ExampleProfiles.run(), operations: quietOperations, io: io)
        let report = Optimizer().optimize(Analyzer().analyze(profile))
        let ioAdvice = report.recommendations.filter { $0.area == .io }
        #expect(ioAdvice.count == 2, "\(ioAdvice.map(\.id))")
        let share = try #require(ioAdvice.map(\.affectedShare).max())
        let onceAtBest = Amdahl.speedup(share: share, localSpeedup: 4)
        #expect(abs((report.speedup?.estimated ?? 0) - onceAtBest) < 1e-9)
    }

    @Test func leakingProcessGetsMemoryAdviceOnly() throws {
        let found = recommendations(leakingProcess)
        #expect(found.map(\.area) == [.memory])
        #expect(try #require(found.first).title == "Memory keeps growing")
    }

    @Test func synchronousIOGetsIOAdviceOnly() throws {
        let found = recommendations(synchronousIO)
        #expect(found.map(\.id) == ["io:async"])
    }

    @Test func hotPathGetsCPUAdvice() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: quietOperations + [ProfileResult(name: "render", samples: Array(repeating: 10e6, count: 10))])
        let found = recommendations(profile)
        let advice = try #require(found.first)
        #expect(found.count == 1 && advice.id == "cpu:render")
        // render: 100 ms of 300 ms; halving it: 1 / (2/3 + 1/6) = 1.2.
        #expect(abs(advice.estimatedSpeedup - 1.2) < 1e-12)
        #expect(advice.priority == .high)
    }

    @Test func regressionOnAHotPathIsCritical() throws {
        let before = Profile(
            run: ExampleProfiles.run("before"),
            operations: quietOperations + [
                ProfileResult(name: "render", samples: (0..<20).map { 10e6 + Double($0) * 1e4 })
            ])
        let after = Profile(
            run: ExampleProfiles.run("after"),
            operations: quietOperations + [
                ProfileResult(name: "render", samples: (0..<20).map { 14e6 + Double($0) * 1e4 })
            ])
        let found = recommendations(after, baseline: before)
        let advice = try #require(found.first)
        #expect(advice.id == "regression:render" && advice.priority == .critical)
        #expect(advice.observation.contains("mean +39.6% (10.1 ms → 14.1 ms)"))
        #expect(!found.contains { $0.id == "cpu:render" })
    }

    @Test func quietRunGetsNothing() {
        #expect(recommendations(Profile(run: ExampleProfiles.run(), operations: quietOperations)).isEmpty)
    }

    @Test func rankingIsStableAndCombinedEstimateLabelled() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: quietOperations + [ProfileResult(name: "render", samples: Array(repeating: 10e6, count: 10))],
            io: synchronousIO.io, caches: coldCache.caches)
        let report = Optimizer().optimize(Analyzer().analyze(profile))
        #expect(report.recommendations.map(\.priority) == report.recommendations.map(\.priority).sorted())
        #expect(Optimizer().optimize(Analyzer().analyze(profile)) == report)
        let speedup = try #require(report.speedup)
        #expect(speedup.estimated > 1 && speedup.measured == nil)
    }

    // MARK: The other branches of each rule

    @Test func gcPauseShareGetsGCAdvice() throws {
        let events = (0..<20).map { MemoryEvent(tNs: Double($0) * 5e6, kind: .gc, durationNs: 1.5e6) }
        let samples = (0..<20).map { MemorySample(tNs: Double($0) * 5e6, rssBytes: 50e6 + Double($0 % 2) * 1e6) }
        let profile = Profile(
            run: ExampleProfiles.run(), operations: quietOperations,
            memory: MemoryTimeline(samples: samples, events: events))
        let found = recommendations(profile)
        // 30 ms of pauses in a 200 ms run: 15%, halved.
        let gc = try #require(found.first { $0.id == "memory:gc" })
        #expect(abs(gc.affectedShare - 0.15) < 1e-9 && gc.assumedLocalSpeedup == 2)
        #expect(!found.contains { $0.id == "memory:footprint" })
    }

    @Test func memoryOverBudgetWithoutALeak() throws {
        // Up to 180 MB over a 100 MB start, then back down: over the 50 MB budget, not growing.
        let samples = (0..<40).map { MemorySample(tNs: Double($0) * 1e7, rssBytes: 100e6 + ($0 == 20 ? 180e6 : 0)) }
        let found = recommendations(
            Profile(run: ExampleProfiles.run(), operations: quietOperations, memory: MemoryTimeline(samples: samples)))
        let memory = try #require(found.first { $0.area == .memory })
        #expect(memory.title == "Memory over budget" && memory.priority == .high)  // 3.6× the budget
        #expect(memory.estimatedSpeedup == 1 && memory.recommendation.contains("Stream inputs"))
    }

    @Test func evictionsWithAFullCacheAskForCapacity() throws {
        let cache = TemplateCacheStats(
            name: "templates", hits: 500, misses: 500, evictions: 300, size: 64, capacity: 64, missCostNs: 20e6,
            windows: [
                .init(hits: 120, misses: 130), .init(hits: 125, misses: 125), .init(hits: 130, misses: 120),
                .init(hits: 125, misses: 125),
            ])
        let found = recommendations(Profile(run: ExampleProfiles.run(), operations: quietOperations, caches: [cache]))
        let advice = try #require(found.first { $0.area == .templateCache })
        // capacity + evictions = 364, at most four times the capacity: 256.
        #expect(advice.recommendation.contains("Raise the capacity from 64 to 256"), "\(advice.recommendation)")
        #expect(advice.settings["capacity"] == 256)
    }

    @Test func oversubscribedAndImbalancedExecutors() throws {
        let oversubscribed = ParallelExecutionStats(
            name: "pool", concurrencyLimit: 64, cores: 8, tasks: 500, wallNs: 150e6, busyNs: 300e6)
        let found = recommendations(
            Profile(run: ExampleProfiles.run(), operations: quietOperations, parallel: [oversubscribed]))
        #expect(
            try #require(found.first { $0.area == .parallelExecution }).recommendation.contains(
                "Lower the concurrency limit from 64 to 8"))

        let imbalanced = ParallelExecutionStats(
            name: "stages", concurrencyLimit: 8, cores: 8, tasks: 300, wallNs: 150e6, busyNs: 300e6,
            stages: [
                .init(name: "parse", tasks: 100, wallNs: 150e6, busyNs: 240e6),
                .init(name: "emit", tasks: 200, wallNs: 150e6, busyNs: 60e6),
            ])
        let stageAdvice = try #require(
            recommendations(Profile(run: ExampleProfiles.run(), operations: quietOperations, parallel: [imbalanced]))
                .first { $0.area == .parallelExecution })
        #expect(stageAdvice.recommendation.contains("Split or speed up stage parse"), "\(stageAdvice.recommendation)")

        let coordination = ParallelExecutionStats(
            name: "busy", concurrencyLimit: 8, cores: 8, tasks: 300, wallNs: 150e6, busyNs: 300e6)
        let overhead = try #require(
            recommendations(Profile(run: ExampleProfiles.run(), operations: quietOperations, parallel: [coordination]))
                .first { $0.area == .parallelExecution })
        #expect(overhead.recommendation.contains("Reduce coordination overhead"))
    }

    @Test func priorityBandsAtTheirEdges() {
        #expect(PriorityBands.forSpeedup(1.25) == .critical && PriorityBands.forSpeedup(1.2499) == .high)
        #expect(PriorityBands.forSpeedup(1.10) == .high && PriorityBands.forSpeedup(1.0999) == .medium)
        #expect(PriorityBands.forSpeedup(1.03) == .medium && PriorityBands.forSpeedup(1.0299) == .low)
        #expect(PriorityBands.forRegression(slowdown: 0.001, onHotPath: true) == .critical)
        #expect(PriorityBands.forRegression(slowdown: 0.10, onHotPath: false) == .critical)
        #expect(PriorityBands.forRegression(slowdown: 0.0999, onHotPath: false) == .high)
        #expect(PriorityBands.forRegression(slowdown: 0.05, onHotPath: false) == .high)
        #expect(PriorityBands.forRegression(slowdown: 0.01, onHotPath: false) == .medium)
        #expect(PriorityBands.forRegression(slowdown: 0.0099, onHotPath: false) == .low)
        #expect(PriorityBands.forMemory(overheadOverBudget: 2, leakSuspect: false) == .high)
        #expect(PriorityBands.forMemory(overheadOverBudget: 1.5, leakSuspect: false) == .medium)
        #expect(PriorityBands.forMemory(overheadOverBudget: 0.5, leakSuspect: true) == .high)
    }
}
