import Foundation
import HotpathModel
import HotpathProfiler
import Synchronization
import Testing

@Suite("Thread safety")
struct ThreadSafetyTests {
    /// Checks what every snapshot must hold, however busy the recorders were.
    func expectConsistent(_ profile: Profile) {
        let ids = profile.spans.map(\.id)
        #expect(Set(ids).count == ids.count, "span ids are unique")
        let known = Set(ids)
        #expect(
            profile.spans.allSatisfy { $0.parent.map(known.contains) ?? true }, "every parent is a span of the profile")
        #expect(profile.spans.map(\.startNs) == profile.spans.map(\.startNs).sorted(), "spans are in start order")
        #expect(profile.spans.allSatisfy { $0.durationNs >= 0 && $0.startNs >= 0 })
    }

    @Test("8 tasks × 10,000 spans while snapshots are taken: nothing lost, ids unique, parents valid")
    func manyTasks() async throws {
        let profiler = Profiler(workflow: "test")
        let tasks = 8
        let spansPerTask = 10_000
        let done = Flag()
        let recording = Task {
            defer { done.value.store(true, ordering: .releasing) }
            await withTaskGroup(of: Void.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        await profiler.measure("task") {
                            for index in 0..<spansPerTask {
                                profiler.measure("leaf") {}
                                if index % 1_000 == 0 { await Task.yield() }
                            }
                        }
                        _ = task
                    }
                }
            }
        }
        var snapshots = 0
        while snapshots < 3 || !done.value.load(ordering: .acquiring) {
            expectConsistent(profiler.snapshot())
            snapshots += 1
            try await Task.sleep(for: .milliseconds(2))
        }
        await recording.value
        let profile = profiler.snapshot()
        expectConsistent(profile)
        let roots = profile.spans(named: "task")
        let leaves = profile.spans(named: "leaf")
        #expect(roots.count == tasks)
        #expect(leaves.count == tasks * spansPerTask)
        for root in roots {
            #expect(profile.children(of: root).count == spansPerTask)
        }
        #expect(profile.operation(named: "leaf")?.samples.count == tasks * spansPerTask)
    }

    @Test("threads recording at once: every span kept, each nested under its own thread's span")
    func manyThreads() throws {
        let profiler = Profiler(workflow: "test")
        let threads = 4
        let spansPerThread = 10_000
        let group = DispatchGroup()
        for thread in 0..<threads {
            group.enter()
            Thread.detachNewThread {
                profiler.measure("thread_\(thread)") {
                    for _ in 0..<spansPerThread {
                        profiler.measure("work") { profiler.measure("detail") {} }
                    }
                }
                group.leave()
            }
        }
        group.wait()
        let profile = profiler.snapshot()
        expectConsistent(profile)
        #expect(profile.spans.count == threads * (1 + 2 * spansPerThread))
        var byID: [Int: Span] = [:]
        for span in profile.spans { byID[span.id] = span }
        for thread in 0..<threads {
            let root = try #require(profile.span(named: "thread_\(thread)"))
            let work = profile.children(of: root)
            #expect(work.count == spansPerThread)
            #expect(work.allSatisfy { $0.name == "work" && $0.thread == root.thread })
        }
        for detail in profile.spans(named: "detail") {
            let parent = detail.parent.flatMap { byID[$0] }
            #expect(parent?.name == "work")
            #expect(parent?.thread == detail.thread)
        }
    }
}

final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
