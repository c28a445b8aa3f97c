import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender
import HotpathTemplates
import Testing
import _HotpathTestSupport

/// The pages of a small, hand-checkable report, compared with goldens in `Snapshots/`.
@Suite struct PageGoldenTests {
    static let files: [RenderedFile] = {
        let baseline = ExampleProfiles.nested()
        var current = ExampleProfiles.nested()
        current.run.runID = "run-2"
        current.run.startTime = "2026-11-21T02:00:00Z"
        current.spans[2].durationNs = 65e6  // render got slower
        let report = Optimizer().optimize(Analyzer().analyze(current, baseline: baseline))
        let before = Optimizer().optimize(Analyzer().analyze(baseline))
        let content = SiteContent(
            title: "Example",
            runs: [
                RunRecord(report: before, samples: Analyzer.samplesByOperation(baseline)),
                RunRecord(
                    report: report, samples: Analyzer.samplesByOperation(current),
                    baselineTree: before.callTree),
            ])
        let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))
        do {
            return try renderer.render(content) + [
                RenderedFile(path: "report.md", text: try renderer.markdown(for: content))
            ]
        } catch {
            Issue.record("rendering failed: \(error)")
            return []
        }
    }()

    @Test(arguments: ["index.html", "report.md"])
    func topLevelPages(_ path: String) throws {
        let file = try #require(Self.files.first { $0.path == path })
        assertSnapshot(file.text, named: path, in: "HotpathRenderTests")
    }

    @Test func runOperationAndFlameGraphPages() throws {
        for suffix in ["run-2-", "flamegraph.html", "operations/render-"] {
            let file = try #require(Self.files.first { $0.path.contains("runs/run-2") && $0.path.contains(suffix) })
            let name =
                suffix.hasPrefix("run") ? "run.html" : suffix.hasPrefix("flame") ? "flamegraph.html" : "operation.html"
            assertSnapshot(file.text, named: name, in: "HotpathRenderTests")
        }
    }
}
