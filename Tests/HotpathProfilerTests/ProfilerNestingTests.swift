import Dispatch
import Foundation
import HotpathModel
import HotpathProfiler
import Testing

@Suite("Nesting")
struct ProfilerNestingTests {
    @Test("a sync span started in another's body gets it as parent; siblings share it")
    func syncNesting() throws {
        let profiler = Profiler(workflow: "test")
        let value = profiler.measure("parse") {
            profiler.measure("tokenize") { spin(microseconds: 50) }
            return profiler.measure("build_tree") {
                profiler.measure("intern") { 42 }
            }
        }
        #expect(value == 42)
        let profile = profiler.snapshot()
        let parse = try #require(profile.span(named: "parse"))
        let tokenize = try #require(profile.span(named: "tokenize"))
        let buildTree = try #require(profile.span(named: "build_tree"))
        let intern = try #require(profile.span(named: "intern"))
        #expect(parse.parent == nil)
        #expect(tokenize.parent == parse.id)
        #expect(buildTree.parent == parse.id)
        #expect(intern.parent == buildTree.id)
        #expect(tokenize.startNs >= parse.startNs && tokenize.endNs <= parse.endNs)
        #expect(tokenize.durationNs >= 40_000)
    }

    @Test("async let children and task group children get the span whose body started them")
    func asyncLetAndTaskGroup() async throws {
        let profiler = Profiler(workflow: "test")
        await profiler.measure("generate") {
            async let models: Void = profiler.measure("load_models") {
                await profiler.measure("decode_model") {
                    await Task.yield()
                    spin(microseconds: 20)
                }
            }
            async let templates: Void = profiler.measure("load_templates") {
                profiler.measure("read_template") { spin(microseconds: 20) }
            }
            _ = await (models, templates)
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<4 {
                    group.addTask {
                        await profiler.measure("render_\(index)") {
                            await Task.yield()
                            profiler.measure("render_\(index).escape") { spin(microseconds: 10) }
                        }
                    }
                }
            }
        }
        let profile = profiler.snapshot()
        let generate = try #require(profile.span(named: "generate"))
        let loadModels = try #require(profile.span(named: "load_models"))
        let loadTemplates = try #require(profile.span(named: "load_templates"))
        #expect(generate.parent == nil)
        #expect(loadModels.parent == generate.id)
        #expect(loadTemplates.parent == generate.id)
        #expect(profile.span(named: "decode_model")?.parent == loadModels.id)
        #expect(profile.span(named: "read_template")?.parent == loadTemplates.id)
        for index in 0..<4 {
            let render = try #require(profile.span(named: "render_\(index)"))
            #expect(render.parent == generate.id)
            #expect(profile.span(named: "render_\(index).escape")?.parent == render.id)
        }
        #expect(profile.spans.count == 13)
    }

    @Test("concurrent tasks each nest under their own span")
    func concurrentTasksKeepTheirParents() async throws {
        let profiler = Profiler(workflow: "test")
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    await profiler.measure("task_\(task)") {
                        for step in 0..<20 {
                            await profiler.measure("task_\(task).step") {
                                if step % 5 == 0 { await Task.yield() }
                                profiler.measure("task_\(task).leaf") { spin(microseconds: 2) }
                            }
                        }
                    }
                }
            }
        }
        let profile = profiler.snapshot()
        for task in 0..<8 {
            let root = try #require(profile.span(named: "task_\(task)"))
            #expect(root.parent == nil)
            let steps = profile.spans(named: "task_\(task).step")
            #expect(steps.count == 20)
            #expect(steps.allSatisfy { $0.parent == root.id })
            let stepIDs = Set(steps.map(\.id))
            let leaves = profile.spans(named: "task_\(task).leaf")
            #expect(leaves.count == 20)
            #expect(leaves.allSatisfy { $0.parent.map(stepIDs.contains) == true })
        }
    }

    @Test("sync spans on threads without a task-local get a thread name and no wrong parent")
    func otherThreads() throws {
        let profiler = Profiler(workflow: "test")
        profiler.measure("outer") {
            DispatchQueue.concurrentPerform(iterations: 16) { _ in
                profiler.measure("iteration") { spin(microseconds: 200) }
            }
            let finished = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                profiler.measure("on_other_thread") {}
                finished.signal()
            }
            finished.wait()
        }
        let profile = profiler.snapshot()
        let outer = try #require(profile.span(named: "outer"))
        let iterations = profile.spans(named: "iteration")
        #expect(iterations.count == 16)
        for iteration in iterations {
            #expect(iteration.thread != nil)
            // concurrentPerform runs some iterations (all, on a busy machine) on the calling
            // thread, inside `outer`'s body; the others run on threads that know no span.
            if iteration.thread == outer.thread {
                #expect(iteration.parent == outer.id)
            } else {
                #expect(iteration.parent == nil)
            }
        }
        let other = try #require(profile.span(named: "on_other_thread"))
        #expect(other.parent == nil)
        #expect(other.thread != nil && other.thread != outer.thread)
    }

    @Test("an explicit parent context carries nesting to other threads")
    func explicitParent() throws {
        let profiler = Profiler(workflow: "test")
        profiler.measure("stage") {
            let context = profiler.currentSpanContext
            #expect(context != nil)
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                profiler.measure("item", parent: context) {
                    profiler.measure("item.detail") { spin(microseconds: 20) }
                }
            }
        }
        let profile = profiler.snapshot()
        let stage = try #require(profile.span(named: "stage"))
        let items = profile.spans(named: "item")
        #expect(items.count == 4)
        #expect(items.allSatisfy { $0.parent == stage.id })
        let itemIDs = Set(items.map(\.id))
        #expect(profile.spans(named: "item.detail").allSatisfy { $0.parent.map(itemIDs.contains) == true })
    }

    @Test("another profiler's context, or none, makes an explicit-parent span a root")
    func foreignContext() throws {
        let first = Profiler(workflow: "first")
        let second = Profiler(workflow: "second")
        let foreign = first.measure("a") { first.currentSpanContext }
        #expect(foreign != nil)
        second.measure("outer") {
            second.measure("handed_foreign", parent: foreign) {}
            second.measure("handed_nothing", parent: nil) {}
        }
        let profile = second.snapshot()
        #expect(profile.span(named: "handed_foreign")?.parent == nil)
        #expect(profile.span(named: "handed_nothing")?.parent == nil)
    }

    @Test("begin/end records a span under the current one; its context parents others")
    func manualSpans() throws {
        let profiler = Profiler(workflow: "test")
        profiler.measure("request") {
            let span = profiler.begin("callback")
            let context = span.context
            spin(microseconds: 30)
            profiler.measure("inside_callback", parent: context) { spin(microseconds: 10) }
            span.end()
        }
        let profile = profiler.snapshot()
        let request = try #require(profile.span(named: "request"))
        let callback = try #require(profile.span(named: "callback"))
        #expect(callback.parent == request.id)
        #expect(callback.durationNs >= 30_000)
        #expect(profile.span(named: "inside_callback")?.parent == callback.id)
    }

    @Test("a span whose body throws is recorded with the error's type, and the error rethrown")
    func failingSpan() async throws {
        struct TemplateMissing: Error {}
        let profiler = Profiler(workflow: "test")
        #expect(throws: TemplateMissing.self) {
            try profiler.measure("render") { () throws(TemplateMissing) in throw TemplateMissing() }
        }
        await #expect(throws: TemplateMissing.self) {
            try await profiler.measure("render_async") { () async throws in throw TemplateMissing() }
        }
        let profile = profiler.snapshot()
        #expect(profile.span(named: "render")?.args == ["error": "TemplateMissing"])
        #expect(profile.span(named: "render_async")?.args == ["error": "TemplateMissing"])
    }

    @Test("spans of two profilers never parent each other")
    func twoProfilers() throws {
        let first = Profiler(workflow: "first")
        let second = Profiler(workflow: "second")
        first.measure("a") {
            second.measure("b") {
                first.measure("c") {}
            }
        }
        let firstProfile = first.snapshot()
        let secondProfile = second.snapshot()
        #expect(secondProfile.span(named: "b")?.parent == nil)
        let a = try #require(firstProfile.span(named: "a"))
        // `c` runs in `b`'s body; `b` belongs to the other profiler, so `c` may only nest under `a` or be a root.
        let c = try #require(firstProfile.span(named: "c"))
        #expect(c.parent == nil || c.parent == a.id)
    }

    @Test("threads are labelled by name or thread-N in the order they began spans")
    func threadLabels() throws {
        let profiler = Profiler(workflow: "test")
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            profiler.measure("on_unnamed_thread") {}
            finished.signal()
        }
        finished.wait()
        Thread.detachNewThread {
            profiler.nameCurrentThread("renderer")
            profiler.measure("on_named_thread") {}
            finished.signal()
        }
        finished.wait()
        let profile = profiler.snapshot()
        #expect(profile.span(named: "on_unnamed_thread")?.thread == "thread-1")
        #expect(profile.span(named: "on_named_thread")?.thread == "renderer")
    }
}
