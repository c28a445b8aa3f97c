import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender
import HotpathTemplates
import Testing
import _HotpathTestSupport

/// A regression's attribution as the Markdown summary says it: one line per change.
@Suite struct AttributionRenderingTests {
    let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))

    /// `calls` calls of render_template, each calling compile_template once (own time `compile`)
    /// and escape three times; every time jittered by a fixed pattern.
    func profile(_ id: String, compile: Double, calls: Int = 40) -> Profile {
        var spans: [Span] = []
        var clock = 0.0
        var nextID = 1
        for call in 0..<calls {
            let jitter = 1 + Double((call * 7919) % 17 - 8) / 100
            let rootID = nextID
            let rootIndex = spans.count
            spans.append(Span(id: rootID, name: "render_template", startNs: clock, durationNs: 0))
            nextID += 1
            clock += 250_000 * jitter
            spans.append(
                Span(id: nextID, name: "compile_template", startNs: clock, durationNs: compile * jitter, parent: rootID)
            )
            nextID += 1
            clock += compile * jitter
            for _ in 0..<3 {
                spans.append(Span(id: nextID, name: "escape", startNs: clock, durationNs: 100_000, parent: rootID))
                nextID += 1
                clock += 100_000
            }
            clock += 250_000 * jitter
            spans[rootIndex].durationNs = clock - spans[rootIndex].startNs
        }
        return Profile(run: ExampleProfiles.run(id), spans: SpanTable(spans))
    }

    @Test func theMarkdownSaysWhereARegressionCameFrom() throws {
        let baseline = profile("before", compile: 1_000_000)
        let current = profile("after", compile: 1_800_000)
        let report = Optimizer().optimize(Analyzer().analyze(current, baseline: baseline))
        let content = SiteContent(
            title: "Nightly", runs: [RunRecord(report: report, samples: Analyzer.samplesByOperation(current))])
        let text = try renderer.markdown(for: content)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("- **render\\_template** +") })
        // +800 µs of compile_template's own time per call, all of render_template's change.
        #expect(line.contains(": 100% from compile\\_template (self +"), "\(line)")
        #expect(line.contains("/call, p &lt; 0.001)"), "\(line)")
        // The line follows the table after a blank line.
        #expect(text.contains("|\n\n- **"))
    }
}
