import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct ResourceAnalysisTests {
    func memory(_ values: [Double]) -> MemoryUsageStats? {
        let samples = values.enumerated().map { MemorySample(tNs: Double($0.offset) * 1e8, rssBytes: $0.element) }
        return Analyzer().analyze(Profile(run: ExampleProfiles.run(), memory: MemoryTimeline(samples: samples))).memory
    }

    @Test func steadyGrowthIsALeakSuspect() throws {
        let growing = (0..<40).map { 100e6 + Double($0) * 2e6 }
        let stats = try #require(memory(growing))
        #expect(stats.leakSuspect)
        #expect(abs(stats.growthBytesPerSecond - 20e6) < 1)
        #expect(stats.overheadBytes == 78e6 && stats.overBudget)
    }

    @Test func aRampThatLevelsOffIsNot() throws {
        let ramp = (0..<40).map { 100e6 + min(Double($0), 8) * 2e6 }
        #expect(try #require(memory(ramp)).leakSuspect == false)
    }

    @Test func ioAsyncRatioAndBatching() throws {
        var io = (0..<150).map { _ in
            IOOperation(operation: "log", kind: .write, bytes: 100, durationNs: 1000, isAsync: false)
        }
        io.append(IOOperation(operation: "load", kind: .read, bytes: 1e6, durationNs: 1e6, isAsync: true))
        let stats = try #require(Analyzer().analyze(Profile(run: ExampleProfiles.run(), io: io)).io)
        #expect(stats.operations == 151 && abs(stats.asyncRatio - 1.0 / 151) < 1e-12)
        #expect(stats.batchCandidates.map(\.source) == ["log"])
        #expect(stats.batchCandidates.first?.count == 150)
    }

    @Test func ioGroupsAreTheLargestByTime() throws {
        let io = (0..<20).flatMap { index in
            (0...index).map { _ in
                IOOperation(operation: "source \(index)", kind: .read, bytes: 10, durationNs: 1000, isAsync: false)
            }
        }
        let stats = try #require(Analyzer().analyze(Profile(run: ExampleProfiles.run(), io: io)).io)
        #expect(stats.groupCount == 20)
        #expect(stats.groups.count == IOPerformanceStats.groupLimit)
        #expect(stats.groups.first == IOGroup(source: "source 19", kind: .read, count: 20, bytes: 200, totalNs: 20_000))
    }

    @Test func cacheColdStartIsToldApartFromRisingRate() throws {
        func trend(_ windows: [CacheWindow]) -> CacheAnalysis.Trend? {
            let cache = TemplateCacheStats(
                name: "t", hits: windows.reduce(0) { $0 + $1.hits }, misses: windows.reduce(0) { $0 + $1.misses },
                windows: windows)
            return Analyzer().analyze(Profile(run: ExampleProfiles.run(), caches: [cache])).caches.first?.trend
        }
        #expect(
            trend([
                .init(hits: 10, misses: 90), .init(hits: 97, misses: 3), .init(hits: 98, misses: 2),
                .init(hits: 96, misses: 4),
            ]) == .coldStart)
        #expect(
            trend([
                .init(hits: 50, misses: 50), .init(hits: 60, misses: 40), .init(hits: 70, misses: 30),
                .init(hits: 80, misses: 20),
            ]) == .rising)
        #expect(
            trend([.init(hits: 90, misses: 10), .init(hits: 91, misses: 9), .init(hits: 90, misses: 10)]) == .steady)
        // Cold, then warm windows that wander (71, 71, 58, 58, 62%): not a rising rate.
        let wandering: [CacheWindow] = [
            .init(hits: 33, misses: 67), .init(hits: 71, misses: 29), .init(hits: 71, misses: 29),
            .init(hits: 58, misses: 42),
            .init(hits: 58, misses: 42), .init(hits: 62, misses: 38),
        ]
        #expect(trend(wandering) == .falling)
        // Cold, then a warm rate that keeps climbing: rising.
        #expect(
            trend([
                .init(hits: 5, misses: 95), .init(hits: 50, misses: 50), .init(hits: 70, misses: 30),
                .init(hits: 90, misses: 10),
            ]) == .rising)
        #expect(trend([]) == .unknown)
    }

    @Test func parallelSpeedupAndImbalance() throws {
        let stats = ParallelExecutionStats(
            name: "e", concurrencyLimit: 4, cores: 8, tasks: 10, wallNs: 100, busyNs: 200,
            stages: [
                .init(name: "a", tasks: 5, wallNs: 100, busyNs: 150),
                .init(name: "b", tasks: 5, wallNs: 100, busyNs: 50),
            ],
            workers: [.init(id: "w0", tasks: 5, busyNs: 100)])
        let analysis = try #require(
            Analyzer().analyze(Profile(run: ExampleProfiles.run(), parallel: [stats])).parallel.first)
        #expect(analysis.achievedSpeedup == 2 && analysis.efficiency == 0.5)
        #expect(analysis.stageImbalance == 1.5 && analysis.slowestStage == "a")
        #expect(analysis.workerUtilization.first?.utilization == 1)
    }
}
