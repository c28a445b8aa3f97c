import HotpathAnalysis
import HotpathModel
import HotpathProfiler
import Testing

@Suite("Cache recording")
struct CacheRecordingTests {
    @Test("a cold start: counters, miss cost, hot misses and windows that tell it apart")
    func coldStart() throws {
        let profiler = Profiler(workflow: "test")
        let pages = (0..<10).map { "page_\($0).html" }
        // First pass misses every page, then 9 passes hit; `page_0` misses twice (evicted once).
        for page in pages {
            profiler.recordCacheLookup(cache: "templates", key: page, hit: false, missCost: .milliseconds(2))
        }
        profiler.recordCacheEviction(cache: "templates")
        profiler.recordCacheLookup(cache: "templates", key: "page_0.html", hit: false, missCost: .microseconds(500))
        for _ in 0..<9 {
            for page in pages { profiler.recordCacheLookup(cache: "templates", key: page, hit: true) }
        }
        profiler.recordCacheSize(cache: "templates", size: 10, capacity: 64)
        let cache = try #require(profiler.snapshot().caches.first)
        #expect(cache.name == "templates")
        #expect(cache.hits == 90)
        #expect(cache.misses == 11)
        #expect(cache.evictions == 1)
        #expect(cache.size == 10)
        #expect(cache.capacity == 64)
        #expect(cache.missCostNs == 20_500_000)
        #expect(cache.hotMisses.first == "page_0.html")
        #expect(cache.hotMisses.count == 10)
        #expect(cache.windows.count == 10)
        #expect(cache.windows.reduce(0) { $0 + $1.hits } == 90)
        #expect(cache.windows.reduce(0) { $0 + $1.misses } == 11)
        #expect(cache.windows[0].misses == 10)

        let analysis = try #require(Analyzer().analyze(profiler.snapshot()).caches.first)
        #expect(analysis.trend == .coldStart)
    }

    @Test("caches are reported by name, each with its own counters")
    func severalCaches() {
        let profiler = Profiler(workflow: "test")
        profiler.recordCacheLookup(cache: "partials", key: "header", hit: true)
        profiler.recordCacheLookup(cache: "layouts", key: "base", hit: false)
        let caches = profiler.snapshot().caches
        #expect(caches.map(\.name) == ["layouts", "partials"])
        #expect(caches[0].missCostNs == nil)
        #expect(caches[1].windows == [CacheWindow(hits: 1, misses: 0)])
    }

    @Test("lookups from many threads are all counted")
    func concurrentLookups() async {
        let profiler = Profiler(workflow: "test")
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for index in 0..<1_000 {
                        profiler.recordCacheLookup(
                            cache: "templates", key: "k\(index % 7)", hit: (index + task) % 4 != 0)
                    }
                }
            }
        }
        let cache = profiler.snapshot().caches[0]
        #expect(cache.hits + cache.misses == 4_000)
        #expect(cache.misses == 1_000)
    }
}
