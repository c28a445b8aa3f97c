import HotpathModel
import HotpathProfiler
import Testing

@Suite("Switches")
struct ProfilerSwitchesTests {
    /// Everything a profiler can be asked to record, once.
    func exercise(_ profiler: Profiler) async {
        let value = profiler.measure("sync") { 1 }
        let asyncValue = await profiler.measure("async") {
            await Task.yield()
            return 2
        }
        #expect(value + asyncValue == 3)
        profiler.begin("manual").end()
        await profiler.measureWorkflow(iterations: 2) { _ in
            profiler.measure("inner") {}
        }
        profiler.sampleMemory()
        profiler.recordCacheLookup(cache: "templates", key: "a", hit: false, missCost: .milliseconds(1))
        profiler.recordCacheEviction(cache: "templates")
        profiler.recordCacheSize(cache: "templates", size: 1, capacity: 2)
        profiler.recordIO(kind: .write, bytes: 10, duration: .microseconds(1))
        profiler.recordParallelExecution(
            ParallelExecutionStats(name: "site", concurrencyLimit: 2, cores: 2, tasks: 1, wallNs: 1, busyNs: 1))
    }

    @Test("a disabled profiler runs the bodies and records nothing")
    func disabled() async throws {
        for profiler in [Profiler.disabled, Profiler(workflow: "off", options: .disabled)] {
            await exercise(profiler)
            let profile = profiler.snapshot()
            #expect(profile.spans.isEmpty)
            #expect(profile.operations.isEmpty)
            #expect(profile.memory.isEmpty)
            #expect(profile.caches.isEmpty)
            #expect(profile.io.isEmpty)
            #expect(profile.parallel.isEmpty)
            #expect(profile.run.labels.isEmpty)
            #expect(profiler.currentSpanContext == nil)
        }
    }

    @Test("memory, caches and I/O switched off record nothing; spans still are")
    func resourcesOff() async throws {
        let profiler = Profiler(
            workflow: "test", options: .init(recordsMemory: false, recordsCaches: false, recordsIO: false))
        await exercise(profiler)
        let profile = profiler.snapshot()
        #expect(profile.memory.isEmpty)
        #expect(profile.caches.isEmpty)
        #expect(profile.io.isEmpty)
        #expect(profile.run.labels["peak_rss_bytes"] == nil)
        #expect(profile.spans.count == 7)
        #expect(profile.parallel.count == 1)
    }

    @Test("each switch alone turns off only its own recording")
    func oneSwitchAtATime() async throws {
        let noMemory = Profiler(workflow: "test", options: .init(recordsMemory: false))
        await exercise(noMemory)
        let withoutMemory = noMemory.snapshot()
        #expect(withoutMemory.memory.isEmpty && !withoutMemory.caches.isEmpty && !withoutMemory.io.isEmpty)

        let noCaches = Profiler(workflow: "test", options: .init(recordsCaches: false))
        await exercise(noCaches)
        let withoutCaches = noCaches.snapshot()
        #expect(!withoutCaches.memory.isEmpty && withoutCaches.caches.isEmpty && !withoutCaches.io.isEmpty)

        let noIO = Profiler(workflow: "test", options: .init(recordsIO: false))
        await exercise(noIO)
        let withoutIO = noIO.snapshot()
        #expect(!withoutIO.memory.isEmpty && !withoutIO.caches.isEmpty && withoutIO.io.isEmpty)
    }
}
