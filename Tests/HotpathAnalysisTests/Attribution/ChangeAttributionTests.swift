import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

/// A call tree to generate spans from: each call of a frame takes its own time (log-normal
/// around `selfNs` with the given CV) plus its callees', `calls` times per call of its caller.
struct CallSpec {
    var name: String
    var selfNs: Double
    var calls: Int = 1
    var children: [CallSpec] = []

    static func profile(_ root: CallSpec, rootCalls: Int, cv: Double, seed: UInt64) -> Profile {
        var generator = SeededGenerator(seed: seed)
        var spans: [Span] = []
        var nextID = 1
        var clock = 0.0
        let sigma = cv
        func emit(_ spec: CallSpec, parent: Int?) -> Double {
            let id = nextID
            nextID += 1
            let start = clock
            let index = spans.count
            spans.append(Span(id: id, name: spec.name, startNs: start, durationNs: 0, parent: parent))
            let own = generator.logNormal(median: spec.selfNs, sigma: sigma)
            clock += own / 2
            for child in spec.children {
                for _ in 0..<child.calls { _ = emit(child, parent: id) }
            }
            clock += own / 2
            spans[index].durationNs = clock - start
            return clock - start
        }
        for _ in 0..<rootCalls { _ = emit(root, parent: nil) }
        return Profile(run: ExampleProfiles.run(), spans: SpanTable(spans))
    }
}

@Suite struct ChangeAttributionTests {
    static func renderTemplate(compile: Double = 1_000_000, compileCalls: Int = 1, escapeCalls: Int = 3) -> CallSpec {
        CallSpec(
            name: "render_template", selfNs: 500_000,
            children: [
                CallSpec(
                    name: "compile_template", selfNs: compile, calls: compileCalls,
                    children: [CallSpec(name: "parse", selfNs: 400_000)]),
                CallSpec(name: "escape", selfNs: 100_000, calls: escapeCalls),
            ])
    }

    func compared(_ before: CallSpec, _ after: CallSpec, calls: Int = 60, cv: Double = 0.1) -> Comparison? {
        let baseline = CallSpec.profile(before, rootCalls: calls, cv: cv, seed: 1)
        let current = CallSpec.profile(after, rootCalls: calls, cv: cv, seed: 2)
        return Analyzer().analyze(current, baseline: baseline).comparison
    }

    @Test func slowerSelfTimeIsFoundBelowTheOperation() throws {
        let comparison = try #require(compared(Self.renderTemplate(), Self.renderTemplate(compile: 1_800_000)))
        let render = try #require(comparison.operations.first { $0.name == "render_template" })
        #expect(render.verdict == .regression)
        let attribution = try #require(render.attribution)
        let top = try #require(attribution.frames.first)
        #expect(top.name == "compile_template" && top.kind == .selfTime)
        #expect(top.path == ["render_template", "compile_template"])
        #expect(top.share > 0.8 && attribution.explained >= 0.8)
        // About +0.8 ms of own time per call of compile_template.
        let perCall = try #require(top.currentSelfPerCall) - (try #require(top.baselineSelfPerCall))
        #expect(abs(perCall - 800_000) < 150_000)
        #expect(top.test?.method == "mann_whitney" && (top.test?.pValue ?? 1) < 0.001)
        // The decomposition is exact: per-call totals' change.
        #expect(abs(attribution.change - (attribution.currentValue - attribution.baselineValue)) < 1e-6)
        #expect(attribution.basis == "per_call" && attribution.baselineCalls == 60)
    }

    @Test func callingMoreOftenIsToldApartFromSlowerCalls() throws {
        let comparison = try #require(compared(Self.renderTemplate(), Self.renderTemplate(compileCalls: 3)))
        let render = try #require(comparison.operations.first { $0.name == "render_template" })
        let top = try #require(render.attribution?.frames.first)
        #expect(top.name == "compile_template" && top.kind == .callCount)
        #expect(top.baselineCallsPerParent == 1 && top.currentCallsPerParent == 3)
        #expect(top.test?.method == "poisson" && (top.test?.pValue ?? 1) < 0.001)
        // Its callee is inside the call-count change, not listed on its own.
        #expect(!(render.attribution?.frames.contains { $0.name == "parse" } ?? true))
    }

    @Test func newAndGoneFramesAreIncluded() throws {
        var after = Self.renderTemplate()
        after.children.append(CallSpec(name: "minify", selfNs: 900_000))
        let comparison = try #require(compared(Self.renderTemplate(), after))
        let render = try #require(comparison.operations.first { $0.name == "render_template" })
        let top = try #require(render.attribution?.frames.first)
        #expect(top.name == "minify" && top.kind == .new)

        let back = try #require(compared(after, Self.renderTemplate()))
        let improved = try #require(back.operations.first { $0.name == "render_template" })
        #expect(improved.verdict == .improvement)
        #expect(improved.attribution?.frames.first?.name == "minify")
        #expect(improved.attribution?.frames.first?.kind == .gone)
    }

    @Test func unchangedOperationsAreNotAttributed() throws {
        let comparison = try #require(compared(Self.renderTemplate(), Self.renderTemplate()))
        #expect(comparison.operations.allSatisfy { $0.attribution == nil })
    }

    @Test func recursionCountsTheOutermostCallOnce() throws {
        // eval calls eval calls leaf: eval's time per outermost call includes the inner one.
        func tree(_ leaf: Double) -> CallSpec {
            CallSpec(
                name: "eval", selfNs: 200_000,
                children: [
                    CallSpec(
                        name: "eval", selfNs: 200_000, children: [CallSpec(name: "leaf", selfNs: leaf)])
                ])
        }
        let baseline = CallSpec.profile(tree(300_000), rootCalls: 40, cv: 0.05, seed: 3)
        let current = CallSpec.profile(tree(900_000), rootCalls: 40, cv: 0.05, seed: 4)
        let before = try #require(Analyzer().analyzeForComparison(baseline).contexts)
        let after = try #require(Analyzer().analyzeForComparison(current).contexts)
        let attribution = try #require(
            ChangeAttribution().attribute(operation: "eval", baseline: before, current: after))
        #expect(attribution.baselineCalls == 40 && attribution.currentCalls == 40)
        #expect(abs(attribution.change - 600_000) < 100_000)
        #expect(attribution.frames.first?.path == ["eval", "eval", "leaf"])
    }

    @Test func sampledStacksAttributeSharesWithTwoProportionTests() throws {
        func stacks(_ compile: Double) -> Profile {
            Profile(
                run: ExampleProfiles.run(),
                stacks: [
                    StackSample(frames: ["main", "render", "compile"], weight: compile),
                    StackSample(frames: ["main", "render"], weight: 200),
                    StackSample(frames: ["main", "io"], weight: 600),
                ], stackWeightUnit: .samples)
        }
        let before = try #require(Analyzer().analyzeForComparison(stacks(200)).contexts)
        let after = try #require(Analyzer().analyzeForComparison(stacks(600)).contexts)
        let attribution = try #require(
            ChangeAttribution().attribute(operation: "render", baseline: before, current: after))
        #expect(attribution.basis == "share")
        // render: 400 of 1000 → 800 of 1400.
        #expect(abs(attribution.baselineValue - 0.4) < 1e-12 && abs(attribution.currentValue - 800.0 / 1400) < 1e-12)
        let top = try #require(attribution.frames.first)
        #expect(top.name == "compile" && top.test?.method == "two_proportion" && (top.test?.pValue ?? 1) < 1e-6)
    }
}
