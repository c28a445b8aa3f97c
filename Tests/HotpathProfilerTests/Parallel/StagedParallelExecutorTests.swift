import Foundation
import HotpathModel
import HotpathProfiler
import Synchronization
import Testing

/// Counts bodies running at once and remembers the most seen.
final class InFlight: Sendable {
    private let current = Atomic<Int>(0)
    private let highest = Atomic<Int>(0)
    let started = Atomic<Int>(0)

    func enter() {
        started.wrappingAdd(1, ordering: .relaxed)
        let now = current.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        var seen = highest.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = highest.compareExchange(
                expected: seen, desired: now, ordering: .acquiringAndReleasing)
            if exchanged { break }
            seen = original
        }
    }

    func leave() {
        current.wrappingSubtract(1, ordering: .acquiringAndReleasing)
    }

    var maximum: Int { highest.load(ordering: .acquiring) }
}

struct RenderFailed: Error, Equatable {
    var page: Int
}

@Suite("StagedParallelExecutor")
struct StagedParallelExecutorTests {
    @Test("results come back in input order", arguments: [1, 2, 8])
    func ordering(limit: Int) async throws {
        let executor = StagedParallelExecutor(name: "site", concurrencyLimit: limit)
        let inputs = Array(0..<200)
        let outputs = try await executor.run(stage: "render", inputs) { page in
            spin(microseconds: Double((page * 37) % 50))
            return "page \(page)"
        }
        #expect(outputs == inputs.map { "page \($0)" })
        let asyncOutputs = try await executor.run(stage: "render_async", inputs) { page in
            if page % 3 == 0 { await Task.yield() }
            return page * page
        }
        #expect(asyncOutputs == inputs.map { $0 * $0 })
    }

    @Test("no more than the limit run at once, sync or async", arguments: [1, 3])
    func limit(limit: Int) async throws {
        let executor = StagedParallelExecutor(name: "site", concurrencyLimit: limit)
        let inFlight = InFlight()
        _ = try await executor.run(stage: "validate", Array(0..<40)) { page in
            inFlight.enter()
            defer { inFlight.leave() }
            Thread.sleep(forTimeInterval: 0.001)  // blocking: lets Dispatch start more threads if it would
            return page
        }
        #expect(inFlight.maximum <= limit)
        #expect(inFlight.maximum >= 1)
        let asyncInFlight = InFlight()
        _ = try await executor.run(stage: "fetch", Array(0..<40)) { page in
            asyncInFlight.enter()
            defer { asyncInFlight.leave() }
            try await Task.sleep(for: .milliseconds(1))
            return page
        }
        #expect(asyncInFlight.maximum <= limit)
        // Suspended bodies do not hold a thread, so the limit itself is reached.
        #expect(asyncInFlight.maximum == limit)
    }

    @Test("the first error is rethrown and stops the items not yet started")
    func firstError() async throws {
        let executor = StagedParallelExecutor(name: "site", concurrencyLimit: 2)
        let inFlight = InFlight()
        await #expect(throws: RenderFailed(page: 5)) {
            _ = try await executor.run(stage: "render", Array(0..<500)) { page in
                inFlight.enter()
                defer { inFlight.leave() }
                spin(microseconds: 100)
                if page == 5 { throw RenderFailed(page: 5) }
                return page
            }
        }
        #expect(inFlight.started.load(ordering: .relaxed) < 500)
        let asyncStarted = InFlight()
        await #expect(throws: RenderFailed(page: 3)) {
            _ = try await executor.run(stage: "render_async", Array(0..<500)) { page in
                asyncStarted.enter()
                defer { asyncStarted.leave() }
                try await Task.sleep(for: .microseconds(200))
                if page == 3 { throw RenderFailed(page: 3) }
                return page
            }
        }
        #expect(asyncStarted.started.load(ordering: .relaxed) < 500)
    }

    @Test("cancelling the caller stops the stage with CancellationError")
    func cancellation() async throws {
        let executor = StagedParallelExecutor(name: "site", concurrencyLimit: 2)
        let started = Atomic<Int>(0)
        // The work cancels its own caller once under way: a test that polled from outside
        // could wait until every item had run when the machine is busy (the items hold the
        // cooperative pool's few threads).
        let handle = Mutex<Task<[Int], any Error>?>(nil)
        let task = Task {
            // 10,000 items of 1 ms: far longer than cancelling takes, however loaded the machine.
            try await executor.run(stage: "render", Array(0..<10_000)) { page in
                if started.add(1, ordering: .relaxed).newValue >= 10 { handle.withLock { $0?.cancel() } }
                Thread.sleep(forTimeInterval: 0.001)
                return page
            }
        }
        handle.withLock { $0 = task }
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(executor.statistics.tasks < 10_000)
    }

    @Test("statistics add up over stages and workers")
    func statistics() async throws {
        let limit = 2
        let executor = StagedParallelExecutor(name: "site", concurrencyLimit: limit)
        _ = try await executor.run(stage: "render", Array(0..<30)) { page in
            spin(microseconds: 200)
            return page
        }
        _ = try await executor.run(stage: "validate", Array(0..<10)) { page in
            spin(microseconds: 100)
            return page
        }
        _ = try await executor.run(stage: "empty", [Int]()) { $0 }
        let stats = executor.statistics
        #expect(stats.name == "site")
        #expect(stats.concurrencyLimit == limit)
        #expect(stats.cores == ProcessInfo.processInfo.activeProcessorCount)
        #expect(stats.tasks == 40)
        #expect(stats.stages.map(\.name) == ["render", "validate", "empty"])
        #expect(stats.stages.map(\.tasks) == [30, 10, 0])
        #expect(stats.busyNs >= 30 * 200_000 + 10 * 100_000)
        #expect(stats.busyNs <= stats.wallNs * Double(limit) + 1_000_000)
        #expect(stats.wallNs == stats.stages.reduce(0) { $0 + $1.wallNs })
        #expect(stats.busyNs == stats.stages.reduce(0) { $0 + $1.busyNs })
        for stage in stats.stages {
            #expect(stage.busyNs >= 0)
            #expect(stage.busyNs <= stage.wallNs * Double(limit) + 1_000_000)
        }
        #expect(stats.workers.count == limit)
        #expect(stats.workers.reduce(0) { $0 + $1.tasks } == 40)
        #expect(stats.workers.reduce(0) { $0 + $1.busyNs } == stats.busyNs)
        #expect(stats.workers.map(\.id) == ["worker-1", "worker-2"])
    }

    @Test("with a profiler, stages and items are spans under the caller's span, and statistics are recorded")
    func profiled() async throws {
        let profiler = Profiler(workflow: "site-build")
        let executor = StagedParallelExecutor(name: "site", concurrencyLimit: 2, profiler: profiler)
        try await profiler.measure("build_site") {
            _ = try await executor.run(stage: "render", Array(0..<6)) { page in
                profiler.measure("render_page") { spin(microseconds: 20) }
                return page
            }
            _ = try await executor.run(stage: "fetch", Array(0..<4)) { page in
                await profiler.measure("fetch_page") { await Task.yield() }
                return page
            }
        }
        let profile = profiler.snapshot()
        let build = try #require(profile.span(named: "build_site"))
        let render = try #require(profile.span(named: "render"))
        let fetch = try #require(profile.span(named: "fetch"))
        #expect(render.parent == build.id)
        #expect(fetch.parent == build.id)
        let renderItems = profile.spans(named: "render.item")
        #expect(renderItems.count == 6)
        #expect(renderItems.allSatisfy { $0.parent == render.id })
        let renderItemIDs = Set(renderItems.map(\.id))
        #expect(profile.spans(named: "render_page").allSatisfy { $0.parent.map(renderItemIDs.contains) == true })
        let fetchItems = profile.spans(named: "fetch.item")
        #expect(fetchItems.count == 4)
        #expect(fetchItems.allSatisfy { $0.parent == fetch.id })
        let fetchItemIDs = Set(fetchItems.map(\.id))
        #expect(profile.spans(named: "fetch_page").allSatisfy { $0.parent.map(fetchItemIDs.contains) == true })
        #expect(profile.parallel == [executor.statistics])
        #expect(profile.parallel.first?.tasks == 10)
    }
}
