import HotpathModel
import HotpathProfiler
import Testing

@Suite("measureWorkflow")
struct ProfilerWorkflowTests {
    @Test("each iteration is a root span and operation samples accumulate across iterations")
    func iterations() async throws {
        let profiler = Profiler(workflow: "codegen-nightly", runID: "42")
        let indexes = await profiler.measureWorkflow(iterations: 5) { iteration in
            profiler.measure("parse_contract") { spin(microseconds: 20) }
            for _ in 0..<3 {
                await profiler.measure("render_template") {
                    await Task.yield()
                    spin(microseconds: 5)
                }
            }
            return iteration
        }
        #expect(indexes == [0, 1, 2, 3, 4])
        let profile = profiler.snapshot()
        let workflows = profile.spans(named: "workflow")
        #expect(workflows.count == 5)
        #expect(workflows.allSatisfy { $0.parent == nil })
        #expect(profile.operation(named: "workflow")?.samples.count == 5)
        #expect(profile.operation(named: "parse_contract")?.samples.count == 5)
        #expect(profile.operation(named: "render_template")?.samples.count == 15)
        let workflowIDs = Set(workflows.map(\.id))
        #expect(profile.spans(named: "render_template").allSatisfy { $0.parent.map(workflowIDs.contains) == true })
        for workflow in workflows {
            #expect(
                profile.children(of: workflow).map(\.name).sorted()
                    == ["parse_contract", "render_template", "render_template", "render_template"])
        }
        // One memory sample before the first iteration and one after each.
        #expect(profile.memory.samples.count == 6)
        #expect(profile.run.workflow == "codegen-nightly")
        #expect(profile.run.runID == "42")
    }

    @Test("iterations are roots even when the workflow runs inside another span")
    func rootsInsideASpan() async throws {
        let profiler = Profiler(workflow: "test")
        await profiler.measure("benchmark_suite") {
            let runs: [Void] = await profiler.measureWorkflow("site_build", iterations: 2) { _ in
                profiler.measure("render") {}
            }
            #expect(runs.count == 2)
        }
        let profile = profiler.snapshot()
        #expect(profile.spans(named: "site_build").count == 2)
        #expect(profile.spans(named: "site_build").allSatisfy { $0.parent == nil })
    }
}
